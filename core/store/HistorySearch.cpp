#include "store/HistorySearch.h"

#include "store/HistoryReader.h"
#include "store/Position.h"
#include "store/RecordRow.h"
#include "store/SearchText.h"
#include "store/StoreDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

HistorySearch::HistorySearch(const StoreDatabase &database, const HistoryReader &reader)
    : m_database(database), m_reader(reader)
{
}

Result<QList<SearchHit>> HistorySearch::search(const SearchQuery &query) const
{
    const QStringList terms = SearchText::queryTerms(query.text);
    if (terms.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"search for what? The query is empty"_s);
    if (query.limit <= 0)
        return fail(ErrorCode::InvalidArgument, u"a search must return at least one hit"_s);
    const auto where = m_reader.filter(query.scope);
    if (!where)
        return std::unexpected(where.error());
    if (where->matchesNothing)
        return QList<SearchHit>();

    const qint64 low = query.from ? position::atTime(qBound(qint64{0}, *query.from, maxRecordTime)) : 0;
    qint64 high = query.until ? position::atTime(qBound(qint64{0}, *query.until, maxRecordTime)) : position::newest;
    if (query.before)
        high = qMin(high, *query.before);

    // With index terms, the index leads (CROSS JOIN keeps it the outer loop) and yields positions
    // newest first; without any (only punctuation or emoji), the records are scanned newest first.
    const std::optional<QString> match = SearchText::matchExpression(terms);
    const QString sql = match
        ? u"SELECT %1 FROM search_index CROSS JOIN %2 WHERE r.position = search_index.rowid"
          " AND search_index MATCH ? AND search_index.rowid >= ? AND search_index.rowid < ?%3"
          " ORDER BY search_index.rowid DESC"_s.arg(recordRow::columns(), recordRow::joins(), where->condition)
        : u"SELECT %1 FROM %2 WHERE instr(r.body, ?) > 0 AND r.position >= ? AND r.position < ?%3"
          " ORDER BY r.position DESC"_s.arg(recordRow::columns(), recordRow::joins(), where->condition);
    auto select = m_database.prepare(sql);
    if (!select)
        return std::unexpected(select.error());
    int at = 0;
    select->bindValue(at++, match.value_or(terms.first()));
    select->bindValue(at++, low);
    select->bindValue(at++, high);
    for (const QVariant &value : where->values)
        select->bindValue(at++, value);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());

    QList<SearchHit> hits;
    while (hits.size() < query.limit && select->next()) {
        StoredRecord stored = recordRow::decode(*select);
        // The index knows which characters a record has, not where: keep only real substrings.
        if (!SearchText::confirm(stored.record.body, terms))
            continue;
        SearchText::Snippet snippet = SearchText::snippet(stored.record.body, terms);
        hits.append({std::move(stored), std::move(snippet.text), std::move(snippet.highlights)});
    }
    return hits;
}

} // namespace huiji

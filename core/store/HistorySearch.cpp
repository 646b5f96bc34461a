#include "store/HistorySearch.h"

#include "store/HistoryReader.h"
#include "store/Position.h"
#include "store/RecordRow.h"
#include "store/SearchText.h"
#include "sql/SqlDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

HistorySearch::HistorySearch(const SqlDatabase &database, const HistoryReader &reader)
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

    qint64 low = query.from ? position::atTime(qBound(qint64{0}, *query.from, maxRecordTime)) : 0;
    if (query.after)
        low = qMax(low, *query.after + 1);
    qint64 high = query.until ? position::atTime(qBound(qint64{0}, *query.until, maxRecordTime)) : position::newest;
    if (query.before)
        high = qMin(high, *query.before);

    // With index terms, the index leads (CROSS JOIN keeps it the outer loop), applies the scope
    // itself and yields positions in order. Without any (only punctuation or emoji), the
    // records are scanned in order; a term without case can be looked for in SQL already.
    const std::optional<QString> match = SearchText::matchExpression(terms);
    // The page above a cursor is the one nearest to it: read upwards, then turn it round.
    const QString order = query.after ? u"ASC"_s : u"DESC"_s;
    const QString &first = terms.first();
    const bool caseless = first.toUpper() == first && first.toLower() == first;
    const QString sql = match
        ? u"SELECT %1 FROM search_index CROSS JOIN %2 WHERE r.position = search_index.rowid"
          " AND search_index MATCH ? AND search_index.rowid >= ? AND search_index.rowid < ?"
          " ORDER BY search_index.rowid %3"_s.arg(recordRow::columns(), recordRow::joins(), order)
        : u"SELECT %1 FROM %2 WHERE %3 AND r.position >= ? AND r.position < ?%4"
          " ORDER BY r.position %5"_s.arg(recordRow::columns(), recordRow::joins(),
                                          caseless ? u"instr(r.body, ?) > 0"_s : u"? IS NOT NULL"_s,
                                          where->condition, order);
    auto select = m_database.prepare(sql);
    if (!select)
        return std::unexpected(select.error());
    int at = 0;
    select->bindValue(at++, match ? SearchText::withinScope(*match, where->conversations, where->device) : first);
    select->bindValue(at++, low);
    select->bindValue(at++, high);
    if (!match)
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
    if (query.after)
        std::reverse(hits.begin(), hits.end());
    return hits;
}

} // namespace huiji

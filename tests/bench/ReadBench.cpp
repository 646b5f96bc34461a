#include "ReadBench.h"

#include "BaselineDatabase.h"
#include "JsonLine.h"
#include "MessageText.h"

#include "store/HistoryStore.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

constexpr int pageSize = 50;
constexpr int windowHalf = 25;
constexpr double goalPageP99Ms = 5;
constexpr double goalSearchP99Ms = 10;

// An English-speaking contact with few messages (see HistoryGenerator): searching one
// conversation for a word that is frequent in the whole history.
constexpr int quietContact = 39;

const QString rowColumns = u"position, uid, conversation, device, direction, sender, body, device_time,"
                           " server_time, arrival"_s;

// Runs a prepared row query and decodes every row as the store decodes its own; the positions.
std::vector<qint64> readRows(BaselineDatabase &database, QSqlQuery &query)
{
    database.exec(query);
    std::vector<qint64> positions;
    while (query.next()) {
        Record record;
        record.id = QUuid::fromRfc4122(query.value(1).toByteArray());
        record.direction = static_cast<Direction>(query.value(4).toInt());
        record.sender = query.value(5).toString();
        record.body = query.value(6).toString();
        record.deviceTime = query.value(7).toLongLong();
        if (!query.isNull(8))
            record.serverTime = query.value(8).toLongLong();
        record.arrival = static_cast<Arrival>(query.value(9).toInt());
        positions.push_back(query.value(0).toLongLong());
    }
    query.finish();
    return positions;
}

std::vector<qint64> positionsOf(const QList<StoredRecord> &records)
{
    std::vector<qint64> positions;
    for (const StoredRecord &stored : records)
        positions.push_back(stored.position);
    return positions;
}

template <typename Call>
auto timed(qint64 &nanoseconds, Call call)
{
    QElapsedTimer timer;
    timer.start();
    auto result = call();
    nanoseconds = timer.nsecsElapsed();
    return result;
}

void printLatencies(JsonLine &line, const QString &prefix, const Latencies &latencies)
{
    line.add(prefix + u"p50_ms"_s, latencies.percentileMs(50), 3).add(prefix + u"p99_ms"_s, latencies.percentileMs(99), 3);
}

} // namespace

ReadBench::ReadBench(const HistoryGenerator &generator, const HistoryStore &store, const QString &storePath,
                     const std::vector<qint64> &positions, const Options &options)
    : m_generator(generator)
    , m_store(store)
    , m_options(options)
    , m_baseline(std::make_unique<BaselineDatabase>(storePath, BaselineDatabase::Mode::ReadOnly))
    , m_byContact(HistoryGenerator::contactCount)
    , m_random(static_cast<quint32>(options.seed))
{
    for (std::size_t i = 0; i < positions.size(); ++i)
        m_byContact[static_cast<std::size_t>(generator.contactOf(static_cast<quint32>(i)))].push_back(positions[i]);
    for (auto &mine : m_byContact)
        std::sort(mine.begin(), mine.end());
}

ReadBench::~ReadBench() = default;

void ReadBench::firstPages()
{
    QSqlQuery older = m_baseline->prepare(
        u"SELECT %1 FROM records WHERE position < ? ORDER BY position DESC LIMIT ?"_s.arg(rowColumns));
    Latencies store;
    Latencies baseline;
    int wrong = 0;
    for (int t = 0; t < m_options.pageTries; ++t) {
        const int contact = m_random.bounded(HistoryGenerator::contactCount);
        const auto &mine = m_byContact[static_cast<std::size_t>(contact)];
        if (mine.empty())
            continue;
        const HistoryScope scope{m_generator.account(), m_generator.contactName(contact), {}};
        qint64 ns = 0;
        const auto page = timed(ns, [&] { return m_store.older(scope, std::nullopt, pageSize); });
        if (!page)
            BaselineDatabase::die(u"older() failed: %1"_s.arg(page.error().message));
        store.add(ns);

        const std::size_t count = std::min<std::size_t>(pageSize, mine.size());
        const std::vector<qint64> expected(mine.rbegin(), mine.rbegin() + static_cast<std::ptrdiff_t>(count));
        if (positionsOf(page->records) != expected || page->hasOlder != (mine.size() > count) || page->hasNewer)
            ++wrong;

        older.bindValue(0, mine.back() + 1);
        older.bindValue(1, pageSize);
        timed(ns, [&] { return readRows(*m_baseline, older); });
        baseline.add(ns);
    }
    JsonLine line(u"first_page"_s);
    line.add(u"tries"_s, store.count()).add(u"limit"_s, pageSize);
    printLatencies(line, {}, store);
    line.add(u"baseline"_s, u"pk_range_50"_s);
    printLatencies(line, u"baseline_"_s, baseline);
    line.add(u"correct"_s, wrong == 0)
        .add(u"goal"_s, u"p99_ms <= 5"_s)
        .add(u"met"_s, store.percentileMs(99) <= goalPageP99Ms)
        .print();
}

void ReadBench::windows()
{
    QSqlQuery older = m_baseline->prepare(
        u"SELECT %1 FROM records WHERE position < ? ORDER BY position DESC LIMIT ?"_s.arg(rowColumns));
    QSqlQuery newer = m_baseline->prepare(
        u"SELECT %1 FROM records WHERE position >= ? ORDER BY position ASC LIMIT ?"_s.arg(rowColumns));
    Latencies store;
    Latencies baseline;
    int wrong = 0;
    for (int t = 0; t < m_options.pageTries; ++t) {
        const int contact = m_random.bounded(HistoryGenerator::contactCount);
        const auto &mine = m_byContact[static_cast<std::size_t>(contact)];
        if (mine.empty())
            continue;
        const auto n = static_cast<qsizetype>(mine.size());
        const qsizetype at = static_cast<qsizetype>(m_random.bounded(static_cast<quint64>(n)));
        const qint64 anchor = mine[static_cast<std::size_t>(at)];
        const HistoryScope scope{m_generator.account(), m_generator.contactName(contact), {}};
        qint64 ns = 0;
        const auto page = timed(ns, [&] { return m_store.around(scope, anchor, windowHalf, windowHalf); });
        if (!page)
            BaselineDatabase::die(u"around() failed: %1"_s.arg(page.error().message));
        store.add(ns);

        const qsizetype newest = std::min(n, at + windowHalf);
        const qsizetype oldest = std::max<qsizetype>(0, at - windowHalf);
        std::vector<qint64> expected;
        for (qsizetype k = newest - 1; k >= oldest; --k)
            expected.push_back(mine[static_cast<std::size_t>(k)]);
        if (positionsOf(page->records) != expected || page->anchorIndex != newest - at - 1
            || page->hasNewer != (newest < n) || page->hasOlder != (oldest > 0))
            ++wrong;

        older.bindValue(0, anchor);
        older.bindValue(1, windowHalf);
        newer.bindValue(0, anchor);
        newer.bindValue(1, windowHalf);
        timed(ns, [&] {
            auto rows = readRows(*m_baseline, newer);
            std::reverse(rows.begin(), rows.end());
            const auto olderRows = readRows(*m_baseline, older);
            rows.insert(rows.end(), olderRows.begin(), olderRows.end());
            return rows;
        });
        baseline.add(ns);
    }
    JsonLine line(u"window"_s);
    line.add(u"tries"_s, store.count()).add(u"before"_s, windowHalf).add(u"after"_s, windowHalf);
    printLatencies(line, {}, store);
    line.add(u"baseline"_s, u"pk_range_25_25"_s);
    printLatencies(line, u"baseline_"_s, baseline);
    line.add(u"correct"_s, wrong == 0)
        .add(u"goal"_s, u"p99_ms <= 5"_s)
        .add(u"met"_s, store.percentileMs(99) <= goalPageP99Ms)
        .print();
}

void ReadBench::searches()
{
    search(u"search_rare"_s, MessageText::rareWords(), -1);
    search(u"search_common"_s, MessageText::commonWords(), -1);
    search(u"search_han2"_s, MessageText::hanPairs(), -1);
    search(u"search_common_in_contact"_s, MessageText::commonWords(), quietContact);
}

qint64 ReadBench::conversationKey(int contact)
{
    QSqlQuery find = m_baseline->prepare(u"SELECT id FROM conversations WHERE account = ? AND contact = ?"_s);
    find.bindValue(0, m_generator.account());
    find.bindValue(1, m_generator.contactName(contact));
    m_baseline->exec(find);
    if (!find.next())
        BaselineDatabase::die(u"no conversation with %1"_s.arg(m_generator.contactName(contact)));
    return find.value(0).toLongLong();
}

void ReadBench::search(const QString &bench, const QStringList &words, int contact)
{
    const bool inContact = contact >= 0;
    QSqlQuery like = m_baseline->prepare(
        u"SELECT %1 FROM records WHERE %2body LIKE ? ORDER BY position DESC LIMIT ?"_s.arg(
            rowColumns, inContact ? u"conversation = ? AND "_s : QString()));
    const qint64 conversation = inContact ? conversationKey(contact) : 0;

    Latencies store;
    Latencies baseline;
    qint64 baselineNs = 0;
    qint64 hits = 0;
    int mismatches = 0;
    for (int t = 0; t < m_options.searchTries; ++t) {
        const QString &word = words.at(t % words.size());
        SearchQuery query;
        query.text = word;
        query.limit = pageSize;
        if (inContact)
            query.scope = {m_generator.account(), m_generator.contactName(contact), {}};
        qint64 ns = 0;
        const auto found = timed(ns, [&] { return m_store.search(query); });
        if (!found)
            BaselineDatabase::die(u"search for %1 failed: %2"_s.arg(word, found.error().message));
        store.add(ns);
        hits += found->size();

        // A scan can take long: every word once, then further tries while the budget lasts.
        if (t >= words.size() && static_cast<double>(baselineNs) / 1e9 > m_options.baselineBudgetSeconds)
            continue;
        int at = 0;
        if (inContact)
            like.bindValue(at++, conversation);
        like.bindValue(at++, u'%' + word + u'%');
        like.bindValue(at, pageSize);
        const auto rows = timed(ns, [&] { return readRows(*m_baseline, like); });
        baseline.add(ns);
        baselineNs += ns;
        std::vector<qint64> storeRows;
        for (const SearchHit &hit : *found)
            storeRows.push_back(hit.stored.position);
        if (storeRows != rows)
            ++mismatches;
    }
    JsonLine line(bench);
    line.add(u"queries"_s, words.join(u'|'));
    if (inContact)
        line.add(u"contact_records"_s, static_cast<qint64>(m_byContact[static_cast<std::size_t>(contact)].size()));
    line.add(u"tries"_s, store.count())
        .add(u"limit"_s, pageSize)
        .add(u"hits_mean"_s, static_cast<double>(hits) / static_cast<double>(std::max<qsizetype>(1, store.count())), 1);
    printLatencies(line, {}, store);
    line.add(u"baseline"_s, inContact ? u"like_scan_in_conversation_newest_50"_s : u"like_scan_newest_50"_s)
        .add(u"baseline_tries"_s, baseline.count());
    printLatencies(line, u"baseline_"_s, baseline);
    line.add(u"same_as_baseline"_s, mismatches == 0)
        .add(u"goal"_s, u"p99_ms <= 10"_s)
        .add(u"met"_s, store.percentileMs(99) <= goalSearchP99Ms)
        .print();
}

} // namespace huiji::bench

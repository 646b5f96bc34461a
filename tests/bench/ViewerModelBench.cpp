#include "ViewerModelBench.h"

#include "BaselineDatabase.h"
#include "Checked.h"
#include "JsonLine.h"
#include "ProcessStats.h"
#include "ScrollPass.h"

#include "store/HistoryStore.h"
#include "store/Position.h"
#include "ui/HistoryTimelineModel.h"
#include "ui/SearchResultModel.h"

#include <QDateTime>

#include <algorithm>

#include <malloc.h>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

constexpr int pageSize = HistoryTimelineModel::pageSize;

void addLatencies(JsonLine &line, const QString &prefix, const Latencies &latencies)
{
    line.add(prefix + u"p50_ms"_s, latencies.percentileMs(50), 3)
        .add(prefix + u"max_ms"_s, latencies.percentileMs(100), 3);
}

double milliseconds(qint64 nanoseconds)
{
    return static_cast<double>(nanoseconds) / 1e6;
}

double megabytes(qint64 kibibytes)
{
    return static_cast<double>(kibibytes) / 1024.0;
}

// Bytes malloc has handed out and not had back, from its arenas and (large blocks, such as a
// long list's buffer) mapped on their own. Unlike the resident set it does not hide rows put into
// memory freed earlier (by the warm-up's pages, say), so it shows what the rows cost.
qint64 heapInUse()
{
    const struct mallinfo2 info = ::mallinfo2();
    return static_cast<qint64>(info.uordblks + info.hblkhd);
}

double perRowKib(qint64 bytes, qint64 rows)
{
    return static_cast<double>(bytes) / 1024.0 / static_cast<double>(std::max<qint64>(1, rows));
}

} // namespace

ViewerModelBench::ViewerModelBench(HistoryStore &store, const ConversationSummary &conversation,
                                   const Options &options)
    : m_store(store)
    , m_scope{conversation.account, conversation.contact, {}}
    , m_records(conversation.recordCount)
    , m_options(options)
{
}

void ViewerModelBench::openNewest()
{
    HistoryTimelineModel model(m_store);
    Latencies opened;
    Latencies baseline;
    qint64 coldNs = 0;
    for (int t = 0; t < m_options.tries; ++t) {
        model.setScope({}); // as if another conversation had been open before
        qint64 ns = 0;
        Checked::timed(ns, u"showNewest()"_s, [&] {
            model.setScope(m_scope);
            return model.showNewest();
        });
        if (t == 0)
            coldNs = ns; // the first read of this conversation's pages
        opened.add(ns);
        Checked::timed(ns, u"older()"_s, [&] { return m_store.older(m_scope, std::nullopt, pageSize); });
        baseline.add(ns);
    }
    JsonLine line(u"timeline_open_newest"_s);
    line.add(u"contact_records"_s, m_records)
        .add(u"page"_s, pageSize)
        .add(u"tries"_s, opened.count())
        .add(u"rows"_s, model.rowCount())
        .add(u"cold_ms"_s, milliseconds(coldNs), 3);
    addLatencies(line, {}, opened);
    line.add(u"baseline"_s, u"store_older_newest_page"_s);
    addLatencies(line, u"baseline_"_s, baseline);
    line.print();
}

void ViewerModelBench::scrollOlder()
{
    ScrollPass::throughStore(m_store, m_scope, m_options.scrollRows); // warms the cache for both passes
    const qint64 rssBefore = ProcessStats::ownResidentKib();
    const qint64 heapBefore = heapInUse();
    ScrollPass viaModel;
    qint64 rowsHeld = 0;
    qint64 rssAfter = 0;
    qint64 heapAfter = 0;
    {
        HistoryTimelineModel model(m_store);
        viaModel = ScrollPass::throughModel(model, m_scope, m_options.scrollRows);
        rowsHeld = model.rowCount();
        rssAfter = ProcessStats::ownResidentKib();
        heapAfter = heapInUse();
    }
    const ScrollPass viaStore = ScrollPass::throughStore(m_store, m_scope, m_options.scrollRows);
    JsonLine line(u"timeline_scroll_older"_s);
    line.add(u"contact_records"_s, m_records).add(u"page"_s, pageSize);
    viaModel.addTo(line, {});
    line.add(u"rows_held"_s, rowsHeld) // below rows only if the model lets pages go
        .add(u"rss_before_open_mb"_s, megabytes(rssBefore), 1)
        .add(u"rss_after_scroll_mb"_s, megabytes(rssAfter), 1)
        .add(u"rss_growth_kib_per_row_held"_s, perRowKib((rssAfter - rssBefore) * 1024, rowsHeld), 2)
        .add(u"heap_growth_mb"_s, static_cast<double>(heapAfter - heapBefore) / (1024.0 * 1024.0), 1)
        .add(u"heap_growth_kib_per_row_held"_s, perRowKib(heapAfter - heapBefore, rowsHeld), 2)
        .add(u"baseline"_s, u"store_older_paging_one_page_held"_s);
    viaStore.addTo(line, u"baseline_"_s);
    line.print();
}

void ViewerModelBench::jumpToDate()
{
    qint64 ns = 0;
    const auto oldest = Checked::timed(ns, u"newer()"_s, [&] { return m_store.newer(m_scope, -1, 1); });
    const auto newest = Checked::timed(ns, u"older()"_s, [&] { return m_store.older(m_scope, std::nullopt, 1); });
    if (oldest->records.isEmpty() || newest->records.isEmpty())
        BaselineDatabase::die(u"%1 has no records"_s.arg(m_scope.contact));
    const qint64 first = oldest->records.first().record.orderTime();
    const qint64 span = newest->records.first().record.orderTime() - first;

    HistoryTimelineModel model(m_store);
    model.setScope(m_scope);
    Latencies jumped;
    Latencies baseline;
    int row = -1;
    for (int t = 0; t < m_options.tries; ++t) {
        // Days spread over the middle fifth of the conversation, so each try reads other pages;
        // the anchor is the start of the day, as HistoryViewer::jumpToDate makes it.
        const double fraction = 0.4 + 0.2 * t / std::max(1, m_options.tries - 1);
        const qint64 time = first + static_cast<qint64>(static_cast<double>(span) * fraction);
        const QDate day = QDateTime::fromMSecsSinceEpoch(time).date();
        const qint64 anchor = position::atTime(day.startOfDay().toMSecsSinceEpoch());
        // The same window the model asks for (half a page either side).
        const auto window = [&] { return m_store.around(m_scope, anchor, pageSize / 2, pageSize / 2); };
        Checked::timed(ns, u"around()"_s, window); // not counted: the first read of these pages
        row = *Checked::timed(ns, u"showAround()"_s, [&] { return model.showAround(anchor); });
        jumped.add(ns);
        Checked::timed(ns, u"around()"_s, window);
        baseline.add(ns);
    }
    JsonLine line(u"timeline_jump_to_date"_s);
    line.add(u"contact_records"_s, m_records)
        .add(u"tries"_s, jumped.count())
        .add(u"rows"_s, model.rowCount())
        .add(u"anchor_row"_s, row);
    addLatencies(line, {}, jumped);
    line.add(u"baseline"_s, u"store_around_50_50"_s);
    addLatencies(line, u"baseline_"_s, baseline);
    line.print();
}

void ViewerModelBench::search(const QString &bench, const QStringList &words)
{
    SearchQuery query;
    query.limit = SearchResultModel::pageSize;
    qint64 ns = 0;
    for (const QString &word : words) { // not counted: the first read of each word's pages
        query.text = word;
        Checked::timed(ns, u"search()"_s, [&] { return m_store.search(query); });
    }
    SearchResultModel model(m_store);
    Latencies viaModel;
    Latencies baseline;
    qint64 rows = 0;
    int mismatches = 0;
    for (int t = 0; t < m_options.tries; ++t) {
        query.text = words.at(t % words.size());
        Checked::timed(ns, u"SearchResultModel::search()"_s, [&] { return model.search(query.text, {}); });
        viaModel.add(ns);
        rows += model.rowCount();
        const auto hits = Checked::timed(ns, u"search()"_s, [&] { return m_store.search(query); });
        baseline.add(ns);
        bool same = hits->size() == model.rowCount();
        for (int row = 0; same && row < model.rowCount(); ++row)
            same = model.hitAt(row).stored.position == hits->at(row).stored.position;
        mismatches += same ? 0 : 1;
    }
    JsonLine line(bench);
    line.add(u"queries"_s, words.join(u'|'))
        .add(u"scope"_s, u"all_conversations"_s)
        .add(u"tries"_s, viaModel.count())
        .add(u"limit"_s, SearchResultModel::pageSize)
        .add(u"rows_mean"_s, static_cast<double>(rows) / static_cast<double>(std::max<qsizetype>(1, viaModel.count())),
             1)
        .add(u"more_to_fetch"_s, model.canFetchMore({}));
    addLatencies(line, {}, viaModel);
    line.add(u"baseline"_s, u"store_search_newest_50"_s);
    addLatencies(line, u"baseline_"_s, baseline);
    line.add(u"same_rows_as_baseline"_s, mismatches == 0).print();
}

} // namespace huiji::bench

#include "ScrollPass.h"

#include "Checked.h"
#include "JsonLine.h"

#include "store/HistoryStore.h"
#include "ui/HistoryTimelineModel.h"

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

constexpr std::size_t edgePages = 10;

} // namespace

ScrollPass ScrollPass::throughModel(HistoryTimelineModel &model, const HistoryScope &scope, qint64 rows)
{
    ScrollPass pass;
    QElapsedTimer timer;
    timer.start();
    qint64 ns = 0;
    Checked::timed(ns, u"showNewest()"_s, [&] {
        model.setScope(scope);
        return model.showNewest();
    });
    pass.pages.push_back(ns);
    pass.rows = model.rowCount();
    while (pass.rows < rows && model.canFetchOlder()) {
        const auto fetched = Checked::timed(ns, u"fetchOlder()"_s, [&] { return model.fetchOlder(); });
        pass.pages.push_back(ns);
        pass.rows += *fetched;
    }
    pass.nanoseconds = timer.nsecsElapsed();
    return pass;
}

ScrollPass ScrollPass::throughStore(const HistoryStore &store, const HistoryScope &scope, qint64 rows)
{
    ScrollPass pass;
    QElapsedTimer timer;
    timer.start();
    std::optional<qint64> before;
    while (pass.rows < rows) {
        qint64 ns = 0;
        const auto page = Checked::timed(ns, u"older()"_s, [&] {
            return store.older(scope, before, HistoryTimelineModel::pageSize);
        });
        pass.pages.push_back(ns);
        pass.rows += page->records.size();
        if (!page->hasOlder || page->records.isEmpty())
            break;
        before = page->records.last().position;
    }
    pass.nanoseconds = timer.nsecsElapsed();
    return pass;
}

double ScrollPass::rowsPerSecond() const
{
    return nanoseconds > 0 ? static_cast<double>(rows) * 1e9 / static_cast<double>(nanoseconds) : 0;
}

double ScrollPass::edgePagesMs(bool last) const
{
    const auto count = static_cast<std::ptrdiff_t>(std::min(edgePages, pages.size()));
    if (count == 0)
        return 0;
    const auto from = last ? pages.end() - count : pages.begin();
    const qint64 sum = std::accumulate(from, from + count, qint64{0});
    return static_cast<double>(sum) / 1e6 / static_cast<double>(count);
}

void ScrollPass::addTo(JsonLine &line, const QString &prefix) const
{
    line.add(prefix + u"rows"_s, rows)
        .add(prefix + u"rows_per_s"_s, rowsPerSecond(), 0)
        .add(prefix + u"first_pages_ms"_s, edgePagesMs(false), 3)
        .add(prefix + u"last_pages_ms"_s, edgePagesMs(true), 3);
}

} // namespace huiji::bench

#include "ViewerWidgetBench.h"

#include "BaselineDatabase.h"
#include "JsonLine.h"
#include "ScrollPass.h"

#include "client/Profile.h"
#include "ui/HistoryTimelineModel.h"
#include "ui/HistoryViewer.h"
#include "ui/TimelineListView.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPixmap>
#include <QScrollBar>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

constexpr int settleMs = 200;
constexpr int pageTimeoutMs = 10000;

// One opening of the window, in its three steps.
struct Opening {
    qint64 madeNs = 0;    // the constructor: conversations, devices, the most recent conversation
    qint64 openedNs = 0;  // openConversation()
    qint64 paintedNs = 0; // show() and grab()
    qint64 total() const { return madeNs + openedNs + paintedNs; }
};

std::unique_ptr<HistoryViewer> openViewer(Profile &profile, const ConversationSummary &conversation, Opening &opening)
{
    QElapsedTimer timer;
    timer.start();
    auto viewer = std::make_unique<HistoryViewer>(profile);
    opening.madeNs = timer.nsecsElapsed();
    viewer->openConversation(conversation.account, conversation.contact);
    opening.openedNs = timer.nsecsElapsed() - opening.madeNs;
    viewer->show();
    const QPixmap painted = viewer->grab();
    opening.paintedNs = timer.nsecsElapsed() - opening.madeNs - opening.openedNs;
    if (painted.isNull())
        BaselineDatabase::die(u"the history viewer painted nothing"_s);
    return viewer;
}

// Runs the event loop a while: a shown TimelineListView scrolls into place, and may fetch pages,
// on zero-time timers.
void settle()
{
    QEventLoop loop;
    QTimer::singleShot(settleMs, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

ViewerWidgetBench::ViewerWidgetBench(Profile &profile, Profile &emptyProfile, const ConversationSummary &conversation,
                                     const Options &options)
    : m_profile(profile)
    , m_emptyProfile(emptyProfile)
    , m_conversation(conversation)
    , m_options(options)
{
}

void ViewerWidgetBench::firstPaint()
{
    Latencies total;
    Latencies made;
    Latencies opened;
    Latencies painted;
    Latencies baseline;
    qint64 coldNs = 0;
    int settledRows = 0;
    for (int t = 0; t < m_options.tries; ++t) {
        Opening opening;
        auto viewer = openViewer(m_profile, m_conversation, opening);
        if (viewer->timelineView()->timeline()->scope().contact != m_conversation.contact)
            BaselineDatabase::die(u"the history viewer did not open %1"_s.arg(m_conversation.contact));
        if (t == 0)
            coldNs = opening.total(); // the window's first opening in this process
        total.add(opening.total());
        made.add(opening.madeNs);
        opened.add(opening.openedNs);
        painted.add(opening.paintedNs);
        settle();
        settledRows = viewer->timelineView()->timeline()->rowCount();
        viewer.reset();

        Opening empty;
        openViewer(m_emptyProfile, m_conversation, empty).reset();
        baseline.add(empty.total());
    }
    JsonLine(u"viewer_first_paint"_s)
        .add(u"contact_records"_s, m_conversation.recordCount)
        .add(u"tries"_s, total.count())
        .add(u"cold_ms"_s, static_cast<double>(coldNs) / 1e6, 3)
        .add(u"p50_ms"_s, total.percentileMs(50), 3)
        .add(u"max_ms"_s, total.percentileMs(100), 3)
        .add(u"construct_p50_ms"_s, made.percentileMs(50), 3)
        .add(u"open_conversation_p50_ms"_s, opened.percentileMs(50), 3)
        .add(u"show_grab_p50_ms"_s, painted.percentileMs(50), 3)
        .add(u"rows_after_settle"_s, settledRows)
        .add(u"baseline"_s, u"same_window_empty_profile"_s)
        .add(u"baseline_p50_ms"_s, baseline.percentileMs(50), 3)
        .add(u"baseline_max_ms"_s, baseline.percentileMs(100), 3)
        .print();
}

void ViewerWidgetBench::scrollUp()
{
    const HistoryScope scope{m_conversation.account, m_conversation.contact, {}};
    // Warms the profile's own connection, which both the window and the bare model read through.
    ScrollPass::throughStore(m_profile.history(), scope, m_options.scrollRows);
    Opening opening;
    auto viewer = openViewer(m_profile, m_conversation, opening);
    settle();
    TimelineListView *view = viewer->timelineView();
    const HistoryTimelineModel *model = view->timeline();
    QScrollBar *bar = view->verticalScrollBar();
    const int start = model->rowCount();
    // Rows that came above; past the model's window as many go below, so the row count stops.
    qint64 paged = 0;
    QObject::connect(model, &QAbstractItemModel::rowsInserted, view, [&paged](const QModelIndex &, int first, int last) {
        if (first == 0)
            paged += last - first + 1;
    });
    ScrollPass pass;
    bool outOfTime = false;
    QElapsedTimer timer;
    timer.start();
    while (paged < m_options.scrollRows && model->canFetchOlder()) {
        if (timer.elapsed() > m_options.scrollBudgetMs) {
            outOfTime = true;
            break;
        }
        const qint64 before = paged;
        QElapsedTimer page;
        page.start();
        bar->setValue(bar->minimum()); // the user drags the bar to the top
        // The view asks for the page on a zero-time timer, then lays out its rows again; spinning
        // rather than waiting on a timer keeps the page's time free of a polling interval.
        while (paged == before && page.elapsed() < pageTimeoutMs)
            QCoreApplication::processEvents();
        view->viewport()->repaint();
        pass.pages.push_back(page.nsecsElapsed());
        if (paged == before)
            BaselineDatabase::die(u"the timeline fetched no older page at its top"_s);
    }
    pass.nanoseconds = timer.nsecsElapsed();
    pass.rows = paged;
    const int rowsHeld = model->rowCount();
    viewer.reset();

    HistoryTimelineModel bare(m_profile.history());
    const ScrollPass baseline = ScrollPass::throughModel(bare, scope, start + paged);
    JsonLine line(u"viewer_scroll_up"_s);
    line.add(u"contact_records"_s, m_conversation.recordCount).add(u"pages"_s, static_cast<qint64>(pass.pages.size()));
    pass.addTo(line, {});
    line.add(u"rows_held"_s, rowsHeld)
        .add(u"out_of_time"_s, outOfTime)
        .add(u"baseline"_s, u"bare_model_fetch_older_same_rows"_s);
    baseline.addTo(line, u"baseline_"_s);
    line.print();
}

} // namespace huiji::bench

// PagedListView through its two lists, the history timeline and the search hits: reading a long
// conversation or a long search all the way down and back up slides a bounded window of rows, and
// at every page that comes or goes the row the user reads stays where it was on screen.

#include "HistoryTestData.h"

#include "ui/HistoryRecordDelegate.h"
#include "ui/HistoryTimelineModel.h"
#include "ui/SearchHitDelegate.h"
#include "ui/SearchResultList.h"
#include "ui/SearchResultModel.h"
#include "ui/TimelineListView.h"

#include <QAbstractItemModelTester>
#include <QScrollBar>

using namespace huiji;
using namespace huiji::test;

class TstPagedListView : public QObject
{
    Q_OBJECT

private:
    enum class Way { Down, Up };

    static QModelIndex rowAt(const QAbstractItemModel &model, int positionRole, qint64 position)
    {
        for (int row = 0; row < model.rowCount(); ++row)
            if (model.index(row, 0).data(positionRole).toLongLong() == position)
                return model.index(row, 0);
        return {};
    }

    static std::pair<qint64, qint64> ends(const QAbstractItemModel &model, int positionRole)
    {
        return {model.index(0, 0).data(positionRole).toLongLong(),
                model.index(model.rowCount() - 1, 0).data(positionRole).toLongLong()};
    }

    // Scrolls to a pixel short of one end and then onto it, which pages in there (at once below,
    // when the event loop turns above) and lets rows go at the other end. The row at the top must
    // have moved by that one pixel and no more.
    static void page(QListView &view, Way way, int positionRole)
    {
        QScrollBar *bar = view.verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > bar->minimum() + 1); // laid out once the event loop turns
        bar->setValue(way == Way::Down ? bar->maximum() - 1 : bar->minimum() + 1);
        const QModelIndex top = view.indexAt(QPoint(1, 1));
        QVERIFY(top.isValid());
        const qint64 position = top.data(positionRole).toLongLong();
        const int y = view.visualRect(top).top();
        const auto before = ends(*view.model(), positionRole);

        bar->setValue(way == Way::Down ? bar->maximum() : bar->minimum());
        QTRY_VERIFY2(ends(*view.model(), positionRole) != before, way == Way::Down ? "down" : "up");
        const QModelIndex kept = rowAt(*view.model(), positionRole, position);
        QVERIFY2(kept.isValid(), "the row the user was reading went");
        QCOMPARE(view.visualRect(kept).top(), way == Way::Down ? y - 1 : y + 1);
    }

    static void show(QListView &view)
    {
        view.resize(480, 360);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }

private slots:
    void timelineKeepsItsPlaceBothWays()
    {
        HistoryFixture fixture(HistoryTimelineModel::maxRows + 350);
        HUIJI_CHECK_CREATE(fixture);
        auto *model = new HistoryTimelineModel(fixture.store());
        TimelineListView view(model);
        model->setParent(&view);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        HUIJI_CHECKED(show(view));
        model->setScope({account, u"dev-team"_s, {}});
        const QList<Record> all = fixture.of(u"dev-team"_s);
        const auto oldest = fixture.store().positionOf(RecordKey::of(all.first()));
        HUIJI_VERIFY_OK(oldest);
        HUIJI_VERIFY_OK(view.showAround(*oldest, false));
        QVERIFY(!model->canFetchOlder());

        int pages = 0;
        while (model->canFetchMore({})) {
            HUIJI_CHECKED(page(view, Way::Down, HistoryTimelineModel::PositionRole));
            QVERIFY(model->rowCount() <= HistoryTimelineModel::maxRows);
            QVERIFY(view.recordDelegate()->heights().size() <= model->rowCount());
            ++pages;
        }
        QVERIFY(pages > HistoryTimelineModel::maxRows / HistoryTimelineModel::pageSize);
        QCOMPARE(model->recordAt(model->rowCount() - 1).record.id, all.last().id);
        QVERIFY(model->canFetchOlder());

        while (model->canFetchOlder()) {
            HUIJI_CHECKED(page(view, Way::Up, HistoryTimelineModel::PositionRole));
            QVERIFY(model->rowCount() <= HistoryTimelineModel::maxRows);
        }
        QCOMPARE(model->recordAt(0).record.id, all.first().id);
        QVERIFY(model->canFetchMore({}));
    }

    void searchResultsKeepTheirPlaceBothWays()
    {
        // 1,275 hits: not a whole number of pages, so the last page says it is the last.
        HistoryFixture fixture(2 * 1'275);
        HUIJI_CHECK_CREATE(fixture);
        auto *model = new SearchResultModel(fixture.store());
        SearchResultList view(model);
        model->setParent(&view);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        HUIJI_CHECKED(show(view));
        HUIJI_VERIFY_OK(model->search(u"构建"_s, {}));
        const qint64 newest = model->hitAt(0).stored.position;

        while (model->canFetchMore({})) {
            HUIJI_CHECKED(page(view, Way::Down, SearchResultModel::PositionRole));
            QVERIFY(model->rowCount() <= SearchResultModel::maxRows);
            QVERIFY(view.hitDelegate()->heights().size() <= model->rowCount());
        }
        QCOMPARE(model->found(), 1'275);
        QVERIFY(model->canFetchNewer());

        while (model->canFetchNewer()) {
            HUIJI_CHECKED(page(view, Way::Up, SearchResultModel::PositionRole));
            QVERIFY(model->rowCount() <= SearchResultModel::maxRows);
        }
        QCOMPARE(model->hitAt(0).stored.position, newest);
        QCOMPARE(model->found(), 1'275);
    }
};

QTEST_MAIN(TstPagedListView)
#include "tst_pagedlistview.moc"

#include "HistoryTestData.h"

#include "ui/DeviceColors.h"
#include "ui/HistoryConversationModel.h"
#include "ui/HistoryDeviceFilter.h"
#include "ui/HistoryDeviceLanes.h"
#include "ui/HistorySearchPanel.h"
#include "ui/HistoryTimelineModel.h"
#include "ui/HistoryViewer.h"
#include "ui/SearchResultList.h"
#include "ui/SearchResultModel.h"
#include "ui/TimelineListView.h"

#include "protocol/HistoryFile.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>

using namespace huiji;
using namespace huiji::test;

class TstHistoryViewer : public QObject
{
    Q_OBJECT

private:
    static QStringList bodies(const QAbstractItemModel &model)
    {
        QStringList list;
        for (int row = 0; row < model.rowCount(); ++row)
            list.append(model.index(row, 0).data(HistoryTimelineModel::BodyRole).toString());
        return list;
    }

    static bool inView(const QAbstractItemView &view, const QModelIndex &index)
    {
        return index.isValid() && view.viewport()->rect().intersects(view.visualRect(index));
    }

    static QUuid currentId(const QAbstractItemView &view)
    {
        return view.currentIndex().data(HistoryTimelineModel::IdRole).toUuid();
    }

    // Saves a picture of the window when HUIJI_SCREENSHOT_DIR names a folder.
    static void screenshot(QWidget &widget, const QString &name)
    {
        const QString folder = qEnvironmentVariable("HUIJI_SCREENSHOT_DIR");
        if (folder.isEmpty())
            return;
        QVERIFY(QDir().mkpath(folder));
        QCoreApplication::processEvents(); // the layouts' posted requests, as a shown window has them done
        QVERIFY(widget.grab().save(QDir(folder).filePath(name + u".png"_s)));
    }

    // Chinese is typed through an input method, which commits the composed text at once.
    static void typeWithInputMethod(QWidget *widget, const QString &text)
    {
        QInputMethodEvent commit;
        commit.setCommitString(text);
        QApplication::sendEvent(widget, &commit);
    }

    static void showAndActivate(HistoryViewer &viewer)
    {
        viewer.show();
        viewer.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&viewer));
    }

    // Walks a combo box with the arrow keys to the item with this data, as a user would.
    static void chooseByKeyboard(QComboBox &box, const QString &data)
    {
        box.setFocus();
        QTest::keyClick(&box, Qt::Key_Home);
        for (int step = 0; step < box.count() && box.currentData().toString() != data; ++step)
            QTest::keyClick(&box, Qt::Key_Down);
        QCOMPARE(box.currentData().toString(), data);
    }

private slots:
    void showsLabelledRecordsOfThreeDevicesInOrder()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryViewer viewer(fixture.profile());
        HUIJI_CHECKED(showAndActivate(viewer));

        // It opens on the most recent conversation, at its newest record.
        QCOMPARE(viewer.conversationList()->currentIndex().data(HistoryConversationModel::ContactRole).toString(),
                 u"bob"_s);
        QCOMPARE(viewer.conversationList()->model()->rowCount(), 3);
        TimelineListView *view = viewer.timelineView();
        HistoryTimelineModel *model = view->timeline();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(bodies(*model), bodiesOf(fixture.of(u"bob"_s)));
        QTRY_VERIFY(inView(*view, model->index(model->rowCount() - 1)));

        QSet<QString> labels;
        int deviceChanges = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            labels.insert(model->index(row).data(HistoryTimelineModel::DeviceLabelRole).toString());
            if (row > 0 && model->index(row).data(HistoryTimelineModel::DeviceIdRole)
                               != model->index(row - 1).data(HistoryTimelineModel::DeviceIdRole))
                ++deviceChanges;
        }
        QCOMPARE(labels, (QSet<QString>{u"Desktop"_s, laptop.name, phone.name}));
        QVERIFY(deviceChanges >= 5);

        screenshot(viewer, u"history-viewer"_s);
        // Each record in view is painted with its device's colour down its left edge.
        const QImage image = view->viewport()->grab().toImage();
        int checked = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QRect rect = view->visualRect(model->index(row)) & view->viewport()->rect();
            if (rect.height() < 20)
                continue;
            const QColor color = model->index(row).data(HistoryTimelineModel::DeviceColorRole).value<QColor>();
            const int y = rect.bottom() - rect.height() / 4;
            bool found = false;
            for (int x = rect.left(); x < rect.left() + 30 && !found; ++x)
                found = image.pixel(x, y) == color.rgb();
            QVERIFY2(found, qPrintable(model->index(row).data(HistoryTimelineModel::BodyRole).toString()));
            ++checked;
        }
        QVERIFY(checked >= 3);
    }

    void filtersByDevice()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryViewer viewer(fixture.profile());
        HUIJI_CHECKED(showAndActivate(viewer));
        HistoryTimelineModel *model = viewer.timelineView()->timeline();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        HistoryDeviceFilter *filter = viewer.deviceFilterBox();
        // All devices, this machine, then the two others.
        QCOMPARE(filter->count(), 4);
        QCOMPARE(filter->itemData(1).toString(), fixture.desktop().id);

        HUIJI_CHECKED(chooseByKeyboard(*filter, laptop.id));
        QCOMPARE(bodies(*model), bodiesOf(fixture.of(u"bob"_s, laptop.id)));
        HUIJI_CHECKED(chooseByKeyboard(*filter, fixture.desktop().id)); // "This machine"
        QCOMPARE(bodies(*model), bodiesOf(fixture.of(u"bob"_s, fixture.desktop().id)));
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row).data(HistoryTimelineModel::DeviceLabelRole).toString(), u"Desktop"_s);
        viewer.setDeviceFilter(phone.id);
        QCOMPARE(bodies(*model), bodiesOf(fixture.of(u"bob"_s, phone.id)));
        // The filter stays when another conversation is chosen.
        viewer.openConversation(account, u"carol"_s);
        QCOMPARE(bodies(*model), bodiesOf(fixture.of(u"carol"_s, phone.id)));
        HUIJI_CHECKED(chooseByKeyboard(*filter, QString()));
        QCOMPARE(bodies(*model), bodiesOf(fixture.of(u"carol"_s)));
    }

    void groupsByDevice()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryViewer viewer(fixture.profile());
        HUIJI_CHECKED(showAndActivate(viewer));
        viewer.groupByDeviceAction()->trigger();
        QVERIFY(viewer.deviceLanes()->isVisible());
        QVERIFY(!viewer.timelineView()->isVisible());

        const QList<TimelineListView *> lanes = viewer.deviceLanes()->lanes();
        QCOMPARE(lanes.size(), 3);
        QSet<QString> devices;
        qsizetype total = 0;
        for (TimelineListView *lane : lanes) {
            QAbstractItemModelTester tester(lane->timeline(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            const QString device = lane->timeline()->scope().device;
            devices.insert(device);
            QCOMPARE(bodies(*lane->timeline()), bodiesOf(fixture.of(u"bob"_s, device)));
            total += lane->timeline()->rowCount();
        }
        QCOMPARE(devices, (QSet<QString>{fixture.desktop().id, laptop.id, phone.id}));
        QCOMPARE(total, fixture.of(u"bob"_s).size());
        screenshot(viewer, u"history-viewer-grouped"_s);

        // Conversations where a device has no records get no lane for it.
        viewer.openConversation(account, u"carol"_s);
        QCOMPARE(viewer.deviceLanes()->lanes().size(), 2);
        // Grouped and filtered: one lane.
        viewer.setDeviceFilter(laptop.id);
        QCOMPARE(viewer.deviceLanes()->lanes().size(), 1);
        QCOMPARE(bodies(*viewer.deviceLanes()->lanes().first()->timeline()), bodiesOf(fixture.of(u"carol"_s, laptop.id)));

        // A hit is selected in its device's lane.
        viewer.setDeviceFilter({});
        viewer.openConversation(account, u"bob"_s);
        SearchResultModel results(fixture.store());
        HUIJI_VERIFY_OK(results.search(u"纪要"_s, {}));
        QCOMPARE(results.rowCount(), 1);
        viewer.jumpToHit(results.hitAt(0));
        TimelineListView *lane = viewer.deviceLanes()->laneOf(fixture.desktop().id);
        QVERIFY(lane);
        QCOMPARE(currentId(*lane), results.hitAt(0).stored.record.id);

        viewer.setGroupedByDevice(false);
        QVERIFY(viewer.timelineView()->isVisible());
        QCOMPARE(currentId(*viewer.timelineView()), results.hitAt(0).stored.record.id); // the place is kept
        QCOMPARE(bodies(*viewer.timelineView()->timeline()), bodiesOf(fixture.of(u"bob"_s)));
    }

    void findsAChineseTermAndJumpsToIt()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryViewer viewer(fixture.profile());
        HUIJI_CHECKED(showAndActivate(viewer));
        viewer.openConversation(account, u"王芳"_s);
        HistorySearchPanel *search = viewer.searchPanel();
        QLineEdit *box = search->searchBox();
        box->setFocus();
        typeWithInputMethod(box, u"会议"_s);
        QCOMPARE(box->text(), u"会议"_s);
        QTest::keyClick(box, Qt::Key_Return);

        SearchResultModel *results = search->results();
        QAbstractItemModelTester tester(results, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(results->rowCount(), 4);
        QVERIFY(search->resultList()->isVisible());
        QVERIFY(!viewer.conversationList()->isVisible());

        // Down walks from the box into the hits; the newest is bob's, so bob's conversation opens
        // around it with the hit selected and in view.
        QTest::keyClick(box, Qt::Key_Down);
        QVERIFY(search->resultList()->hasFocus());
        const SearchHit first = results->hitAt(0);
        QCOMPARE(first.stored.record.contact, u"bob"_s);
        TimelineListView *view = viewer.timelineView();
        QCOMPARE(viewer.conversationList()->currentIndex().data(HistoryConversationModel::ContactRole).toString(),
                 u"bob"_s);
        QCOMPARE(currentId(*view), first.stored.record.id);
        QVERIFY(view->selectionModel()->isSelected(view->currentIndex()));
        QTRY_VERIFY(inView(*view, view->currentIndex()));
        QCOMPARE(bodies(*view->timeline()), bodiesOf(fixture.of(u"bob"_s)));

        // The next hit is carol's.
        QTest::keyClick(search->resultList(), Qt::Key_Down);
        const SearchHit second = results->hitAt(1);
        QCOMPARE(second.stored.record.contact, u"carol"_s);
        QCOMPARE(viewer.conversationList()->currentIndex().data(HistoryConversationModel::ContactRole).toString(),
                 u"carol"_s);
        QCOMPARE(currentId(*view), second.stored.record.id);
        QTRY_VERIFY(inView(*view, view->currentIndex()));
        screenshot(viewer, u"history-viewer-search"_s);

        // Enter goes on to read in the conversation.
        QTest::keyClick(search->resultList(), Qt::Key_Return);
        QTRY_VERIFY(view->hasFocus());

        // Only this conversation (carol's) now.
        search->scopeBox()->setFocus();
        QTest::keyClick(search->scopeBox(), Qt::Key_Down);
        QCOMPARE(search->scopeBox()->currentIndex(), 1);
        QCOMPARE(results->rowCount(), 1);
        QCOMPARE(results->hitAt(0).stored.record.id, second.stored.record.id);

        // Escape clears the search and brings the conversations back.
        box->setFocus();
        QTest::keyClick(box, Qt::Key_Escape);
        QVERIFY(box->text().isEmpty());
        QVERIFY(viewer.conversationList()->isVisible());
        QCOMPARE(results->rowCount(), 0);
    }

    void jumpsIntoALongConversationAndPagesBothWays()
    {
        HistoryFixture fixture(350);
        HUIJI_CHECK_CREATE(fixture);
        HistoryViewer viewer(fixture.profile());
        HUIJI_CHECKED(showAndActivate(viewer));
        viewer.openConversation(account, u"dev-team"_s);
        TimelineListView *view = viewer.timelineView();
        HistoryTimelineModel *model = view->timeline();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), HistoryTimelineModel::pageSize); // one page, the newest
        QTRY_VERIFY(inView(*view, model->index(model->rowCount() - 1)));

        QLineEdit *box = viewer.searchPanel()->searchBox();
        box->setFocus();
        typeWithInputMethod(box, u"构建"_s);
        QTest::keyClicks(box, u" #101"_s);
        QTest::keyClick(box, Qt::Key_Return);
        QCOMPARE(viewer.searchPanel()->results()->rowCount(), 1);
        QTest::keyClick(box, Qt::Key_Down);
        const SearchHit hit = viewer.searchPanel()->results()->hitAt(0);
        QCOMPARE(currentId(*view), hit.stored.record.id);
        QCOMPARE(model->rowCount(), HistoryTimelineModel::pageSize);
        QVERIFY(model->canFetchMore({}) && model->canFetchOlder());
        QTRY_VERIFY(inView(*view, view->currentIndex()));

        // Scrolling down to the end loads the newer page below.
        view->scrollToBottom();
        QTRY_VERIFY(model->rowCount() > HistoryTimelineModel::pageSize);
        const int afterNewer = model->rowCount();
        // Scrolling up to the top loads the older page above, and the record at the top stays.
        view->scrollToTop();
        const QUuid top = view->indexAt(QPoint(1, 1)).data(HistoryTimelineModel::IdRole).toUuid();
        QTRY_VERIFY(model->rowCount() > afterNewer);
        QTRY_COMPARE(view->indexAt(QPoint(1, 1)).data(HistoryTimelineModel::IdRole).toUuid(), top);
        QCOMPARE(currentId(*view), hit.stored.record.id);
        QVERIFY(model->rowCount() < fixture.of(u"dev-team"_s).size());
    }

    void jumpsToADate()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryViewer viewer(fixture.profile());
        HUIJI_CHECKED(showAndActivate(viewer));
        const QList<Record> bob = fixture.of(u"bob"_s);
        QDateEdit *date = viewer.dateEdit();
        QCOMPARE(date->minimumDate(), QDateTime::fromMSecsSinceEpoch(bob.first().orderTime()).date());
        QCOMPARE(date->maximumDate(), QDateTime::fromMSecsSinceEpoch(bob.last().orderTime()).date());

        const QDate day(2026, 11, 19);
        const qint64 start = day.startOfDay().toMSecsSinceEpoch();
        const auto first = std::find_if(bob.cbegin(), bob.cend(), [&](const Record &r) { return r.orderTime() >= start; });
        QVERIFY(first != bob.cend());
        date->setDate(day);
        // Written as the day headings write it, year in full, weekday left out.
        QCOMPARE(date->text(), QLocale().toString(day, QLocale::LongFormat).remove(QLocale().toString(day, u"dddd"_s))
                                   .remove(QRegularExpression(u"^[,，]?\\s*"_s)).trimmed());
        QVERIFY2(date->text().contains(u"2026"_s), qPrintable(date->text()));
        QPushButton *go = nullptr;
        for (QPushButton *button : viewer.findChildren<QPushButton *>())
            if (button->accessibleName() == u"Go to date"_s)
                go = button;
        QVERIFY(go);
        QTest::mouseClick(go, Qt::LeftButton);
        QCOMPARE(currentId(*viewer.timelineView()), first->id);
        QTRY_VERIFY(inView(*viewer.timelineView(), viewer.timelineView()->currentIndex()));
    }

    void exportsAndReloads()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryViewer viewer(fixture.profile());
        HUIJI_CHECKED(showAndActivate(viewer));
        const QString path = fixture.path(u"bob.json"_s);
        HUIJI_VERIFY_OK(viewer.exportTo(path, HistoryExporter::Format::Json, false));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto history = HistoryFile::fromJson(file.readAll());
        HUIJI_VERIFY_OK(history);
        QCOMPARE(history->records, fixture.of(u"bob"_s));
        const auto all = viewer.exportTo(fixture.path(u"all.txt"_s), HistoryExporter::Format::Text, true);
        HUIJI_VERIFY_OK(all);
        QCOMPARE(*all, fixture.records.size());

        // A record that lands while the viewer is open shows after a reload.
        Record late = fixture.of(u"bob"_s).last();
        late.id = RecordId::create(late.deviceTime + 60'000);
        late.deviceTime += 60'000;
        late.serverTime.reset();
        late.body = u"还有一件事：周五的会议取消了。"_s;
        late.originDevice = fixture.desktop().id;
        HUIJI_VERIFY_OK(fixture.store().merge({late}));
        viewer.reload();
        HistoryTimelineModel *model = viewer.timelineView()->timeline();
        QCOMPARE(model->index(model->rowCount() - 1).data(HistoryTimelineModel::BodyRole).toString(), late.body);
    }

    void showsAnEmptyHistory()
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        HUIJI_VERIFY_OK(profile);
        HistoryViewer viewer(**profile);
        HUIJI_CHECKED(showAndActivate(viewer));
        QCOMPARE(viewer.conversationList()->model()->rowCount(), 0);
        QCOMPARE(viewer.timelineView()->model()->rowCount(), 0);
        viewer.jumpToDate(QDate(2026, 11, 19));
        viewer.setGroupedByDevice(true);
        QCOMPARE(viewer.deviceLanes()->lanes().size(), 0);
        QVERIFY(!viewer.exportTo(dir.filePath(u"x.txt"_s), HistoryExporter::Format::Text, false));
        screenshot(viewer, u"history-viewer-empty"_s);
    }
};

QTEST_MAIN(TstHistoryViewer)
#include "tst_historyviewer.moc"

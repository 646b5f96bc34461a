#include "HistoryTestData.h"

#include "ui/DeviceColors.h"
#include "ui/HistoryTimelineModel.h"

#include "store/Position.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QSignalSpy>

using namespace huiji;
using namespace huiji::test;

class TstHistoryTimelineModel : public QObject
{
    Q_OBJECT

private:
    static QStringList bodies(const HistoryTimelineModel &model)
    {
        QStringList list;
        for (int row = 0; row < model.rowCount(); ++row)
            list.append(model.index(row).data(HistoryTimelineModel::BodyRole).toString());
        return list;
    }

    static bool oldestFirst(const HistoryTimelineModel &model)
    {
        for (int row = 1; row < model.rowCount(); ++row)
            if (model.recordAt(row - 1).position >= model.recordAt(row).position)
                return false;
        return true;
    }

private slots:
    void opensWithTheNewestPageOnly()
    {
        HistoryFixture fixture(350);
        HUIJI_CHECK_CREATE(fixture);
        HistoryTimelineModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScope({account, u"dev-team"_s, {}});
        HUIJI_VERIFY_OK(model.showNewest());

        const QList<Record> all = fixture.of(u"dev-team"_s);
        QCOMPARE(model.rowCount(), HistoryTimelineModel::pageSize);
        QCOMPARE(bodies(model), bodiesOf(all.mid(all.size() - HistoryTimelineModel::pageSize)));
        QVERIFY(model.canFetchOlder());
        QVERIFY(!model.canFetchMore({})); // nothing is newer than the newest
    }

    void fetchesOlderPagesAtTheTop()
    {
        HistoryFixture fixture(350);
        HUIJI_CHECK_CREATE(fixture);
        HistoryTimelineModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScope({account, u"dev-team"_s, {}});
        HUIJI_VERIFY_OK(model.showNewest());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        int pages = 0;
        while (model.canFetchOlder()) {
            const auto fetched = model.fetchOlder();
            HUIJI_VERIFY_OK(fetched);
            QVERIFY(*fetched > 0 && *fetched <= HistoryTimelineModel::pageSize);
            QCOMPARE(inserted.last().at(1).toInt(), 0); // at the top
            ++pages;
        }
        QCOMPARE(pages, 3);
        QCOMPARE(bodies(model), bodiesOf(fixture.of(u"dev-team"_s)));
        QVERIFY(oldestFirst(model));
        QCOMPARE(model.fetchOlder().value_or(-1), 0);
    }

    // Paging up through a conversation longer than the window lets the newest rows go, paging
    // down again lets the oldest go, and each way brings back in order what the other let go;
    // every row knows its local day for the day headings.
    void pagingBothWaysHoldsABoundedWindow()
    {
        HistoryFixture fixture(HistoryTimelineModel::maxRows + 350);
        HUIJI_CHECK_CREATE(fixture);
        HistoryTimelineModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScope({account, u"dev-team"_s, {}});
        HUIJI_VERIFY_OK(model.showNewest());
        while (model.canFetchOlder())
            HUIJI_VERIFY_OK(model.fetchOlder());

        const QList<Record> all = fixture.of(u"dev-team"_s);
        constexpr int window = HistoryTimelineModel::maxRows;
        constexpr int page = HistoryTimelineModel::pageSize;
        QVERIFY(all.size() > window);
        QCOMPARE(bodies(model), bodiesOf(all.mid(0, window)));
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(bodies(model), bodiesOf(all.mid(page, window)));
        QVERIFY(model.canFetchOlder());
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(bodies(model), bodiesOf(all.mid(all.size() - window)));
        QVERIFY(model.canFetchOlder());
        HUIJI_VERIFY_OK(model.fetchOlder());
        QCOMPARE(bodies(model), bodiesOf(all.mid(all.size() - window - page, window)));
        QVERIFY(model.canFetchMore({}));
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row).data(HistoryTimelineModel::DayRole).toDate(),
                     model.index(row).data(HistoryTimelineModel::TimeRole).toDateTime().date());
    }

    void jumpsAndFetchesBothWays()
    {
        HistoryFixture fixture(350);
        HUIJI_CHECK_CREATE(fixture);
        HistoryTimelineModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScope({account, u"dev-team"_s, {}});
        const QList<Record> all = fixture.of(u"dev-team"_s);
        const Record &target = all.at(175);
        const auto position = fixture.store().positionOf(RecordKey::of(target));
        HUIJI_VERIFY_OK(position);

        const auto row = model.showAround(*position);
        HUIJI_VERIFY_OK(row);
        QCOMPARE(model.index(*row).data(HistoryTimelineModel::IdRole).toUuid(), target.id);
        QCOMPARE(model.rowCount(), HistoryTimelineModel::pageSize);
        QVERIFY(model.canFetchOlder());
        QVERIFY(model.canFetchMore({}));

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        const int before = model.rowCount();
        model.fetchMore({}); // newer, at the end: what a view does when scrolled to the bottom
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.last().at(1).toInt(), before);
        HUIJI_VERIFY_OK(model.fetchOlder());
        QCOMPARE(inserted.last().at(1).toInt(), 0);
        while (model.canFetchMore({}))
            model.fetchMore({});
        while (model.canFetchOlder())
            HUIJI_VERIFY_OK(model.fetchOlder());
        QCOMPARE(bodies(model), bodiesOf(all));
        QVERIFY(oldestFirst(model));
        QVERIFY(model.rowOf(*position) >= 0);
        QCOMPARE(model.recordAt(model.rowOf(*position)).record.id, target.id);
    }

    void jumpsToADate()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryTimelineModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScope({account, u"bob"_s, {}});

        // The first record of 19 November in local time, whatever the machine's time zone.
        const QDate day(2026, 11, 19);
        const qint64 start = day.startOfDay().toMSecsSinceEpoch();
        const QList<Record> bob = fixture.of(u"bob"_s);
        const auto first = std::find_if(bob.cbegin(), bob.cend(), [&](const Record &r) { return r.orderTime() >= start; });
        QVERIFY(first != bob.cend());

        const auto row = model.showAround(position::atTime(start));
        HUIJI_VERIFY_OK(row);
        QCOMPARE(model.index(*row).data(HistoryTimelineModel::BodyRole).toString(), first->body);
        QCOMPARE(model.rowCount(), bob.size()); // a window of 50 either side holds all of bob

        // After the newest record: the nearest is the newest, and there is nothing newer.
        const auto last = model.showAround(position::atTime(utc(30, QTime(0, 0))));
        HUIJI_VERIFY_OK(last);
        QCOMPARE(*last, model.rowCount() - 1);
        QCOMPARE(model.index(*last).data(HistoryTimelineModel::BodyRole).toString(), bob.last().body);
        QVERIFY(!model.canFetchMore({}));
    }

    void filtersByDevice()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryTimelineModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const DeviceInfo &device : {fixture.desktop(), laptop, phone}) {
            model.setScope({account, u"bob"_s, device.id});
            HUIJI_VERIFY_OK(model.showNewest());
            QCOMPARE(bodies(model), bodiesOf(fixture.of(u"bob"_s, device.id)));
            for (int row = 0; row < model.rowCount(); ++row) {
                QCOMPARE(model.index(row).data(HistoryTimelineModel::DeviceIdRole).toString(), device.id);
                QCOMPARE(model.index(row).data(HistoryTimelineModel::DeviceLabelRole).toString(), device.name);
            }
        }
        model.setScope({account, u"nobody"_s, {}});
        HUIJI_VERIFY_OK(model.showNewest());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchOlder());
        QVERIFY(!model.canFetchMore({}));
    }

    void hasEveryRole()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryTimelineModel model(fixture.store());
        model.setScope({account, u"bob"_s, {}});
        HUIJI_VERIFY_OK(model.showNewest());
        const QList<Record> bob = fixture.of(u"bob"_s);
        QCOMPARE(model.rowCount(), bob.size());
        const QHash<QString, QString> labels{
            {fixture.desktop().id, u"Desktop"_s}, {laptop.id, laptop.name}, {phone.id, phone.name}};
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row);
            const Record &record = bob.at(row);
            QCOMPARE(index.data(HistoryTimelineModel::BodyRole).toString(), record.body);
            QCOMPARE(index.data(Qt::DisplayRole).toString(), record.body);
            QCOMPARE(index.data(HistoryTimelineModel::SenderRole).toString(), record.sender);
            QCOMPARE(index.data(HistoryTimelineModel::DirectionRole).toInt(), static_cast<int>(record.direction));
            QCOMPARE(index.data(HistoryTimelineModel::TimeRole).toDateTime().toMSecsSinceEpoch(), record.orderTime());
            QCOMPARE(index.data(HistoryTimelineModel::DeviceIdRole).toString(), record.originDevice);
            QCOMPARE(index.data(HistoryTimelineModel::DeviceLabelRole).toString(), labels.value(record.originDevice));
            QCOMPARE(index.data(HistoryTimelineModel::DeviceColorRole).value<QColor>(),
                     DeviceColors::of(record.originDevice, QGuiApplication::palette()));
            QCOMPARE(index.data(HistoryTimelineModel::IdRole).toUuid(), record.id);
            QCOMPARE(index.data(HistoryTimelineModel::PositionRole).toLongLong(),
                     fixture.store().positionOf(RecordKey::of(record)).value_or(-1));
            QVERIFY(index.data(Qt::AccessibleTextRole).toString().contains(record.body));
        }
        QVERIFY(model.roleNames().contains(HistoryTimelineModel::DeviceColorRole));
    }
};

QTEST_MAIN(TstHistoryTimelineModel)
#include "tst_historytimelinemodel.moc"

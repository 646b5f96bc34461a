// The chat's conversation model on real stores and a real in-process server: the newest page at
// once and older pages through fetchMore in order, day separators that move as pages arrive,
// records that land later inserted in their place, "sent from" for another device of mine, and
// the delivery state of own messages going sending → stored on the server → delivered.

#include "TestNetwork.h"

#include "ui/ConversationModel.h"

#include "protocol/RecordId.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>

namespace huiji {

class tst_ConversationModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void opensAtTheNewestPage();
    void fetchMoreLoadsOlderPagesInOrder();
    void daySeparatorMovesWhenAnOlderPageArrives();
    void recordsThatLandLaterTakeTheirPlace();
    void anotherDeviceOfMineIsNamed();
    void deliveryStateGoesSendingStoredDelivered();
    void refusedMessageIsFailedUntilRetried();
    void receiptFindsMyRowNotBobsUnderTheSameId();

private:
    std::unique_ptr<TestDevice> device(const QString &name, const QString &user);
    Record record(Direction direction, const QString &body, const QString &device, qint64 time) const;
    // Fills the conversation with bob: `count` records a minute apart, ending now, from this
    // device, the laptop and bob in turn.
    QList<Record> fill(int count, qint64 start, qint64 step = 60'000);
    static QStringList bodies(const ConversationModel &model);

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestDevice> m_desktop, m_laptop, m_bob;
    const QByteArray m_alicePassword = "alice-" + QByteArray::number(QRandomGenerator::global()->generate());
    const QByteArray m_bobPassword = "bob-" + QByteArray::number(QRandomGenerator::global()->generate());
    const QString m_laptopId = u"laptop-0000-4000-8000-000000000001"_s;
};

void tst_ConversationModel::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_server = std::make_unique<TestServer>(m_directory->filePath(u"server"_s));
    QVERIFY(m_server->start());
    m_desktop = device(u"Desktop"_s, u"alice"_s);
}

void tst_ConversationModel::cleanup()
{
    m_desktop.reset();
    m_laptop.reset();
    m_bob.reset();
    m_server.reset();
    m_directory.reset();
}

std::unique_ptr<TestDevice> tst_ConversationModel::device(const QString &name, const QString &user)
{
    return std::make_unique<TestDevice>(m_directory->filePath(name), name, user, m_server->port());
}

Record tst_ConversationModel::record(Direction direction, const QString &body, const QString &device, qint64 time) const
{
    Record made;
    made.id = RecordId::create(time);
    made.account = u"alice"_s;
    made.contact = u"bob"_s;
    made.direction = direction;
    made.sender = direction == Direction::Outgoing ? u"alice"_s : u"bob"_s;
    made.body = body;
    made.originDevice = device;
    made.deviceTime = time;
    made.serverTime = time;
    made.arrival = device == m_desktop->id() ? Arrival::Local : Arrival::Relayed;
    return made;
}

QList<Record> tst_ConversationModel::fill(int count, qint64 start, qint64 step)
{
    QList<Record> records;
    for (int i = 0; i < count; ++i) {
        const qint64 time = start + i * step;
        switch (i % 3) {
        case 0:
            records.append(record(Direction::Outgoing, u"desktop %1 你好"_s.arg(i), m_desktop->id(), time));
            break;
        case 1:
            records.append(record(Direction::Outgoing, u"laptop %1"_s.arg(i), m_laptopId, time));
            break;
        default:
            records.append(record(Direction::Incoming, u"bob %1 收到"_s.arg(i), m_desktop->id(), time));
        }
    }
    auto merged = m_desktop->profile().history().merge(
        records, {m_desktop->profile().device(), {m_laptopId, u"Laptop"_s, u"linux"_s}});
    if (!merged || merged->added != count)
        qWarning("the history was not filled");
    return records;
}

QStringList tst_ConversationModel::bodies(const ConversationModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row).data().toString());
    return result;
}

void tst_ConversationModel::opensAtTheNewestPage()
{
    const QList<Record> records = fill(120, QDateTime::currentMSecsSinceEpoch() - 120 * 60'000);
    ConversationModel model(m_desktop->session());
    model.setPageSize(50);
    model.setContact(u"bob"_s);
    QCOMPARE(model.rowCount(), 50);
    QVERIFY(model.canFetchMore({}));
    // Oldest at the top, the newest message last, as people read.
    QCOMPARE(model.index(49).data().toString(), records.last().body);
    QCOMPARE(model.index(0).data().toString(), records.at(70).body);
    QCOMPARE(model.index(49).data(ConversationModel::IdRole).toUuid(), records.last().id);

    model.setContact(u"nobody"_s);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
}

void tst_ConversationModel::fetchMoreLoadsOlderPagesInOrder()
{
    const QList<Record> records = fill(230, QDateTime::currentMSecsSinceEpoch() - 230 * 60'000);
    ConversationModel model(m_desktop->session());
    model.setPageSize(50);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setContact(u"bob"_s);
    int fetches = 0;
    while (model.canFetchMore({})) {
        const int before = model.rowCount();
        model.fetchMore({});
        QVERIFY(model.rowCount() > before);
        QVERIFY(++fetches < 10);
    }
    QCOMPARE(model.rowCount(), 230);
    QStringList expected;
    for (const Record &record : records)
        expected.append(record.body);
    QCOMPARE(bodies(model), expected);
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(model.index(row - 1).data(ConversationModel::PositionRole).toLongLong()
                < model.index(row).data(ConversationModel::PositionRole).toLongLong());
    // Nothing from this device is in the outbox: stored on the server. Bob's have no state.
    QCOMPARE(model.index(0).data(ConversationModel::DeliveryStateRole).toInt(),
             int(ConversationModel::DeliveryState::Stored));
    QCOMPARE(model.index(2).data(ConversationModel::DeliveryStateRole).toInt(),
             int(ConversationModel::DeliveryState::None));
    QVERIFY(!model.index(2).data(ConversationModel::OutgoingRole).toBool());
}

void tst_ConversationModel::daySeparatorMovesWhenAnOlderPageArrives()
{
    // Three days, 40 records on each, in the middle of each day (local time).
    const QDate today = QDate::currentDate();
    QList<Record> records;
    for (int day = 2; day >= 0; --day)
        records += fill(40, QDateTime(today.addDays(-day), QTime(9, 0)).toMSecsSinceEpoch());
    ConversationModel model(m_desktop->session());
    model.setPageSize(30);
    model.setContact(u"bob"_s);
    QCOMPARE(model.rowCount(), 30);
    // The top row always names its day; inside the page, days start where they change.
    QCOMPARE(model.index(0).data(ConversationModel::DaySeparatorRole).toDate(), today);
    QVERIFY(!model.index(1).data(ConversationModel::DaySeparatorRole).toDate().isValid());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 60);
    // The former top row (today's 11th record) no longer starts a day, and the model says so.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 30);
    QVERIFY(changed.first().at(2).value<QList<int>>().contains(ConversationModel::DaySeparatorRole));
    QVERIFY(!model.index(30).data(ConversationModel::DaySeparatorRole).toDate().isValid());

    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QList<int> starts;
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row).data(ConversationModel::DaySeparatorRole).toDate().isValid())
            starts.append(row);
    QCOMPARE(starts, (QList<int>{0, 40, 80}));
    QCOMPARE(model.index(40).data(ConversationModel::DaySeparatorRole).toDate(), today.addDays(-1));
}

void tst_ConversationModel::recordsThatLandLaterTakeTheirPlace()
{
    const qint64 start = QDateTime(QDate::currentDate(), QTime(10, 0)).toMSecsSinceEpoch();
    fill(20, start);
    ConversationModel model(m_desktop->session());
    model.setPageSize(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setContact(u"bob"_s);
    QCOMPARE(model.rowCount(), 20);

    // A storage terminal merges what other devices saw: older records between loaded ones, one
    // older than all of them, and a new one, in one batch, out of order.
    const QList<Record> late = {record(Direction::Incoming, u"late, newest"_s, m_laptopId, start + 40 * 60'000),
                                record(Direction::Outgoing, u"late, between 3 and 4"_s, m_laptopId, start + 3 * 60'000 + 500),
                                record(Direction::Incoming, u"late, oldest"_s, m_laptopId, start - 60'000),
                                record(Direction::Incoming, u"another contact"_s, m_laptopId, start)};
    QList<Record> stored = late;
    stored[3].contact = u"carol"_s;
    HUIJI_VERIFY_OK(m_desktop->profile().history().merge(stored));
    model.addRecords(stored);
    QCOMPARE(model.rowCount(), 23);
    QCOMPARE(model.index(0).data().toString(), u"late, oldest"_s);
    QCOMPARE(model.index(5).data().toString(), u"late, between 3 and 4"_s);
    QCOMPARE(model.index(22).data().toString(), u"late, newest"_s);
    // The old first row no longer starts the day: the late record before it does.
    QVERIFY(model.index(0).data(ConversationModel::DaySeparatorRole).toDate().isValid());
    QVERIFY(!model.index(1).data(ConversationModel::DaySeparatorRole).toDate().isValid());

    // Hearing of the same records again changes nothing.
    model.addRecords(stored);
    QCOMPARE(model.rowCount(), 23);
}

void tst_ConversationModel::anotherDeviceOfMineIsNamed()
{
    m_laptop = device(u"Laptop"_s, u"alice"_s);
    m_bob = device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    makeContacts(*m_desktop, *m_bob);
    QVERIFY(m_laptop->logIn(m_alicePassword));

    ConversationModel model(m_desktop->session());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setContact(u"bob"_s);
    auto own = m_desktop->session().sendMessage(u"bob"_s, u"From the desktop"_s);
    HUIJI_VERIFY_OK(own);
    model.addRecords({*own});
    HUIJI_VERIFY_OK(m_laptop->session().sendMessage(u"bob"_s, u"从笔记本发的"_s));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, networkTimeoutMs);
    QCOMPARE(model.index(0).data(ConversationModel::OtherDeviceLabelRole).toString(), QString());
    QCOMPARE(model.index(1).data().toString(), u"从笔记本发的"_s);
    QCOMPARE(model.index(1).data(ConversationModel::OtherDeviceLabelRole).toString(), u"Laptop"_s);
    QCOMPARE(model.index(1).data(ConversationModel::DeviceIdRole).toString(), m_laptop->id());
    // Bob is online, so his ack turns the laptop's message delivered on the desktop too (it may
    // already have when the copy arrived).
    QTRY_COMPARE_WITH_TIMEOUT(model.index(1).data(ConversationModel::DeliveryStateRole).toInt(),
                              int(ConversationModel::DeliveryState::Delivered), networkTimeoutMs);

    // Bob's answer is his, whichever of alice's devices saw it.
    HUIJI_VERIFY_OK(m_bob->session().sendMessage(u"alice"_s, u"Both arrived"_s));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, networkTimeoutMs);
    QCOMPARE(model.index(2).data(ConversationModel::OtherDeviceLabelRole).toString(), QString());
}

void tst_ConversationModel::deliveryStateGoesSendingStoredDelivered()
{
    m_bob = device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    makeContacts(*m_desktop, *m_bob);
    QVERIFY(m_bob->goOffline());
    QVERIFY(m_desktop->goOffline());

    ConversationModel model(m_desktop->session());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setContact(u"bob"_s);
    const auto state = [&] { return ConversationModel::DeliveryState(model.index(0).data(ConversationModel::DeliveryStateRole).toInt()); };

    // Written offline: in the outbox.
    auto sent = m_desktop->session().sendMessage(u"bob"_s, u"Written on the train, 没有信号"_s);
    HUIJI_VERIFY_OK(sent);
    model.addRecords({*sent});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(state(), ConversationModel::DeliveryState::Sending);
    QVERIFY(model.index(0).data(Qt::AccessibleTextRole).toString().contains(u"sending"_s));

    // Back online, the outbox sends it and the server stores it for bob.
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(state(), ConversationModel::DeliveryState::Stored, networkTimeoutMs);

    // Bob's device gets it and acks it: a receipt comes back.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(m_bob->logIn(m_bobPassword));
    QTRY_COMPARE_WITH_TIMEOUT(state(), ConversationModel::DeliveryState::Delivered, networkTimeoutMs);
    QVERIFY(!changed.isEmpty());

    // Read again from the store, the receipt is kept.
    model.setContact(u"bob"_s);
    QCOMPARE(state(), ConversationModel::DeliveryState::Delivered);
}

void tst_ConversationModel::receiptFindsMyRowNotBobsUnderTheSameId()
{
    // Ids are unique per sender: bob's newer message may carry the id of alice's. The receipt for
    // hers changes her row, not his, which is the newer and so the first one looked at.
    m_bob = device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    makeContacts(*m_desktop, *m_bob);
    QVERIFY(m_bob->goOffline());

    ConversationModel model(m_desktop->session());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setContact(u"bob"_s);
    QSignalSpy stored(&m_desktop->session(), &Session::messageStored);
    auto sent = m_desktop->session().sendMessage(u"bob"_s, u"mine"_s);
    HUIJI_VERIFY_OK(sent);
    model.addRecords({*sent});
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    Record his = record(Direction::Incoming, u"his, under my id"_s, m_desktop->id(), sent->deviceTime + 60'000);
    his.id = sent->id;
    HUIJI_VERIFY_OK(m_desktop->profile().history().merge({his}, {m_desktop->profile().device()}));
    model.addRecords({his});
    QCOMPARE(bodies(model), (QStringList{u"mine"_s, u"his, under my id"_s}));
    const auto state = [&](int row) {
        return ConversationModel::DeliveryState(model.index(row).data(ConversationModel::DeliveryStateRole).toInt());
    };
    QCOMPARE(state(0), ConversationModel::DeliveryState::Stored);

    QVERIFY(m_bob->logIn(m_bobPassword));
    QTRY_COMPARE_WITH_TIMEOUT(state(0), ConversationModel::DeliveryState::Delivered, networkTimeoutMs);
    QCOMPARE(state(1), ConversationModel::DeliveryState::None);
    model.setContact(u"bob"_s); // read again from the store: the same
    QCOMPARE(state(0), ConversationModel::DeliveryState::Delivered);
    QCOMPARE(bodies(model), (QStringList{u"mine"_s, u"his, under my id"_s}));
}

void tst_ConversationModel::refusedMessageIsFailedUntilRetried()
{
    m_bob = device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));

    ConversationModel model(m_desktop->session());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setContact(u"bob"_s);
    const auto state = [&] { return ConversationModel::DeliveryState(model.index(0).data(ConversationModel::DeliveryStateRole).toInt()); };

    // Not contacts yet: the server refuses it for good.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    auto sent = m_desktop->session().sendMessage(u"bob"_s, u"在吗？"_s);
    HUIJI_VERIFY_OK(sent);
    model.addRecords({*sent});
    QCOMPARE(state(), ConversationModel::DeliveryState::Sending);
    QVERIFY(model.index(0).data(ConversationModel::FailureRole).toString().isEmpty());
    QVERIFY(!model.index(0).data(ConversationModel::CanRetryRole).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(state(), ConversationModel::DeliveryState::Failed, networkTimeoutMs);
    QVERIFY(!changed.isEmpty());
    const QString reason = model.index(0).data(ConversationModel::FailureRole).toString();
    QVERIFY2(reason.contains(u"not your contact"_s), qPrintable(reason));
    QVERIFY(model.index(0).data(ConversationModel::CanRetryRole).toBool());
    QVERIFY(model.index(0).data(Qt::AccessibleTextRole).toString().contains(u"not sent ("_s + reason));
    QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(reason));

    // Read again from the store, as after a restart, it is still failed, for the same reason.
    model.setContact(u"bob"_s);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(state(), ConversationModel::DeliveryState::Failed);
    QCOMPARE(model.index(0).data(ConversationModel::FailureRole).toString(), reason);

    // Contacts now: sent again, it goes sending → stored, the same row. Bob is offline so that
    // "stored" lasts until he comes back, rather than for the instant before his ack.
    makeContacts(*m_desktop, *m_bob);
    QVERIFY(m_bob->goOffline());
    HUIJI_VERIFY_OK(m_desktop->session().retryMessage(sent->id));
    QCOMPARE(state(), ConversationModel::DeliveryState::Sending);
    QVERIFY(model.index(0).data(ConversationModel::FailureRole).toString().isEmpty());
    QVERIFY(!model.index(0).data(ConversationModel::CanRetryRole).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(state(), ConversationModel::DeliveryState::Stored, networkTimeoutMs);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(ConversationModel::IdRole).toUuid(), sent->id);
    QVERIFY(m_bob->logIn(m_bobPassword));
    QTRY_COMPARE_WITH_TIMEOUT(state(), ConversationModel::DeliveryState::Delivered, networkTimeoutMs);
}

} // namespace huiji

QTEST_MAIN(huiji::tst_ConversationModel)
#include "tst_conversationmodel.moc"

// Delivery guarantees against a real in-process server: held records reach the storage terminal
// exactly once across a cut connection and a server restart, the outbox survives a restart of the
// client and keeps its order when it is sent in one go, and the device list (claims 7-8) counts and
// sorts logins by a clock the test moves.

#include "TestNetwork.h"

#include "protocol/Wire.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSslSocket>
#include <QTest>

#include <atomic>

namespace huiji {

class tst_Delivery : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cutInTheMiddleOfHeldRecords();
    void serverRestartBetweenHoldAndDelivery();
    void outboxSurvivesClientRestart();
    void outboxSentInOneGoKeepsItsOrder();
    void deviceListSortsByUseAndRecency();
    void terminalChangeIsPushed();

private:
    void startServer(ServerConfig config = {});
    std::unique_ptr<TestDevice> device(const QString &name, const QString &user);
    // alice's desktop (her storage terminal, left offline), her laptop (online) and bob (online),
    // bob a contact of alice's.
    void setUpHeldConversation();
    // The laptop sends count messages to bob and waits until the server has stored all of them.
    void laptopSends(int count, const QString &prefix);
    QList<StoredRecord> conversation(TestDevice &device, const QString &contact);
    QStringList bodiesOf(TestDevice &device, const QString &contact);
    // Every record of the conversation once: count records, unique ids, the bodies sent.
    void verifyExactlyOnce(TestDevice &device, const QString &contact, int count, const QString &prefix);
    static QList<wire::DeviceEntry> entriesOf(const QCborMap &answer);
    static QStringList idsOf(const QList<wire::DeviceEntry> &entries);

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestDevice> m_desktop, m_laptop, m_bob;
    std::atomic<qint64> m_now{0}; // the server's clock in the device-list test
    const QByteArray m_alicePassword = QByteArray("alice-") + QByteArray::number(QRandomGenerator::global()->generate());
    const QByteArray m_bobPassword = QByteArray("bob-") + QByteArray::number(QRandomGenerator::global()->generate());
};

void tst_Delivery::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
}

void tst_Delivery::cleanup()
{
    m_desktop.reset();
    m_laptop.reset();
    m_bob.reset();
    m_server.reset();
    m_directory.reset();
}

void tst_Delivery::startServer(ServerConfig config)
{
    m_server = std::make_unique<TestServer>(m_directory->filePath(u"server"_s), std::move(config));
    QVERIFY(m_server->start());
}

std::unique_ptr<TestDevice> tst_Delivery::device(const QString &name, const QString &user)
{
    return std::make_unique<TestDevice>(m_directory->filePath(name), name, user, m_server->port());
}

void tst_Delivery::setUpHeldConversation()
{
    m_desktop = device(u"desktop"_s, u"alice"_s);
    m_laptop = device(u"laptop"_s, u"alice"_s);
    m_bob = device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    auto chosen = m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_alicePassword));
    HUIJI_VERIFY_OK(chosen);
    QCOMPARE(chosen->value(u"device"_s).toString(), m_desktop->id());
    makeContacts(*m_desktop, *m_bob);
    QVERIFY(m_desktop->goOffline());
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QCOMPARE(m_laptop->session().terminalDevice(), std::optional(m_desktop->id()));
}

void tst_Delivery::laptopSends(int count, const QString &prefix)
{
    QSignalSpy stored(&m_laptop->session(), &Session::messageStored);
    for (int index = 0; index < count; ++index) {
        const auto sent = m_laptop->session().sendMessage(u"bob"_s, u"%1 %2"_s.arg(prefix).arg(index));
        HUIJI_VERIFY_OK(sent);
    }
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), count, networkTimeoutMs);
    QCOMPARE(m_laptop->profile().outbox().count().value_or(-1), 0);
}

QList<StoredRecord> tst_Delivery::conversation(TestDevice &device, const QString &contact)
{
    auto page = device.profile().history().older({device.profile().user(), contact, {}}, std::nullopt, 100'000);
    if (!page)
        return {};
    QList<StoredRecord> records = page->records;
    std::reverse(records.begin(), records.end()); // oldest first
    return records;
}

QStringList tst_Delivery::bodiesOf(TestDevice &device, const QString &contact)
{
    QStringList bodies;
    for (const StoredRecord &stored : conversation(device, contact))
        bodies.append(stored.record.body);
    return bodies;
}

void tst_Delivery::verifyExactlyOnce(TestDevice &device, const QString &contact, int count, const QString &prefix)
{
    const QList<StoredRecord> records = conversation(device, contact);
    QCOMPARE(records.size(), count);
    QSet<QUuid> ids;
    QSet<QString> bodies;
    for (const StoredRecord &stored : records) {
        QVERIFY(!stored.record.id.isNull());
        ids.insert(stored.record.id);
        bodies.insert(stored.record.body);
    }
    QCOMPARE(ids.size(), count);
    QSet<QString> expected;
    for (int index = 0; index < count; ++index)
        expected.insert(u"%1 %2"_s.arg(prefix).arg(index));
    QCOMPARE(bodies, expected);
}

QList<wire::DeviceEntry> tst_Delivery::entriesOf(const QCborMap &answer)
{
    QList<wire::DeviceEntry> entries;
    for (const QCborValue &value : answer.value(u"devices"_s).toArray())
        entries.append(wire::deviceEntryFromCbor(value.toMap()));
    return entries;
}

QStringList tst_Delivery::idsOf(const QList<wire::DeviceEntry> &entries)
{
    QStringList ids;
    for (const wire::DeviceEntry &entry : entries)
        ids.append(entry.info.id);
    return ids;
}

// ---- held records ----

void tst_Delivery::cutInTheMiddleOfHeldRecords()
{
    ServerConfig config;
    config.deliveryBatch = 50;
    config.deliveryWindow = 100;
    startServer(config);
    setUpHeldConversation();
    constexpr int count = 600;
    laptopSends(count, u"held"_s);
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_bob, u"alice"_s).size(), count, networkTimeoutMs);

    // The terminal comes back; right after its first merge (the batches read in one turn, never
    // more than the window the server lets go unacked) the connection is cut before the ack leaves.
    auto *socket = m_desktop->session().findChild<QSslSocket *>();
    QVERIFY(socket);
    int cuts = 0;
    qsizetype firstBatch = 0;
    qint64 remainingAtCut = -1;
    const QMetaObject::Connection cutter = QObject::connect(&m_desktop->session(), &Session::recordsMerged, socket,
                     [&, socket](const QList<Record> &records, qint64 remaining) {
                         if (cuts > 0)
                             return;
                         ++cuts;
                         firstBatch = records.size();
                         remainingAtCut = remaining;
                         socket->abort();
                     });
    const auto disconnectCutter = qScopeGuard([&] { QObject::disconnect(cutter); });
    QSignalSpy ready(&m_desktop->session(), &Session::ready);
    QSignalSpy caughtUp(&m_desktop->session(), &Session::caughtUp);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QCOMPARE(ready.first().at(0).toBool(), true);
    QCOMPARE(ready.first().at(1).toLongLong(), count);

    // It was cut mid-stream, and the session logs in again by itself.
    QTRY_COMPARE_WITH_TIMEOUT(cuts, 1, networkTimeoutMs);
    QVERIFY(firstBatch > 0);
    QVERIFY(firstBatch <= config.deliveryWindow);
    QVERIFY(remainingAtCut > 0);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, networkTimeoutMs);
    qInfo("cut after %lld records with %lld to come; logged in again with %lld pending",
          static_cast<long long>(firstBatch), static_cast<long long>(remainingAtCut),
          static_cast<long long>(ready.at(1).at(1).toLongLong()));
    QVERIFY(ready.at(1).at(1).toLongLong() > 0);
    QVERIFY(ready.at(1).at(1).toLongLong() <= count);
    QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty(), networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_desktop, u"bob"_s).size(), count, networkTimeoutMs);
    verifyExactlyOnce(*m_desktop, u"bob"_s, count, u"held"_s);

    // Everything was acked: a third login has nothing pending and nothing new arrives.
    QVERIFY(m_desktop->goOffline());
    ready.clear();
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.first().at(1).toLongLong(), 0);
    const auto roundTrip = m_desktop->ask(wire::devices); // a round trip
    HUIJI_VERIFY_OK(roundTrip);
    verifyExactlyOnce(*m_desktop, u"bob"_s, count, u"held"_s);
}

void tst_Delivery::serverRestartBetweenHoldAndDelivery()
{
    startServer();
    setUpHeldConversation();
    constexpr int count = 40;
    laptopSends(count, u"kept"_s);
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_bob, u"alice"_s).size(), count, networkTimeoutMs);

    // The server goes down with the records held and comes back on the same folder and port.
    const quint16 port = m_server->port();
    m_server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(m_laptop->session().state() != Session::State::Online, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_bob->session().state() != Session::State::Online, networkTimeoutMs);
    QVERIFY(m_server->start());
    QCOMPARE(m_server->port(), port);
    QVERIFY(!m_server->server().certificateCreated());

    QSignalSpy ready(&m_desktop->session(), &Session::ready);
    QSignalSpy caughtUp(&m_desktop->session(), &Session::caughtUp);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QVERIFY(m_desktop->session().isStorageTerminal());
    QCOMPARE(ready.first().at(1).toLongLong(), count);
    QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty(), networkTimeoutMs);
    verifyExactlyOnce(*m_desktop, u"bob"_s, count, u"kept"_s);

    // The others came back by themselves; nothing is delivered twice to anyone.
    QTRY_COMPARE_WITH_TIMEOUT(m_laptop->session().state(), Session::State::Online, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->session().state(), Session::State::Online, networkTimeoutMs);
    const auto roundTrip = m_bob->ask(wire::contacts);
    HUIJI_VERIFY_OK(roundTrip);
    verifyExactlyOnce(*m_bob, u"alice"_s, count, u"kept"_s);

    QVERIFY(m_desktop->goOffline());
    ready.clear();
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QCOMPARE(ready.first().at(1).toLongLong(), 0);
    verifyExactlyOnce(*m_desktop, u"bob"_s, count, u"kept"_s);
}

void tst_Delivery::outboxSurvivesClientRestart()
{
    startServer();
    m_laptop = device(u"laptop"_s, u"alice"_s);
    m_bob = device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_laptop->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    makeContacts(*m_laptop, *m_bob);

    // The server is down; the laptop writes anyway.
    m_server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(m_laptop->session().state() != Session::State::Online, networkTimeoutMs);
    QSignalSpy storedBefore(&m_laptop->session(), &Session::messageStored);
    auto written = m_laptop->session().sendMessage(u"bob"_s, u"written while the server was down"_s);
    HUIJI_VERIFY_OK(written);
    const QUuid id = written->id;
    QCOMPARE(m_laptop->profile().outbox().count().value_or(-1), 1);
    QVERIFY(m_laptop->session().state() != Session::State::Online);
    QVERIFY(storedBefore.isEmpty());

    // The client quits and starts again from the same folder.
    const QString laptopId = m_laptop->id();
    m_laptop.reset();
    m_laptop = device(u"laptop"_s, u"alice"_s);
    QCOMPARE(m_laptop->id(), laptopId);
    QCOMPARE(m_laptop->profile().outbox().count().value_or(-1), 1);
    auto pending = m_laptop->profile().outbox().pending();
    HUIJI_VERIFY_OK(pending);
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->first().id, id);

    // The server comes back; the login sends the outbox.
    QVERIFY(m_server->start());
    QSignalSpy stored(&m_laptop->session(), &Session::messageStored);
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QCOMPARE(stored.first().first().toUuid(), id);
    QCOMPARE(m_laptop->profile().outbox().count().value_or(-1), 0);

    QTRY_COMPARE_WITH_TIMEOUT(m_bob->session().state(), Session::State::Online, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_bob, u"alice"_s).size(), 1, networkTimeoutMs);
    const auto roundTrip = m_bob->ask(wire::contacts); // a round trip: a second copy would be here by now
    HUIJI_VERIFY_OK(roundTrip);
    const QList<StoredRecord> bobs = conversation(*m_bob, u"alice"_s);
    QCOMPARE(bobs.size(), 1);
    QCOMPARE(bobs.first().record.id, id);
    QCOMPARE(bobs.first().record.body, u"written while the server was down"_s);
    // Nothing is left for bob on the server either.
    QSignalSpy ready(&m_bob->session(), &Session::ready);
    QVERIFY(m_bob->goOffline());
    QVERIFY(m_bob->logIn(m_bobPassword));
    QCOMPARE(ready.first().at(1).toLongLong(), 0);
    QCOMPARE(conversation(*m_bob, u"alice"_s).size(), 1);
    // The laptop holds its message once.
    QCOMPARE(conversation(*m_laptop, u"bob"_s).size(), 1);
}

void tst_Delivery::outboxSentInOneGoKeepsItsOrder()
{
    startServer();
    setUpHeldConversation();
    // The laptop writes while the server is down; when it is back, the outbox goes in one go and
    // the server takes several of its messages within one millisecond.
    m_server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(m_laptop->session().state() != Session::State::Online, networkTimeoutMs);
    QStringList written;
    for (int index = 0; index < 40; ++index) {
        written.append(u"written offline %1"_s.arg(index));
        HUIJI_VERIFY_OK(m_laptop->session().sendMessage(u"bob"_s, written.last()));
    }
    QSignalSpy stored(&m_laptop->session(), &Session::messageStored);
    QVERIFY(m_server->start());
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), written.size(), networkTimeoutMs);
    // In the order written, in bob's history and in the storage terminal's.
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*m_bob, u"alice"_s), written, networkTimeoutMs);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*m_desktop, u"bob"_s), written, networkTimeoutMs);
}

// ---- the device list (claims 7-8) ----

void tst_Delivery::deviceListSortsByUseAndRecency()
{
    constexpr qint64 day = 24 * 60 * 60 * 1000;
    constexpr qint64 hour = 60 * 60 * 1000;
    const qint64 today = QDateTime(QDate(2024, 3, 15), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    ServerConfig config;
    config.clock = [this] { return m_now.load(); };
    startServer(config);

    auto a = device(u"device-a"_s, u"alice"_s);
    auto b = device(u"device-b"_s, u"alice"_s);
    auto c = device(u"device-c"_s, u"alice"_s);
    const auto useAt = [&](TestDevice &used, qint64 at, bool createAccount = false) {
        m_now = at;
        if (!used.logIn(m_alicePassword, createAccount))
            return false;
        return used.goOffline();
    };
    // A: five times 40 days ago (the account is made then), once yesterday; B: three times in the
    // last week; C: once today, the login it asks on.
    for (int use = 0; use < 5; ++use)
        QVERIFY(useAt(*a, today - 40 * day + use * hour, use == 0));
    QVERIFY(useAt(*b, today - 6 * day));
    QVERIFY(useAt(*b, today - 4 * day));
    QVERIFY(useAt(*b, today - 2 * day));
    QVERIFY(useAt(*a, today - 1 * day));
    m_now = today;
    QVERIFY(c->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server().connectionCount(), 1, networkTimeoutMs); // A and B are gone

    // The default: frequency within 30 days. B (3) first; A and C (1 each) by recency.
    auto byFrequency = c->ask(wire::devices, QCborMap{{u"sort"_s, u"frequency"_s}, {u"window"_s, 30}});
    HUIJI_VERIFY_OK(byFrequency);
    QCOMPARE(byFrequency->value(u"this"_s).toString(), c->id());
    const QList<wire::DeviceEntry> frequency = entriesOf(*byFrequency);
    QCOMPARE(idsOf(frequency), (QStringList{b->id(), c->id(), a->id()}));
    QCOMPARE(frequency[0].uses, 3);
    QCOMPARE(frequency[1].uses, 1);
    QCOMPARE(frequency[2].uses, 1);
    QCOMPARE(frequency[0].firstSeen, today - 6 * day);
    QCOMPARE(frequency[0].lastSeen, today - 2 * day);
    QCOMPARE(frequency[1].firstSeen, today);
    QCOMPARE(frequency[1].lastSeen, today);
    QCOMPARE(frequency[2].firstSeen, today - 40 * day);
    QCOMPARE(frequency[2].lastSeen, today - 1 * day);
    QCOMPARE(frequency[0].info.name, u"device-b"_s);
    QCOMPARE(frequency[1].online, true);
    QCOMPARE(frequency[0].online, false);
    QCOMPARE(frequency[2].online, false);
    auto defaulted = c->ask(wire::devices);
    HUIJI_VERIFY_OK(defaulted);
    QVERIFY(entriesOf(*defaulted) == frequency);

    // By recency: C (today), A (yesterday), B (two days ago).
    auto byRecency = c->ask(wire::devices, QCborMap{{u"sort"_s, u"recency"_s}});
    HUIJI_VERIFY_OK(byRecency);
    QCOMPARE(idsOf(entriesOf(*byRecency)), (QStringList{c->id(), a->id(), b->id()}));

    // Within 90 days A's old uses count: A (6), B (3), C (1).
    auto ninety = c->ask(wire::devices, QCborMap{{u"window"_s, 90}});
    HUIJI_VERIFY_OK(ninety);
    const QList<wire::DeviceEntry> wide = entriesOf(*ninety);
    QCOMPARE(idsOf(wide), (QStringList{a->id(), b->id(), c->id()}));
    QCOMPARE(wide[0].uses, 6);
    QCOMPARE(wide[1].uses, 3);
    QCOMPARE(wide[2].uses, 1);
    QCOMPARE(wide[0].firstSeen, today - 40 * day);

    // A known device logging in again is no new device: one more use, the same three entries.
    QVERIFY(useAt(*a, today + hour));
    auto again = c->ask(wire::devices, QCborMap{{u"sort"_s, u"frequency"_s}, {u"window"_s, 30}});
    HUIJI_VERIFY_OK(again);
    const QList<wire::DeviceEntry> after = entriesOf(*again);
    QCOMPARE(after.size(), 3);
    QCOMPARE(idsOf(after), (QStringList{b->id(), a->id(), c->id()}));
    QCOMPARE(after[1].uses, 2);
    QCOMPARE(after[1].firstSeen, today - 40 * day);
    QCOMPARE(after[1].lastSeen, today + hour);
    auto wideAgain = c->ask(wire::devices, QCborMap{{u"window"_s, 90}});
    HUIJI_VERIFY_OK(wideAgain);
    QCOMPARE(entriesOf(*wideAgain).size(), 3);
    QCOMPARE(entriesOf(*wideAgain).first().uses, 7);

    // Bad parameters get a clear error.
    auto badSort = c->ask(wire::devices, QCborMap{{u"sort"_s, u"alphabetical"_s}});
    QVERIFY(!badSort);
    QCOMPARE(badSort.error().code, ErrorCode::InvalidArgument);
    auto badWindow = c->ask(wire::devices, QCborMap{{u"window"_s, 0}});
    QVERIFY(!badWindow);
    QCOMPARE(badWindow.error().code, ErrorCode::InvalidArgument);
}

// ---- the storage terminal ----

void tst_Delivery::terminalChangeIsPushed()
{
    startServer();
    m_desktop = device(u"desktop"_s, u"alice"_s);
    m_laptop = device(u"laptop"_s, u"alice"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword, true));
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QVERIFY(!m_laptop->session().terminalDevice().has_value());

    QList<std::optional<QString>> pushed;
    const QMetaObject::Connection listener =
        QObject::connect(&m_laptop->session(), &Session::terminalChanged, &m_laptop->session(),
                         [&](const std::optional<QString> &deviceId) { pushed.append(deviceId); });
    const auto stopListening = qScopeGuard([&] { QObject::disconnect(listener); });

    auto chosen = m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_alicePassword));
    HUIJI_VERIFY_OK(chosen);
    QTRY_COMPARE_WITH_TIMEOUT(pushed.size(), 1, networkTimeoutMs);
    QCOMPARE(pushed.first(), std::optional(m_desktop->id()));
    QCOMPARE(m_laptop->session().terminalDevice(), std::optional(m_desktop->id()));
    QVERIFY(!m_laptop->session().isStorageTerminal());
    QTRY_VERIFY_WITH_TIMEOUT(m_desktop->session().isStorageTerminal(), networkTimeoutMs);

    auto cleared = m_desktop->ask(wire::terminalClear, withPassword({}, m_alicePassword));
    HUIJI_VERIFY_OK(cleared);
    QTRY_COMPARE_WITH_TIMEOUT(pushed.size(), 2, networkTimeoutMs);
    QVERIFY(!pushed.at(1).has_value());
    QVERIFY(!m_laptop->session().terminalDevice().has_value());
    QTRY_VERIFY_WITH_TIMEOUT(!m_desktop->session().isStorageTerminal(), networkTimeoutMs);
    QVERIFY(!m_desktop->session().terminalDevice().has_value());
    QCOMPARE(pushed.size(), 2);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_Delivery)
#include "tst_delivery.moc"

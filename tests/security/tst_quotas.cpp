// Per-account quotas against the in-process server (issue 13): devices per account, what storage
// terminals hold for an account, and records a device hands over per hour. Each is refused with a
// clear error past its limit; a contact who floods an account whose terminal is offline fills only
// its own share there (the sender is charged, so nobody can jam another account); and the owner
// and everyone else go on with nothing lost.

#include "SecurityWorld.h"

#include "../client/ServerFile.h"

#include "protocol/RecordId.h"

namespace huiji {

namespace {

Record message(const QString &from, const QString &to, const QString &body, const QString &device)
{
    Record record;
    record.deviceTime = QDateTime::currentMSecsSinceEpoch();
    record.id = RecordId::create(record.deviceTime);
    record.account = from;
    record.contact = to;
    record.sender = from;
    record.body = body;
    record.originDevice = device;
    return record;
}

QCborMap sending(const Record &record)
{
    return {{u"record"_s, RecordCbor::toCbor(record)}};
}

QCborMap forwarding(const QList<Record> &records)
{
    QCborArray list;
    for (const Record &record : records)
        list.append(RecordCbor::toCbor(record));
    return {{u"records"_s, list}};
}

bool isError(const Result<QCborMap> &answer, ErrorCode code)
{
    if (answer) {
        qWarning("expected the error %s, got an answer", qPrintable(errorCodeName(code)));
        return false;
    }
    if (answer.error().code != code)
        qWarning("expected %s, got %s: %s", qPrintable(errorCodeName(code)), qPrintable(errorCodeName(answer.error().code)),
                 qPrintable(answer.error().message));
    return answer.error().code == code;
}

// The ids of a device's records of one conversation.
QSet<QUuid> idsIn(TestDevice &device, const QString &contact)
{
    QSet<QUuid> ids;
    if (auto page = device.profile().history().older({device.profile().user(), contact, {}}, std::nullopt, 10'000))
        for (const StoredRecord &stored : std::as_const(page->records))
            ids.insert(stored.record.id);
    return ids;
}

} // namespace

class tst_Quotas : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void thirtyThirdDeviceIsRefused();
    void floodingAContactFillsOnlyTheSendersShare();
    void fullOwnTerminalStopsOwnSendsAndForwards();
    void uploadsPerDeviceAndHourAreLimited();
    void primarySyncIsWithinTheSecondariesQuota();

private:
    // Makes `device` its account's primary storage terminal.
    void makeTerminal(TestDevice &device);
    // Makes `terminal` its account's storage terminal, logs in another device of the account
    // (the profile `other`) and takes the terminal offline: what is sent now is held for it.
    TestDevice &terminalGoesOffline(TestDevice &terminal, const QString &other, const QByteArray &password);
    // `count` messages from `from` to `to`, each sent as a raw request and taken.
    static QList<Record> sendEach(TestDevice &from, const QString &to, int count);
    // Brings a terminal back online and waits until it has taken all it was held.
    void drain(TestDevice &terminal);
    // Another device of the test, logged out: it goes before the server does.
    TestDevice &device(const QString &name, const QString &user)
    {
        return *m_devices.emplace_back(m_world.site().device(name, user));
    }

    SecurityWorld m_world;
    std::vector<std::unique_ptr<TestDevice>> m_devices; // more devices of the test, gone before the server
};

void tst_Quotas::cleanup()
{
    m_devices.clear();
    m_world.stop();
}

void tst_Quotas::makeTerminal(TestDevice &device)
{
    const QByteArray &password = device.profile().user() == u"alice"_s ? m_world.alicePassword : m_world.bobPassword;
    HUIJI_VERIFY_OK(device.ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, password)));
    QTRY_VERIFY_WITH_TIMEOUT(device.session().isStorageTerminal(), networkTimeoutMs);
}

TestDevice &tst_Quotas::terminalGoesOffline(TestDevice &terminal, const QString &other, const QByteArray &password)
{
    makeTerminal(terminal);
    TestDevice &stays = device(other, terminal.profile().user());
    // QVERIFY cannot return a device: the failure is recorded all the same.
    QTest::qVerify(stays.logIn(password) && terminal.goOffline(), "the other device logs in, the terminal goes",
                   "", __FILE__, __LINE__);
    return stays;
}

QList<Record> tst_Quotas::sendEach(TestDevice &from, const QString &to, int count)
{
    QList<Record> sent;
    for (int i = 0; i < count; ++i) {
        sent.append(message(from.profile().user(), to, u"from %1, %2"_s.arg(from.id()).arg(i), from.id()));
        const auto answer = from.ask(wire::send, sending(sent.last()));
        QTest::qVerify(answer.has_value(), "the send is taken", answer ? "" : qPrintable(answer.error().message),
                       __FILE__, __LINE__);
    }
    return sent;
}

void tst_Quotas::drain(TestDevice &terminal)
{
    QSignalSpy caughtUp(&terminal.session(), &Session::caughtUp);
    QVERIFY(terminal.logIn({}));
    QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty(), networkTimeoutMs);
    HUIJI_VERIFY_OK(terminal.ask(wire::contacts)); // after the acks: the server has them
}

void tst_Quotas::thirtyThirdDeviceIsRefused()
{
    m_world.startWithContacts(); // the default quota: 32 devices
    // alice's desktop is one device; 31 more ids take her to 32, and the 33rd is refused. A new
    // device id comes only with the password (each device has its own credential).
    const auto deviceStep = [&](const QString &deviceId) -> std::optional<Frame> {
        RawClient raw;
        if (!raw.open(m_world.port()))
            return std::nullopt;
        raw.hello(1);
        const auto login = raw.ask(SecurityWorld::login(2, u"alice"_s, m_world.alicePassword));
        if (!login || login->type != wire::login)
            return login;
        return raw.ask({wire::device, 3,
                        QCborMap{{u"id"_s, deviceId}, {u"name"_s, deviceId}, {u"platform"_s, u"raw"_s},
                                 {u"macHash"_s, u"none"_s}}});
    };
    for (int i = 0; i < 31; ++i) {
        const auto added = deviceStep(u"device-%1"_s.arg(i));
        QVERIFY(added);
        QCOMPARE(added->type, wire::device);
    }
    const auto refused = deviceStep(u"device-31"_s);
    QVERIFY(refused);
    QCOMPARE(errorCodeOf(*refused), u"quota-exceeded"_s);
    QVERIFY2(refused->body.value(u"message"_s).toString().contains(u"32 devices"_s),
             qPrintable(refused->body.value(u"message"_s).toString()));
    // A device the account has already still logs in.
    const auto known = deviceStep(u"device-7"_s);
    QVERIFY(known);
    QCOMPARE(known->type, wire::device);
    ServerFile file(m_world.site().server());
    QVERIFY(file.isOpen());
    QCOMPARE(file.count(u"SELECT COUNT(*) FROM devices WHERE account = ?"_s, u"alice"_s), 32);

    // bob is not bounded by alice's devices, and alice's own desktop goes on.
    TestDevice &bobsPhone = device(u"bob-phone"_s, u"bob"_s);
    QVERIFY(bobsPhone.logIn(m_world.bobPassword));
    QVERIFY(SecurityWorld::reconnectWithToken(*m_world.alice));
    QVERIFY(m_world.honestStillServed(u"with 32 devices"_s));
}

void tst_Quotas::floodingAContactFillsOnlyTheSendersShare()
{
    ServerConfig config;
    config.heldRecords = 5;
    m_world.startWithContacts(config);
    TestDevice &mallory = device(u"mallory-pc"_s, u"mallory"_s);
    QVERIFY(mallory.logIn(testPassword("mallory"), true));
    makeContacts(mallory, *m_world.bob);
    // bob's pc is his storage terminal and goes offline; his phone stays.
    TestDevice &bobsPc = *m_world.bob;
    TestDevice &bobsPhone = terminalGoesOffline(bobsPc, u"bob-phone"_s, m_world.bobPassword);

    // mallory sends bob five messages: the terminal holds them for her, her quota of five.
    const QList<Record> sent = sendEach(mallory, u"bob"_s, 5);
    const Record sixth = message(u"mallory"_s, u"bob"_s, u"flood 5"_s, mallory.id());
    const auto refused = mallory.ask(wire::send, sending(sixth));
    QVERIFY(isError(refused, ErrorCode::QuotaExceeded));
    QVERIFY2(refused.error().message.contains(u"bob's storage terminal"_s), qPrintable(refused.error().message));
    // A resend of one she sent (its ack lost, say) is no new record: still taken.
    HUIJI_VERIFY_OK(mallory.ask(wire::send, sending(sent.at(2))));

    // The flood fills mallory's share only: alice's messages still reach bob, and bob still sends.
    QVERIFY(SecurityWorld::delivered(*m_world.alice, bobsPhone, u"alice is not jammed"_s));
    QVERIFY(SecurityWorld::delivered(bobsPhone, *m_world.alice, u"bob is not jammed"_s));

    // bob's terminal comes back and gets everything, once: the five, and alice's and bob's.
    drain(bobsPc);
    QSet<QUuid> expected;
    for (const Record &record : std::as_const(sent))
        expected.insert(record.id);
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(bobsPc, u"mallory"_s), expected, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(bobsPc, u"alice"_s).size(), 2, networkTimeoutMs);
    // What it took is off mallory's share: her sixth goes now.
    HUIJI_VERIFY_OK(mallory.ask(wire::send, sending(sixth)));
    expected.insert(sixth.id);
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(bobsPc, u"mallory"_s), expected, networkTimeoutMs);
    QVERIFY(m_world.honestStillServed(u"after the flood"_s));
}

void tst_Quotas::fullOwnTerminalStopsOwnSendsAndForwards()
{
    ServerConfig config;
    config.heldRecords = 5;
    m_world.startWithContacts(config);
    TestDevice &desktop = *m_world.alice;
    TestDevice &laptop = terminalGoesOffline(desktop, u"alice-laptop"_s, m_world.alicePassword);

    QSet<QUuid> sent;
    for (const Record &record : sendEach(laptop, u"bob"_s, 5))
        sent.insert(record.id);
    const auto refused = laptop.ask(wire::send, sending(message(u"alice"_s, u"bob"_s, u"one too many"_s, laptop.id())));
    QVERIFY(isError(refused, ErrorCode::QuotaExceeded));
    QVERIFY2(refused.error().message.contains(u"your storage terminal"_s), qPrintable(refused.error().message));
    Record direct = message(u"alice"_s, u"bob"_s, u"seen on a direct link"_s, laptop.id());
    direct.arrival = Arrival::Direct;
    QVERIFY(isError(laptop.ask(wire::forward, forwarding({direct})), ErrorCode::QuotaExceeded));

    // bob is charged for what he sends alice, not alice: he still reaches her laptop.
    QVERIFY(SecurityWorld::delivered(*m_world.bob, laptop, u"bob still gets through"_s));

    // The terminal comes back, takes the five (and bob's), and alice sends and forwards again.
    drain(desktop);
    QTRY_VERIFY_WITH_TIMEOUT(idsIn(desktop, u"bob"_s).contains(sent), networkTimeoutMs);
    HUIJI_VERIFY_OK(laptop.ask(wire::forward, forwarding({direct})));
    QTRY_VERIFY_WITH_TIMEOUT(idsIn(desktop, u"bob"_s).contains(direct.id), networkTimeoutMs);
    QVERIFY(SecurityWorld::delivered(laptop, *m_world.bob, u"the laptop sends again"_s));
    QVERIFY(m_world.honestStillServed(u"after the terminal took its records"_s));
}

void tst_Quotas::uploadsPerDeviceAndHourAreLimited()
{
    ServerConfig config;
    config.uploadRecordsPerHour = 10;
    m_world.startWithContacts(config);
    makeTerminal(*m_world.alice);
    TestDevice &laptop = device(u"alice-laptop"_s, u"alice"_s);
    TestDevice &phone = device(u"alice-phone"_s, u"alice"_s);
    QVERIFY(laptop.logIn(m_world.alicePassword));
    QVERIFY(phone.logIn(m_world.alicePassword));

    const auto batch = [](TestDevice &device, const QString &what) {
        QList<Record> records;
        for (int i = 0; i < 6; ++i) {
            records.append(message(u"alice"_s, u"bob"_s, u"%1 %2"_s.arg(what).arg(i), device.id()));
            records.last().arrival = Arrival::Direct;
        }
        return records;
    };
    QSet<QUuid> taken;
    const auto take = [&](const QList<Record> &records) {
        for (const Record &record : records)
            taken.insert(record.id);
    };
    // Six, then six more (the batch that passes the limit is let through once), then no more.
    const QList<Record> first = batch(laptop, u"laptop first"_s);
    const QList<Record> second = batch(laptop, u"laptop second"_s);
    HUIJI_VERIFY_OK(laptop.ask(wire::forward, forwarding(first)));
    HUIJI_VERIFY_OK(laptop.ask(wire::forward, forwarding(second)));
    take(first);
    take(second);
    const QList<Record> third = batch(laptop, u"laptop third"_s);
    const auto refused = laptop.ask(wire::forward, forwarding(third));
    QVERIFY(isError(refused, ErrorCode::RateLimited));
    QVERIFY2(refused.error().retryAfter > 0 && refused.error().retryAfter <= 3600,
             qPrintable(QString::number(refused.error().retryAfter)));
    // The limit is the laptop's: the phone hands over its own.
    const QList<Record> phones = batch(phone, u"phone"_s);
    HUIJI_VERIFY_OK(phone.ask(wire::forward, forwarding(phones)));
    take(phones);

    // The terminal has everything that was taken, and nothing that was refused.
    QTRY_VERIFY_WITH_TIMEOUT(idsIn(*m_world.alice, u"bob"_s).contains(taken), networkTimeoutMs);
    HUIJI_VERIFY_OK(m_world.alice->ask(wire::contacts));
    for (const Record &record : third)
        QVERIFY(!idsIn(*m_world.alice, u"bob"_s).contains(record.id));
    QVERIFY(m_world.honestStillServed(u"after a device handed over too much"_s));
}

// The primary hands its merged records to the secondaries (sync-upload): what they hold for the
// account counts in its quota, and the primary hands over no more an hour than any device.
void tst_Quotas::primarySyncIsWithinTheSecondariesQuota()
{
    ServerConfig config;
    config.heldRecords = 5;
    config.uploadRecordsPerHour = 12;
    m_world.startWithContacts(config);
    TestDevice &desktop = *m_world.alice;
    makeTerminal(desktop);
    TestDevice &laptop = device(u"alice-laptop"_s, u"alice"_s);
    QVERIFY(laptop.logIn(m_world.alicePassword));
    HUIJI_VERIFY_OK(desktop.ask(wire::terminalSet, withPassword(QCborMap{{u"device"_s, laptop.id()}, {u"role"_s, u"secondary"_s}},
                                                                m_world.alicePassword)));
    QVERIFY(laptop.goOffline());

    int made = 0;
    const auto batch = [&] {
        QList<Record> records;
        for (int i = 0; i < 4; ++i)
            records.append(message(u"alice"_s, u"bob"_s, u"merged %1"_s.arg(made++), desktop.id()));
        return records;
    };
    QSet<QUuid> taken;
    const auto sync = [&](const QList<Record> &records) {
        const auto answer = desktop.ask(wire::syncUpload, forwarding(records));
        if (answer)
            for (const Record &record : records)
                taken.insert(record.id);
        return answer;
    };
    // Four, then four more (the batch that passes the quota is let through once), then no more
    // while the laptop is away.
    HUIJI_VERIFY_OK(sync(batch()));
    HUIJI_VERIFY_OK(sync(batch()));
    const QList<Record> refused = batch();
    QVERIFY(isError(sync(refused), ErrorCode::QuotaExceeded));

    // The laptop takes what was held; then there is room again, up to the hourly upload quota.
    drain(laptop);
    QTRY_VERIFY_WITH_TIMEOUT(idsIn(laptop, u"bob"_s).contains(taken), networkTimeoutMs);
    HUIJI_VERIFY_OK(sync(batch()));
    QVERIFY(isError(sync(batch()), ErrorCode::RateLimited));
    QTRY_VERIFY_WITH_TIMEOUT(idsIn(laptop, u"bob"_s).contains(taken), networkTimeoutMs);
    for (const Record &record : refused)
        QVERIFY(!idsIn(laptop, u"bob"_s).contains(record.id));
    QCOMPARE(taken.size(), 12);
    QVERIFY(m_world.honestStillServed(u"after the primary synchronised too much"_s));
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_Quotas)
#include "tst_quotas.moc"

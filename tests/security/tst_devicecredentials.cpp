// Every device has its own credential (issue 13), attacked with frames made by hand against a real
// in-process server: a stolen credential cannot pose as another device (the storage terminal, say)
// nor ack what is held for it, a device id cannot be taken over by another device's credential,
// an expired or revoked credential is refused and a signed-out device's connection ends at once,
// and the sensitive changes need the password again. Each attack leaves the honest devices working
// with nothing lost.

#include "../client/TestNetwork.h"
#include "../common/RawClient.h"

#include <QDateTime>
#include <QTest>

#include <atomic>

namespace huiji {

namespace {

constexpr qint64 dayMs = 24 * 60 * 60 * 1000;

QString codeOf(const std::optional<Frame> &frame)
{
    if (!frame)
        return u"(no answer)"_s;
    return frame->type == wire::error ? frame->body.value(u"code"_s).toString() : u"ok"_s;
}

// The bodies in a device's store, sorted: what it has, whatever the order it came in.
QStringList bodiesOf(TestDevice &device)
{
    auto page = device.profile().history().older({device.profile().user(), {}, {}}, std::nullopt, 100'000);
    if (!page)
        return {u"cannot read: "_s + page.error().message};
    QStringList bodies;
    for (const StoredRecord &stored : std::as_const(page->records))
        bodies.append(stored.record.body);
    bodies.sort();
    return bodies;
}

} // namespace

class tst_DeviceCredentials : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void credentialCannotPoseAsAnotherDevice();
    void credentialCannotAckAnotherDevicesRecords();
    void deviceIdCannotBeTakenOverByAnotherCredential();
    void expiredCredentialIsRefused();
    void signedOutDeviceIsClosedAtOnce();
    void signOutAllOtherDevices();
    void sensitiveChangesNeedThePassword();
    void wrongPasswordsForReauthAreThrottled();

private:
    void start(ServerConfig config = {});
    // alice's desktop (the primary storage terminal, offline again) and bob's pc (online), contacts.
    void setUpAliceAndBob();
    // A raw device of alice's: hello, login with the password or a credential, and the device step.
    // The answers of login and device; the credential a password login got is in `token`.
    struct RawLogin {
        QString login;  // "ok" or the error code
        QString device; // "ok", the error code, or empty when login failed
        QString token;
    };
    RawLogin rawLogin(RawClient &raw, const QString &deviceId, const QByteArray &password, const QString &token = {});
    // A credential of a device of alice's that logged in with the password once and left.
    QString credentialOf(const QString &deviceId);
    void bobSends(const QStringList &bodies);
    void setTerminal(TestDevice &device);

    TestSite m_site;
    std::atomic<qint64> m_clockShift{0};
    std::unique_ptr<TestDevice> m_desktop;
    std::unique_ptr<TestDevice> m_bob;
    const QByteArray m_alicePassword = testPassword("alice");
    const QByteArray m_bobPassword = testPassword("bob");
};

void tst_DeviceCredentials::init()
{
    m_clockShift = 0;
}

void tst_DeviceCredentials::cleanup()
{
    m_desktop.reset();
    m_bob.reset();
    m_site.stop();
}

void tst_DeviceCredentials::start(ServerConfig config)
{
    config.clock = [this] { return QDateTime::currentMSecsSinceEpoch() + m_clockShift.load(); };
    QVERIFY(m_site.start(std::move(config)));
}

void tst_DeviceCredentials::setUpAliceAndBob()
{
    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword, true));
    m_bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    makeContacts(*m_desktop, *m_bob);
    setTerminal(*m_desktop);
    QVERIFY(m_desktop->goOffline());
}

void tst_DeviceCredentials::setTerminal(TestDevice &device)
{
    HUIJI_VERIFY_OK(device.ask(wire::terminalSet,
                               withPassword(QCborMap{{u"device"_s, device.id()}, {u"role"_s, u"primary"_s}}, m_alicePassword)));
    QTRY_VERIFY_WITH_TIMEOUT(device.session().isStorageTerminal(), networkTimeoutMs);
}

tst_DeviceCredentials::RawLogin tst_DeviceCredentials::rawLogin(RawClient &raw, const QString &deviceId,
                                                                const QByteArray &password, const QString &token)
{
    RawLogin result;
    if (!raw.open(m_site.server().port()) || codeOf(raw.ask(wire::hello, QCborMap{{u"version"_s, FrameCodec::protocolVersion},
                                                                                  {u"client"_s, u"raw"_s}}))
                                                 != u"ok"_s)
        return {u"(no hello)"_s, {}, {}};
    QCborMap login{{u"user"_s, u"alice"_s}};
    if (token.isEmpty())
        login.insert(u"password"_s, QString::fromUtf8(password));
    else
        login.insert(u"token"_s, token);
    result.login = codeOf(raw.ask(wire::login, login));
    if (result.login != u"ok"_s)
        return result;
    const auto device = raw.ask(wire::device, QCborMap{{u"id"_s, deviceId}, {u"name"_s, deviceId},
                                                       {u"platform"_s, u"raw"_s}, {u"macHash"_s, u""_s}});
    result.device = codeOf(device);
    if (device && result.device == u"ok"_s)
        result.token = device->body.value(u"token"_s).toString();
    return result;
}

QString tst_DeviceCredentials::credentialOf(const QString &deviceId)
{
    RawClient raw;
    const RawLogin login = rawLogin(raw, deviceId, m_alicePassword);
    if (login.device != u"ok"_s || login.token.isEmpty())
        qWarning("the password login of %s did not give a credential", qPrintable(deviceId));
    return login.token;
}

void tst_DeviceCredentials::bobSends(const QStringList &bodies)
{
    for (const QString &body : bodies) {
        QSignalSpy stored(&m_bob->session(), &Session::messageStored);
        HUIJI_VERIFY_OK(m_bob->session().sendMessage(u"alice"_s, body));
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    }
}

// ---- one device's credential as another device ----

void tst_DeviceCredentials::credentialCannotPoseAsAnotherDevice()
{
    start();
    setUpAliceAndBob();
    const QString phoneCredential = credentialOf(u"phone"_s);
    QVERIFY(!phoneCredential.isEmpty());
    bobSends({u"held 1"_s, u"held 2"_s, u"held 3"_s});

    // The phone's credential, stolen, names the storage terminal (offline) or a device never seen.
    for (const QString &claimed : {m_desktop->id(), u"brand-new"_s}) {
        RawClient thief;
        const RawLogin login = rawLogin(thief, claimed, {}, phoneCredential);
        QCOMPARE(login.login, u"ok"_s); // it is alice's, as the phone
        QCOMPARE(login.device, u"forbidden"_s);
        // Not logged in as any device: it can neither ack nor ask anything.
        QCOMPARE(codeOf(thief.ask(wire::ack, QCborMap{{u"seqs"_s, QCborArray{1, 2, 3}}})), u"not-logged-in"_s);
        QCOMPARE(codeOf(thief.ask(wire::devices)), u"not-logged-in"_s);
    }

    // The storage terminal, online now, is not pushed off by a thief naming it either.
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*m_desktop), (QStringList{u"held 1"_s, u"held 2"_s, u"held 3"_s}), networkTimeoutMs);
    QSignalSpy states(&m_desktop->session(), &Session::stateChanged);
    RawClient thief;
    QCOMPARE(rawLogin(thief, m_desktop->id(), {}, phoneCredential).device, u"forbidden"_s);
    bobSends({u"live"_s});
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*m_desktop).size(), 4, networkTimeoutMs);
    QCOMPARE(states.size(), 0);
    QCOMPARE(m_desktop->session().state(), Session::State::Online);

    // The phone itself still logs in with its credential, as itself.
    RawClient phone;
    QCOMPARE(rawLogin(phone, u"phone"_s, {}, phoneCredential).device, u"ok"_s);
}

void tst_DeviceCredentials::credentialCannotAckAnotherDevicesRecords()
{
    start();
    setUpAliceAndBob();
    const QString phoneCredential = credentialOf(u"phone"_s);
    const QStringList sent = {u"one"_s, u"two"_s, u"three"_s, u"four"_s};
    bobSends(sent);

    // Logged in as the phone, it acks every sequence number there can be: only the phone's own
    // deliveries go. The device list after it is a barrier: the acks were handled before it.
    RawClient phone;
    QCOMPARE(rawLogin(phone, u"phone"_s, {}, phoneCredential).device, u"ok"_s);
    QCborArray everything;
    for (int seq = 1; seq <= 1000; ++seq)
        everything.append(seq);
    phone.send({wire::ack, 0, QCborMap{{u"seqs"_s, everything}}});
    QCOMPARE(codeOf(phone.ask(wire::devices)), u"ok"_s);

    // The storage terminal still gets all of them.
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QStringList expected = sent;
    expected.sort();
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*m_desktop), expected, networkTimeoutMs);
}

// ---- a device id taken over ----

void tst_DeviceCredentials::deviceIdCannotBeTakenOverByAnotherCredential()
{
    start();
    setUpAliceAndBob();
    const QString tabletCredential = credentialOf(u"tablet"_s);
    const QString phoneCredential = credentialOf(u"phone"_s);

    // The phone's credential cannot become the tablet, online or not.
    RawClient tablet;
    QCOMPARE(rawLogin(tablet, u"tablet"_s, {}, tabletCredential).device, u"ok"_s);
    RawClient thief;
    QCOMPARE(rawLogin(thief, u"tablet"_s, {}, phoneCredential).device, u"forbidden"_s);
    QVERIFY(!tablet.isClosed());
    QCOMPARE(codeOf(tablet.ask(wire::devices)), u"ok"_s);

    // The rule: only the password moves a device id to a new credential. The owner reinstalling
    // the tablet logs in with the password as the tablet; the old credential is revoked and its
    // connection closed, and the new one works.
    RawClient reinstalled;
    const RawLogin again = rawLogin(reinstalled, u"tablet"_s, m_alicePassword);
    QCOMPARE(again.device, u"ok"_s);
    QVERIFY(!again.token.isEmpty());
    QVERIFY(again.token != tabletCredential);
    QVERIFY(tablet.waitUntilClosed());
    RawClient old;
    QCOMPARE(rawLogin(old, u"tablet"_s, {}, tabletCredential).login, u"bad-credentials"_s);
    reinstalled.close();
    QVERIFY(reinstalled.waitUntilClosed());
    RawClient renewed;
    QCOMPARE(rawLogin(renewed, u"tablet"_s, {}, again.token).device, u"ok"_s);

    // The phone's credential is untouched, and bob's messages reach the terminal.
    RawClient phone;
    QCOMPARE(rawLogin(phone, u"phone"_s, {}, phoneCredential).device, u"ok"_s);
    bobSends({u"after the takeover"_s});
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*m_desktop), QStringList{u"after the takeover"_s}, networkTimeoutMs);
}

// ---- expiry ----

void tst_DeviceCredentials::expiredCredentialIsRefused()
{
    ServerConfig config;
    config.credentialExpiryDays = 2;
    start(config);
    setUpAliceAndBob();
    const QString oldCredential = credentialOf(u"old-phone"_s);
    const QString usedCredential = credentialOf(u"used-phone"_s);

    // A day and a half later the used phone logs in; a day after that, only the other has been
    // unused for more than two days.
    m_clockShift = dayMs * 3 / 2;
    {
        RawClient used;
        QCOMPARE(rawLogin(used, u"used-phone"_s, {}, usedCredential).device, u"ok"_s);
    }
    m_clockShift = dayMs * 5 / 2;
    RawClient expired;
    QCOMPARE(rawLogin(expired, u"old-phone"_s, {}, oldCredential).login, u"bad-credentials"_s);
    RawClient used;
    QCOMPARE(rawLogin(used, u"used-phone"_s, {}, usedCredential).device, u"ok"_s);
    const auto devices = used.ask(wire::devices);
    QCOMPARE(codeOf(devices), u"ok"_s);
    QHash<QString, bool> signedIn;
    for (const QCborValue &entry : devices->body.value(u"devices"_s).toArray())
        signedIn.insert(entry.toMap().value(u"id"_s).toString(), entry.toMap().value(u"signedIn"_s).toBool());
    QCOMPARE(signedIn.value(u"old-phone"_s, true), false);
    QCOMPARE(signedIn.value(u"used-phone"_s), true);

    // The old phone comes back with the password; nothing held for the terminal went meanwhile.
    RawClient back;
    QCOMPARE(rawLogin(back, u"old-phone"_s, m_alicePassword).device, u"ok"_s);
    bobSends({u"still here"_s});
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*m_desktop), QStringList{u"still here"_s}, networkTimeoutMs);
}

// ---- signing out ----

void tst_DeviceCredentials::signedOutDeviceIsClosedAtOnce()
{
    start();
    setUpAliceAndBob();
    const QString phoneCredential = credentialOf(u"phone"_s);
    auto laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QVERIFY(laptop->logIn(m_alicePassword));
    QVERIFY(m_desktop->logIn(m_alicePassword));
    RawClient phone;
    QCOMPARE(rawLogin(phone, u"phone"_s, {}, phoneCredential).device, u"ok"_s);

    // Signing another device out needs the password; without it, or with a wrong one, nothing ends.
    const QCborMap revokePhone{{u"device"_s, u"phone"_s}};
    auto refused = laptop->ask(wire::deviceRevoke, revokePhone);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::ReauthRequired);
    QCborMap wrong = revokePhone;
    wrong.insert(u"password"_s, u"not the password"_s);
    auto wrongPassword = laptop->ask(wire::deviceRevoke, wrong);
    QVERIFY(!wrongPassword);
    QCOMPARE(wrongPassword.error().code, ErrorCode::BadCredentials);
    QVERIFY(!phone.isClosed());
    QCOMPARE(codeOf(phone.ask(wire::devices)), u"ok"_s);

    // With it, the phone's connection ends at once and its credential is no more.
    auto revoked = laptop->ask(wire::deviceRevoke, withPassword(revokePhone, m_alicePassword));
    HUIJI_VERIFY_OK(revoked);
    QCOMPARE(revoked->value(u"revoked"_s).toInteger(), 1);
    QVERIFY(phone.waitUntilClosed());
    QStringList codes;
    for (const Frame &frame : phone.takeReceived())
        codes.append(codeOf(frame));
    QVERIFY2(codes.contains(u"bad-credentials"_s), qPrintable(codes.join(u", "_s)));
    RawClient again;
    QCOMPARE(rawLogin(again, u"phone"_s, {}, phoneCredential).login, u"bad-credentials"_s);

    // The storage terminal signed out: its session hears why and stops; what bob writes
    // meanwhile is held for it and comes once it logs in with the password again.
    QSignalSpy failed(&m_desktop->session(), &Session::failed);
    HUIJI_VERIFY_OK(laptop->ask(wire::deviceRevoke,
                                withPassword(QCborMap{{u"device"_s, m_desktop->id()}}, m_alicePassword)));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, networkTimeoutMs);
    QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::BadCredentials);
    QTRY_COMPARE_WITH_TIMEOUT(m_desktop->session().state(), Session::State::Offline, networkTimeoutMs);
    bobSends({u"while signed out"_s});
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*m_desktop), QStringList{u"while signed out"_s}, networkTimeoutMs);

    // A device signs itself out without the password: answered, then closed.
    RawClient leaving;
    const RawLogin left = rawLogin(leaving, u"leaving"_s, m_alicePassword);
    QCOMPARE(left.device, u"ok"_s);
    const auto bye = leaving.ask(wire::deviceRevoke);
    QCOMPARE(codeOf(bye), u"ok"_s);
    QCOMPARE(bye->body.value(u"devices"_s).toArray(), QCborArray{u"leaving"_s});
    QVERIFY(leaving.waitUntilClosed());
    RawClient returning;
    QCOMPARE(rawLogin(returning, u"leaving"_s, {}, left.token).login, u"bad-credentials"_s);
    QCOMPARE(laptop->session().state(), Session::State::Online);
}

void tst_DeviceCredentials::signOutAllOtherDevices()
{
    start();
    setUpAliceAndBob();
    const QString phoneCredential = credentialOf(u"phone"_s);
    const QString tabletCredential = credentialOf(u"tablet"_s);
    auto laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QVERIFY(laptop->logIn(m_alicePassword));
    RawClient phone;
    QCOMPARE(rawLogin(phone, u"phone"_s, {}, phoneCredential).device, u"ok"_s);

    QVERIFY(!laptop->ask(wire::deviceRevoke, QCborMap{{u"others"_s, true}}));
    auto revoked = laptop->ask(wire::deviceRevoke, withPassword(QCborMap{{u"others"_s, true}}, m_alicePassword));
    HUIJI_VERIFY_OK(revoked);
    QCOMPARE(revoked->value(u"revoked"_s).toInteger(), 3); // desktop, phone, tablet
    QVERIFY(phone.waitUntilClosed());
    for (const auto &[id, credential] : {std::pair(u"phone"_s, phoneCredential), std::pair(u"tablet"_s, tabletCredential)}) {
        RawClient stale;
        QCOMPARE(rawLogin(stale, id, {}, credential).login, u"bad-credentials"_s);
    }
    auto devices = laptop->ask(wire::devices);
    HUIJI_VERIFY_OK(devices);
    QStringList signedIn;
    for (const QCborValue &entry : devices->value(u"devices"_s).toArray())
        if (entry.toMap().value(u"signedIn"_s).toBool())
            signedIn.append(entry.toMap().value(u"id"_s).toString());
    QCOMPARE(signedIn, QStringList{laptop->id()});

    // The laptop and bob go on; the terminal's records wait for it.
    bobSends({u"to the survivors"_s});
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*laptop), QStringList{u"to the survivors"_s}, networkTimeoutMs);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*m_desktop), QStringList{u"to the survivors"_s}, networkTimeoutMs);
}

// ---- re-authentication ----

void tst_DeviceCredentials::sensitiveChangesNeedThePassword()
{
    ServerConfig config;
    // The wrong passwords below are not what this test is about: no delays for them.
    config.throttle.perAccount = 100;
    config.throttle.freeAttempts = 100;
    start(config);
    setUpAliceAndBob();
    auto laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QVERIFY(laptop->logIn(m_alicePassword));
    const QCborMap makeLaptopPrimary{{u"device"_s, laptop->id()}, {u"role"_s, u"primary"_s}};
    const QList<std::pair<QString, QCborMap>> sensitive = {
        {wire::terminalSet, makeLaptopPrimary},
        {wire::terminalSet, QCborMap{{u"device"_s, laptop->id()}, {u"role"_s, u"secondary"_s}}},
        {wire::terminalRemove, QCborMap{{u"device"_s, m_desktop->id()}}},
        {wire::terminalClear, QCborMap{}},
        {wire::archiveSet, QCborMap{{u"enabled"_s, true}}},
    };
    for (const auto &[type, body] : sensitive) {
        auto bare = laptop->ask(type, body);
        QVERIFY2(!bare, qPrintable(type));
        QCOMPARE(bare.error().code, ErrorCode::ReauthRequired);
        QCborMap wrong = body;
        wrong.insert(u"password"_s, u"guess"_s);
        auto guessed = laptop->ask(type, wrong);
        QVERIFY2(!guessed, qPrintable(type));
        QCOMPARE(guessed.error().code, ErrorCode::BadCredentials);
    }
    // Nothing changed: the desktop is still the only terminal and the server keeps no archive.
    const QList<wire::TerminalEntry> before{{m_desktop->id(), wire::TerminalRole::Primary}};
    QCOMPARE(laptop->session().terminals(), before);
    QVERIFY(!laptop->session().serverArchives());
    auto archive = laptop->ask(wire::archive);
    HUIJI_VERIFY_OK(archive);
    QVERIFY(!archive->value(u"enabled"_s).toBool());

    // With the password each goes through; turning the archive off needs it too.
    HUIJI_VERIFY_OK(laptop->ask(wire::terminalSet, withPassword(makeLaptopPrimary, m_alicePassword)));
    QTRY_VERIFY_WITH_TIMEOUT(laptop->session().isStorageTerminal(), networkTimeoutMs);
    HUIJI_VERIFY_OK(laptop->ask(wire::archiveSet, withPassword(QCborMap{{u"enabled"_s, true}}, m_alicePassword)));
    auto off = laptop->ask(wire::archiveSet, QCborMap{{u"enabled"_s, false}});
    QVERIFY(!off);
    QCOMPARE(off.error().code, ErrorCode::ReauthRequired);
    archive = laptop->ask(wire::archive);
    HUIJI_VERIFY_OK(archive);
    QVERIFY(archive->value(u"enabled"_s).toBool());

    // Reading the archive out needs it: once per connection, for the pages of one restore.
    auto unasked = laptop->ask(wire::archiveRestore);
    QVERIFY(!unasked);
    QCOMPARE(unasked.error().code, ErrorCode::ReauthRequired);
    HUIJI_VERIFY_OK(laptop->ask(wire::archiveRestore, withPassword(QCborMap{}, m_alicePassword)));
    HUIJI_VERIFY_OK(laptop->ask(wire::archiveRestore));
    QVERIFY(laptop->goOffline());
    QVERIFY(laptop->logIn(m_alicePassword));
    auto again = laptop->ask(wire::archiveRestore);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::ReauthRequired);

    // Bob's messages reach the new terminal.
    bobSends({u"to the new terminal"_s});
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*laptop), QStringList{u"to the new terminal"_s}, networkTimeoutMs);
}

void tst_DeviceCredentials::wrongPasswordsForReauthAreThrottled()
{
    ServerConfig config;
    config.throttle.perAccount = 3;
    start(config);
    setUpAliceAndBob();
    QVERIFY(m_desktop->logIn(m_alicePassword));
    auto laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QVERIFY(laptop->logIn(m_alicePassword));
    QCborMap guess{{u"device"_s, laptop->id()}, {u"role"_s, u"primary"_s}};
    for (int attempt = 0; attempt < 3; ++attempt) {
        guess.insert(u"password"_s, u"guess %1"_s.arg(attempt));
        auto refused = laptop->ask(wire::terminalSet, guess);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::BadCredentials);
    }
    // A stolen credential is no faster a way to guess the password than a login: the right one is
    // refused too, for now.
    guess.insert(u"password"_s, QString::fromUtf8(m_alicePassword));
    auto throttled = laptop->ask(wire::terminalSet, guess);
    QVERIFY(!throttled);
    QCOMPARE(throttled.error().code, ErrorCode::RateLimited);
    QVERIFY(!laptop->session().isStorageTerminal());

    // The laptop's connection goes on, and the terminal still gets what bob writes.
    QCOMPARE(laptop->session().state(), Session::State::Online);
    bobSends({u"throttled but delivered"_s});
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*laptop), QStringList{u"throttled but delivered"_s}, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(bodiesOf(*m_desktop), QStringList{u"throttled but delivered"_s}, networkTimeoutMs);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_DeviceCredentials)
#include "tst_devicecredentials.moc"

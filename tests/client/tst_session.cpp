// The client engine against a real in-process server: alice's storage terminal receives what her
// other devices said while it was away (claim 1, S260-S270), and gets everything live when online.
// Each device keeps a credential of its own in the keychain and logs in with it; nothing secret is
// sent before the server's certificate is confirmed. A connection lost in the middle of a login is
// retried like any other; only the server's refusal stops the session.

#include "DyingServer.h"
#include "TestNetwork.h"

#include "client/CredentialStore.h"

#include "protocol/Wire.h"

#include <QTest>

namespace huiji {

class tst_Session : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void terminalOfflineGetsEverythingHeld();
    void terminalOnlineGetsEverythingLive();
    void credentialIsKeptAndLogsInWithoutThePassword();
    void refusedCredentialFallsBackToThePassword();
    void signOutRevokesAndForgetsTheCredential();
    void nothingSecretBeforeTheCertificateIsConfirmed();
    void fingerprintsAreNormalized();
    void lostInTheMiddleOfLoginIsRetried_data();
    void lostInTheMiddleOfLoginIsRetried();

private:
    void setUpAliceAndBob();
    // Sends and waits until the server has stored it.
    void say(TestDevice &from, const QString &to, const QString &text);
    QList<StoredRecord> conversation(TestDevice &device, const QString &contact);
    static std::optional<QByteArray> keptCredential(TestDevice &device);
    // Starts a session and waits for it to be ready or to fail; the failure, if any.
    static std::optional<Error> startAndWait(Session &session, const QByteArray &password, bool createAccount = false);
    static bool logsIn(Session &session, const QByteArray &password, bool createAccount = false);

    TestSite m_site;
    std::unique_ptr<TestDevice> m_desktop, m_laptop, m_phone, m_bob;
    const QByteArray m_alicePassword = testPassword("alice");
    const QByteArray m_bobPassword = testPassword("bob");
};

void tst_Session::init()
{
    QVERIFY(m_site.start());
}

void tst_Session::cleanup()
{
    m_desktop.reset();
    m_laptop.reset();
    m_phone.reset();
    m_bob.reset();
    m_site.stop();
}

void tst_Session::setUpAliceAndBob()
{
    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    m_laptop = m_site.device(u"laptop"_s, u"alice"_s);
    m_phone = m_site.device(u"phone"_s, u"alice"_s);
    m_bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    QVERIFY(!m_desktop->session().isStorageTerminal());
    auto chosen = m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_alicePassword));
    HUIJI_VERIFY_OK(chosen);
    QCOMPARE(chosen->value(u"device"_s).toString(), m_desktop->id());
    makeContacts(*m_desktop, *m_bob);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_desktop->session().contacts().first().online); // bob is connected
}

void tst_Session::say(TestDevice &from, const QString &to, const QString &text)
{
    QSignalSpy stored(&from.session(), &Session::messageStored);
    auto record = from.session().sendMessage(to, text);
    HUIJI_VERIFY_OK(record);
    QTRY_VERIFY_WITH_TIMEOUT(!stored.isEmpty(), networkTimeoutMs);
    QCOMPARE(stored.first().first().toUuid(), record->id);
}

QList<StoredRecord> tst_Session::conversation(TestDevice &device, const QString &contact)
{
    auto page = device.profile().history().older({u"alice"_s, contact, {}}, std::nullopt, 1000);
    if (!page)
        return {};
    QList<StoredRecord> records = page->records;
    std::reverse(records.begin(), records.end()); // oldest first, as people read
    return records;
}

void tst_Session::terminalOfflineGetsEverythingHeld()
{
    setUpAliceAndBob();
    QVERIFY(m_desktop->goOffline());

    // While the storage terminal is away, the laptop and then the phone talk to bob.
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QVERIFY(!m_laptop->session().isStorageTerminal());
    QCOMPARE(m_laptop->session().terminalDevice(), std::optional(m_desktop->id()));
    say(*m_laptop, u"bob"_s, u"Laptop here: did the build pass?"_s);
    say(*m_laptop, u"bob"_s, u"和测试报告一起发给我"_s);
    say(*m_bob, u"alice"_s, u"Yes, all green."_s);
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_laptop, u"bob"_s).size(), 3, networkTimeoutMs);
    QVERIFY(m_laptop->goOffline());

    QVERIFY(m_phone->logIn(m_alicePassword));
    say(*m_phone, u"bob"_s, u"On my phone now. Lunch?"_s);
    say(*m_bob, u"alice"_s, u"好的，十二点见"_s);
    // The phone was not yet known to the server when the laptop spoke, so it has only its own part.
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_phone, u"bob"_s).size(), 2, networkTimeoutMs);

    // The storage terminal comes back and ends with everything, labelled with where it was seen.
    QSignalSpy progress(&m_desktop->session(), &Session::recordsMerged);
    QSignalSpy caughtUp(&m_desktop->session(), &Session::caughtUp);
    QSignalSpy ready(&m_desktop->session(), &Session::ready);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QVERIFY(m_desktop->session().isStorageTerminal());
    QCOMPARE(ready.first().at(1).toLongLong(), 5);
    QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty(), networkTimeoutMs);

    const QList<StoredRecord> merged = conversation(*m_desktop, u"bob"_s);
    QCOMPARE(merged.size(), 5);
    const QStringList bodies = {u"Laptop here: did the build pass?"_s, u"和测试报告一起发给我"_s, u"Yes, all green."_s,
                                u"On my phone now. Lunch?"_s, u"好的，十二点见"_s};
    const QStringList labels = {u"laptop"_s, u"laptop"_s, u"laptop"_s, u"phone"_s, u"phone"_s};
    for (qsizetype index = 0; index < merged.size(); ++index) {
        QCOMPARE(merged[index].record.body, bodies[index]);
        QCOMPARE(merged[index].deviceLabel, labels[index]);
        QCOMPARE(merged[index].record.arrival, Arrival::Relayed);
        if (index > 0)
            QVERIFY(merged[index - 1].record.orderTime() <= merged[index].record.orderTime());
    }
    QCOMPARE(merged[2].record.direction, Direction::Incoming);
    QCOMPARE(merged[2].record.sender, u"bob"_s);

    // The server holds nothing more for it: the next login has nothing pending.
    QVERIFY(m_desktop->goOffline());
    ready.clear();
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QCOMPARE(ready.first().at(1).toLongLong(), 0);
    QCOMPARE(conversation(*m_desktop, u"bob"_s).size(), 5);
}

void tst_Session::terminalOnlineGetsEverythingLive()
{
    setUpAliceAndBob();
    QVERIFY(m_desktop->session().isStorageTerminal());
    QVERIFY(m_laptop->logIn(m_alicePassword));
    say(*m_laptop, u"bob"_s, u"one"_s);
    say(*m_bob, u"alice"_s, u"two"_s);
    say(*m_laptop, u"bob"_s, u"three"_s);
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_desktop, u"bob"_s).size(), 3, networkTimeoutMs);

    // Everything was acked live: a new login finds nothing held.
    QSignalSpy ready(&m_desktop->session(), &Session::ready);
    QVERIFY(m_desktop->goOffline());
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QCOMPARE(ready.first().at(1).toLongLong(), 0);
    QCOMPARE(conversation(*m_desktop, u"bob"_s).size(), 3);
}

// ---- this device's credential ----

std::optional<QByteArray> tst_Session::keptCredential(TestDevice &device)
{
    auto saved = CredentialStore::read(device.session().credentialKey());
    return saved ? *saved : std::nullopt;
}

std::optional<Error> tst_Session::startAndWait(Session &session, const QByteArray &password, bool createAccount)
{
    QSignalSpy ready(&session, &Session::ready);
    QSignalSpy failed(&session, &Session::failed);
    session.start(password, createAccount);
    if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, networkTimeoutMs))
        return Error{ErrorCode::NetworkFailure, u"neither ready nor failed"_s};
    return failed.isEmpty() ? std::nullopt : std::optional(failed.first().first().value<Error>());
}

bool tst_Session::logsIn(Session &session, const QByteArray &password, bool createAccount)
{
    const std::optional<Error> failure = startAndWait(session, password, createAccount);
    if (failure)
        qWarning("login failed: %s", qPrintable(failure->message));
    return !failure;
}

void tst_Session::credentialIsKeptAndLogsInWithoutThePassword()
{
    auto desktop = m_site.device(u"desktop"_s, u"alice"_s);
    QVERIFY(!desktop->session().hasCredential());
    QVERIFY(desktop->logIn(m_alicePassword, true));
    QVERIFY(desktop->session().hasCredential());
    const std::optional<QByteArray> kept = keptCredential(*desktop);
    QVERIFY(kept && !kept->isEmpty());
    QVERIFY(!kept->contains(m_alicePassword)); // the credential, not the password
    QVERIFY(desktop->goOffline());

    // Another session of the same profile (the next start of the program) needs no password.
    Session next(desktop->profile());
    QVERIFY(logsIn(next, {}));
    QCOMPARE(next.state(), Session::State::Online);
    next.stop();

    // Another device of the same account on this machine has a credential of its own.
    auto laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QVERIFY(!laptop->session().hasCredential());
    QVERIFY(laptop->logIn(m_alicePassword));
    QVERIFY(keptCredential(*laptop) != kept);
}

void tst_Session::refusedCredentialFallsBackToThePassword()
{
    auto desktop = m_site.device(u"desktop"_s, u"alice"_s);
    auto laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QVERIFY(desktop->logIn(m_alicePassword, true));
    QVERIFY(desktop->goOffline());
    QVERIFY(laptop->logIn(m_alicePassword));
    const std::optional<QByteArray> revoked = keptCredential(*desktop);
    HUIJI_VERIFY_OK(laptop->ask(wire::deviceRevoke, withPassword(QCborMap{{u"device"_s, desktop->id()}}, m_alicePassword)));

    // Without the password the refused credential is forgotten and the user is asked.
    auto refused = startAndWait(desktop->session(), {});
    QVERIFY(refused);
    QCOMPARE(refused->code, ErrorCode::BadCredentials);
    QVERIFY(!desktop->session().hasCredential());

    // With it, the device logs in and gets a new credential.
    HUIJI_VERIFY_OK(CredentialStore::write(desktop->session().credentialKey(), *revoked));
    QVERIFY(logsIn(desktop->session(), m_alicePassword));
    const std::optional<QByteArray> renewed = keptCredential(*desktop);
    QVERIFY(renewed && !renewed->isEmpty());
    QVERIFY(renewed != revoked);
}

void tst_Session::signOutRevokesAndForgetsTheCredential()
{
    auto desktop = m_site.device(u"desktop"_s, u"alice"_s);
    auto laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QVERIFY(desktop->logIn(m_alicePassword, true));
    QVERIFY(laptop->logIn(m_alicePassword));
    const std::optional<QByteArray> old = keptCredential(*desktop);

    QSignalSpy failed(&desktop->session(), &Session::failed);
    std::optional<Result<void>> signedOut;
    desktop->session().signOut([&](Result<void> done) { signedOut = std::move(done); });
    QTRY_VERIFY_WITH_TIMEOUT(signedOut.has_value(), networkTimeoutMs);
    HUIJI_VERIFY_OK(*signedOut);
    QTRY_COMPARE_WITH_TIMEOUT(desktop->session().state(), Session::State::Offline, networkTimeoutMs);
    QVERIFY(!desktop->session().hasCredential());
    QCOMPARE(failed.size(), 0); // the server's closing words after the answer are no failure

    // Revoked on the server too: the old credential, put back, is refused; the laptop goes on.
    HUIJI_VERIFY_OK(CredentialStore::write(desktop->session().credentialKey(), *old));
    auto refused = startAndWait(desktop->session(), {});
    QVERIFY(refused);
    QCOMPARE(refused->code, ErrorCode::BadCredentials);
    auto devices = laptop->ask(wire::devices);
    HUIJI_VERIFY_OK(devices);
    for (const QCborValue &entry : devices->value(u"devices"_s).toArray())
        QCOMPARE(entry.toMap().value(u"signedIn"_s).toBool(), entry.toMap().value(u"id"_s).toString() == laptop->id());
}

void tst_Session::nothingSecretBeforeTheCertificateIsConfirmed()
{
    auto opened = Profile::open(m_site.path(u"fresh"_s));
    HUIJI_VERIFY_OK(opened);
    Profile &profile = **opened;
    profile.setServer(u"127.0.0.1"_s, m_site.server().port(), u"alice"_s);
    Session session(profile);
    const QString real = m_site.server().server().fingerprint();

    // Unconfirmed: the session stops after the handshake and says what it saw. Nothing was sent:
    // the account it was to create does not exist.
    QSignalSpy unconfirmed(&session, &Session::certificateUnconfirmed);
    auto stopped = startAndWait(session, m_alicePassword, true);
    QVERIFY(stopped);
    QCOMPARE(stopped->code, ErrorCode::CertificateUnconfirmed);
    QCOMPARE(unconfirmed.size(), 1);
    QCOMPARE(unconfirmed.first().first().toString(), real);
    QVERIFY(profile.pinnedFingerprint().isEmpty());
    auto bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(bob->logIn(m_bobPassword, true));
    QCOMPARE(bob->ask(wire::contactAdd, QCborMap{{u"user"_s, u"alice"_s}}).error().code, ErrorCode::NotFound);

    // A fingerprint given beforehand that is not the server's: refused, nothing pinned or sent.
    QString wrong = real;
    wrong.replace(0, 2, real.startsWith(u"00"_s) ? u"11"_s : u"00"_s);
    session.expectFingerprint(wrong);
    stopped = startAndWait(session, m_alicePassword, true);
    QVERIFY(stopped);
    QCOMPARE(stopped->code, ErrorCode::CertificateChanged);
    QVERIFY(profile.pinnedFingerprint().isEmpty());

    // The right one (as typed, lower case without colons): pinned, and the account is made.
    session.expectFingerprint(real.toLower().remove(u':'));
    QVERIFY(logsIn(session, m_alicePassword, true));
    QCOMPARE(profile.pinnedFingerprint(), real);
    HUIJI_VERIFY_OK(bob->ask(wire::contactAdd, QCborMap{{u"user"_s, u"alice"_s}}));
    session.stop();
}

void tst_Session::fingerprintsAreNormalized()
{
    const QString colons = u"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"_s;
    QCOMPARE(Session::normalizedFingerprint(colons), colons);
    QCOMPARE(Session::normalizedFingerprint(colons.toLower()), colons);
    QCOMPARE(Session::normalizedFingerprint(QString(colons).remove(u':')), colons);
    QCOMPARE(Session::normalizedFingerprint(u"AB:CD"_s), QString());
    QCOMPARE(Session::normalizedFingerprint(QString(colons).replace(u'A', u'G')), QString());
}

void tst_Session::lostInTheMiddleOfLoginIsRetried_data()
{
    QTest::addColumn<QString>("diesAt");
    QTest::addColumn<QStringList>("heard");
    QTest::newRow("at the hello") << wire::hello << QStringList{wire::hello};
    QTest::newRow("at the login") << wire::login << QStringList{wire::hello, wire::login};
    QTest::newRow("at the registration") << wire::registerAccount << QStringList{wire::hello, wire::registerAccount};
}

void tst_Session::lostInTheMiddleOfLoginIsRetried()
{
    // huijid is killed after alice's desktop sent a step of its login and before the answer; it
    // is started again. The desktop tries again with its usual backoff, logs in, and sends what
    // its outbox held: nothing about it was a refusal.
    QFETCH(QString, diesAt);
    QFETCH(QStringList, heard);
    const bool registering = diesAt == wire::registerAccount;
    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    m_bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    // Registering, the account is made by the attempt whose answer never comes: here by alice's
    // phone, before huijid dies. Otherwise the desktop has an account and a credential already.
    if (registering)
        m_phone = m_site.device(u"phone"_s, u"alice"_s);
    TestDevice &first = registering ? *m_phone : *m_desktop;
    QVERIFY(first.logIn(m_alicePassword, true));
    makeContacts(first, *m_bob);
    QVERIFY(first.goOffline());
    QVERIFY(m_bob->goOffline()); // so that only the desktop meets the dying server
    const auto waiting = m_desktop->session().sendMessage(u"bob"_s, u"written while offline"_s);
    HUIJI_VERIFY_OK(waiting);
    QCOMPARE(m_desktop->profile().outbox().count().value_or(-1), 1);

    m_site.server().stop();
    DyingServer dying;
    QVERIFY(dying.listen(m_site.server(), diesAt));
    Session &session = m_desktop->session();
    QSignalSpy failed(&session, &Session::failed);
    QSignalSpy retries(&session, &Session::retryScheduled);
    QSignalSpy stored(&session, &Session::messageStored);
    session.start(m_alicePassword, registering);
    QTRY_VERIFY_WITH_TIMEOUT(dying.died(), networkTimeoutMs);
    QCOMPARE(dying.heard(), heard);
    QTRY_VERIFY_WITH_TIMEOUT(!retries.isEmpty(), networkTimeoutMs);

    // huijid is back: the session gets there by itself.
    QVERIFY(m_site.server().start());
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Online, networkTimeoutMs);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().value<Error>().message));
    QVERIFY(session.hasCredential());
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QCOMPARE(stored.first().first().toUuid(), waiting->id);
    QCOMPARE(m_desktop->profile().outbox().count().value_or(-1), 0);
    QVERIFY(m_bob->logIn(m_bobPassword));
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_bob, u"alice"_s).size(), 1, networkTimeoutMs);
    QCOMPARE(storedRecords(*m_bob, u"alice"_s).first().record.body, waiting->body);

    // A refusal still stops it at once: a wrong password.
    QVERIFY(m_desktop->goOffline());
    HUIJI_VERIFY_OK(m_desktop->session().forgetCredential());
    failed.clear();
    const auto refused = startAndWait(session, "not " + m_alicePassword);
    QVERIFY(refused);
    QCOMPARE(refused->code, ErrorCode::BadCredentials);
    QCOMPARE(session.state(), Session::State::Offline);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_Session)
#include "tst_session.moc"

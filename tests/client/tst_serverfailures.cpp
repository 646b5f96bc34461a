// Bad input and bad actors against a real in-process server: wrong passwords, guessing, a changed
// server certificate, clients that speak broken frames and accounts that reach for what is not
// theirs all get clear errors, and the other clients of the server do not notice. A write that fails
// in the middle of a send loses nothing and stores nothing twice.

#include "ServerFile.h"
#include "TestNetwork.h"
#include "../common/RawClient.h"

#include "../common/RawClient.h"

#include "protocol/FrameCodec.h"
#include "protocol/RecordCbor.h"
#include "protocol/RecordId.h"
#include "protocol/Wire.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSslSocket>
#include <QTest>
#include <QtEndian>

namespace huiji {

namespace {

QByteArray lengthHeader(quint32 length)
{
    QByteArray header(FrameCodec::headerSize, Qt::Uninitialized);
    qToBigEndian(length, header.data());
    return header;
}

} // namespace

class tst_ServerFailures : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void wrongPasswordIsFinal();
    void unknownUserLooksLikeWrongPassword();
    void guessingIsRateLimitedPerAccount();
    void changedCertificateNeedsAcceptance();

    void unparsableFrameClosesOnlyThatConnection();
    void oversizedFrameIsRefusedFromItsHeader();
    void unknownTypeIsAnsweredAndKeepsTheConnection();
    void firstFrameMustBeHelloWithOurVersion();
    void unknownFirstFrameIsNotHello();
    void stalledFrameTimesOut();

    void devicesListsOnlyOwnDevices();
    void cannotSetAnotherAccountsTerminal();
    void recordsStayWithTheirAccounts();
    void cannotSendAsAnotherAccount();
    void cannotSendToNonContact();

    void failedWriteInSendIsRolledBackAndResent();

private:
    void startServer(ServerConfig config = {});
    std::unique_ptr<TestDevice> device(const QString &name, const QString &user);
    // alice's desktop and bob, logged in and contacts of each other.
    void setUpAliceAndBob();
    void say(TestDevice &from, const QString &to, const QString &text);
    QList<StoredRecord> conversation(TestDevice &device, const QString &contact);
    // The clients logged in before a bad one did something still work: online, and alice can
    // still send bob a message that the server stores and bob gets. `connections`: the devices
    // the test logged in and left online.
    void othersUnaffected(const QString &text, int connections = 2);
    // An answer that must be an error with this code.
    static bool isError(const Result<QCborMap> &answer, ErrorCode code);
    static QString errorCodeOf(const Frame &frame) { return frame.body.value(u"code"_s).toString(); }

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestDevice> m_alice, m_bob;
    const QByteArray m_alicePassword = QByteArray("alice-") + QByteArray::number(QRandomGenerator::global()->generate());
    const QByteArray m_bobPassword = QByteArray("bob-") + QByteArray::number(QRandomGenerator::global()->generate());
    const QByteArray m_carolPassword = QByteArray("carol-") + QByteArray::number(QRandomGenerator::global()->generate());
};

void tst_ServerFailures::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
}

void tst_ServerFailures::cleanup()
{
    m_alice.reset();
    m_bob.reset();
    m_server.reset();
    m_directory.reset();
}

void tst_ServerFailures::startServer(ServerConfig config)
{
    m_server = std::make_unique<TestServer>(m_directory->filePath(u"server"_s), std::move(config));
    QVERIFY(m_server->start());
}

std::unique_ptr<TestDevice> tst_ServerFailures::device(const QString &name, const QString &user)
{
    return std::make_unique<TestDevice>(m_directory->filePath(name), name, user, m_server->port(),
                                        m_server->server().fingerprint());
}

void tst_ServerFailures::setUpAliceAndBob()
{
    m_alice = device(u"alice-desktop"_s, u"alice"_s);
    m_bob = device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_alice->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    makeContacts(*m_alice, *m_bob);
}

void tst_ServerFailures::say(TestDevice &from, const QString &to, const QString &text)
{
    QSignalSpy stored(&from.session(), &Session::messageStored);
    auto record = from.session().sendMessage(to, text);
    HUIJI_VERIFY_OK(record);
    const QUuid id = record->id;
    QTRY_VERIFY_WITH_TIMEOUT(std::ranges::any_of(stored, [&](const QList<QVariant> &signal) {
                                 return signal.first().toUuid() == id;
                             }),
                             networkTimeoutMs);
}

QList<StoredRecord> tst_ServerFailures::conversation(TestDevice &device, const QString &contact)
{
    auto page = device.profile().history().older({device.profile().user(), contact, {}}, std::nullopt, 1000);
    if (!page)
        return {};
    QList<StoredRecord> records = page->records;
    std::reverse(records.begin(), records.end()); // oldest first
    return records;
}

void tst_ServerFailures::othersUnaffected(const QString &text, int connections)
{
    QCOMPARE(m_alice->session().state(), Session::State::Online);
    QCOMPARE(m_bob->session().state(), Session::State::Online);
    // The bad connection is gone from the server; the good ones are not.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server().connectionCount(), connections, networkTimeoutMs);
    say(*m_alice, u"bob"_s, text);
    QTRY_VERIFY_WITH_TIMEOUT(std::ranges::any_of(conversation(*m_bob, u"alice"_s),
                                                 [&](const StoredRecord &stored) { return stored.record.body == text; }),
                             networkTimeoutMs);
    QCOMPARE(m_alice->session().state(), Session::State::Online);
    QCOMPARE(m_bob->session().state(), Session::State::Online);
}

bool tst_ServerFailures::isError(const Result<QCborMap> &answer, ErrorCode code)
{
    if (answer) {
        qWarning("expected the error %s, got an answer", qPrintable(errorCodeName(code)));
        return false;
    }
    if (answer.error().code != code) {
        qWarning("expected the error %s, got %s: %s", qPrintable(errorCodeName(code)),
                 qPrintable(errorCodeName(answer.error().code)), qPrintable(answer.error().message));
        return false;
    }
    return true;
}

// ---- logins ----

void tst_ServerFailures::wrongPasswordIsFinal()
{
    startServer();
    setUpAliceAndBob();

    // A second device of alice's (no token yet) with a wrong password.
    auto laptop = device(u"alice-laptop"_s, u"alice"_s);
    QSignalSpy failed(&laptop->session(), &Session::failed);
    QSignalSpy retries(&laptop->session(), &Session::retryScheduled);
    QSignalSpy states(&laptop->session(), &Session::stateChanged);
    laptop->session().start(QByteArray("not-") + m_alicePassword);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, networkTimeoutMs);
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.code, ErrorCode::BadCredentials);
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(laptop->session().state(), Session::State::Offline);

    // No retry: longer than the longest retry delay (400 ms) passes and nothing happens.
    states.clear();
    QTest::qWait(800);
    QVERIFY(retries.isEmpty());
    QVERIFY(states.isEmpty());
    QCOMPARE(failed.size(), 1);
    QCOMPARE(laptop->session().state(), Session::State::Offline);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server().connectionCount(), 2, networkTimeoutMs);

    // The right password still works from that device (one failure is under the limit).
    QVERIFY(laptop->logIn(m_alicePassword));
    QCOMPARE(laptop->session().state(), Session::State::Online);
    othersUnaffected(u"still here after a wrong password"_s, 3);
}

void tst_ServerFailures::unknownUserLooksLikeWrongPassword()
{
    startServer();
    setUpAliceAndBob();

    const auto failureOf = [&](const QString &name, const QString &user,
                               const QByteArray &password) -> std::optional<Error> {
        auto stranger = device(name, user);
        QSignalSpy failed(&stranger->session(), &Session::failed);
        QSignalSpy ready(&stranger->session(), &Session::ready);
        stranger->session().start(password);
        const bool answered =
            QTest::qWaitFor([&] { return !failed.isEmpty() || !ready.isEmpty(); }, networkTimeoutMs);
        if (!answered || !ready.isEmpty())
            return std::nullopt;
        if (stranger->session().state() != Session::State::Offline)
            return std::nullopt;
        return failed.first().first().value<Error>();
    };
    const std::optional<Error> wrongPassword =
        failureOf(u"alice-phone"_s, u"alice"_s, QByteArray("wrong-") + m_alicePassword);
    const std::optional<Error> unknownUser =
        failureOf(u"mallory-pc"_s, u"mallory"_s, QByteArray("guess-") + m_alicePassword);
    QVERIFY(wrongPassword);
    QVERIFY(unknownUser);
    QCOMPARE(wrongPassword->code, ErrorCode::BadCredentials);
    QCOMPARE(unknownUser->code, ErrorCode::BadCredentials);
    // Nothing in the answer tells whether the account exists.
    QCOMPARE(unknownUser->message, wrongPassword->message);
    othersUnaffected(u"nobody learnt who has an account"_s);
}

void tst_ServerFailures::guessingIsRateLimitedPerAccount()
{
    ServerConfig config;
    config.throttle.freeAttempts = 3;
    config.throttle.firstDelayMs = 15 * 60 * 1000;
    startServer(config);
    setUpAliceAndBob();
    QVERIFY(m_alice->goOffline());
    QVERIFY(m_bob->goOffline());

    // A new device of alice's, so that no token from an earlier login is used.
    auto guesser = device(u"alice-tablet"_s, u"alice"_s);
    QSignalSpy failed(&guesser->session(), &Session::failed);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        guesser->session().start(QByteArray("guess-") + QByteArray::number(attempt) + "-" + m_alicePassword);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), attempt, networkTimeoutMs);
        QCOMPARE(failed.last().first().value<Error>().code, ErrorCode::BadCredentials);
        QCOMPARE(guesser->session().state(), Session::State::Offline);
    }

    // Three failures: now even the right password is refused, without a retry.
    QSignalSpy retries(&guesser->session(), &Session::retryScheduled);
    guesser->session().start(m_alicePassword);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 4, networkTimeoutMs);
    const Error limited = failed.last().first().value<Error>();
    QCOMPARE(limited.code, ErrorCode::RateLimited);
    QVERIFY2(limited.message.contains(QRegularExpression(u"\\d+ s"_s)), qPrintable(limited.message));
    QVERIFY(limited.retryAfter > 0);
    QCOMPARE(guesser->session().state(), Session::State::Offline);
    QVERIFY(retries.isEmpty());

    // Another account from the same address is not affected.
    QVERIFY(m_bob->logIn(m_bobPassword));
    QCOMPARE(m_bob->session().state(), Session::State::Online);
    auto carol = device(u"carol-pc"_s, u"carol"_s);
    QVERIFY(carol->logIn(m_carolPassword, true));
    QCOMPARE(carol->session().state(), Session::State::Online);
}

void tst_ServerFailures::changedCertificateNeedsAcceptance()
{
    startServer();
    m_alice = device(u"alice-desktop"_s, u"alice"_s);
    QVERIFY(m_alice->logIn(m_alicePassword, true));
    const QString pinnedA = m_alice->profile().pinnedFingerprint();
    QCOMPARE(pinnedA, m_server->server().fingerprint());
    QVERIFY(m_alice->goOffline());

    // Server A goes; server B comes up on its port with a data folder of its own, so with a
    // certificate of its own, and a copy of A's accounts (a reinstalled server restored from a
    // backup), so that alice's session is still valid there.
    const quint16 port = m_server->port();
    m_server->stop();
    const QDir dataA(m_directory->filePath(u"server"_s));
    const QDir dataB(m_directory->filePath(u"server-b"_s));
    QVERIFY(QDir().mkpath(dataB.path()));
    for (const QString &name : dataA.entryList({u"server.sqlite*"_s}, QDir::Files))
        QVERIFY(QFile::copy(dataA.filePath(name), dataB.filePath(name)));
    m_server = std::make_unique<TestServer>(dataB.path());
    m_server->config().port = port;
    QVERIFY(m_server->start());
    QVERIFY(m_server->server().certificateCreated());
    const QString fingerprintB = m_server->server().fingerprint();
    QVERIFY(fingerprintB != pinnedA);

    QSignalSpy changed(&m_alice->session(), &Session::certificateChanged);
    QSignalSpy failed(&m_alice->session(), &Session::failed);
    QSignalSpy ready(&m_alice->session(), &Session::ready);
    QSignalSpy retries(&m_alice->session(), &Session::retryScheduled);
    const auto stopRetrying = qScopeGuard([&] { m_alice->session().stop(); });
    m_alice->session().start(m_alicePassword);
    QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty() || !ready.isEmpty() || !retries.isEmpty(); },
                            networkTimeoutMs));
    QVERIFY2(ready.isEmpty(), "logged in to a server whose certificate is not the pinned one");
    QVERIFY2(retries.isEmpty(), "the session retried instead of reporting the changed certificate");
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::CertificateChanged);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toString(), pinnedA);
    QCOMPARE(changed.first().at(1).toString(), fingerprintB);
    QCOMPARE(m_alice->session().state(), Session::State::Offline);
    QCOMPARE(m_alice->profile().pinnedFingerprint(), pinnedA); // nothing changed without the user

    // The user accepts the new certificate: the same session logs in.
    m_alice->session().acceptFingerprint(changed.first().at(1).toString());
    QCOMPARE(m_alice->profile().pinnedFingerprint(), fingerprintB);
    QVERIFY(m_alice->logIn(m_alicePassword));
    QCOMPARE(m_alice->session().state(), Session::State::Online);
    QCOMPARE(changed.size(), 1);
}

// ---- raw clients ----

void tst_ServerFailures::unparsableFrameClosesOnlyThatConnection()
{
    startServer();
    setUpAliceAndBob();

    RawClient raw;
    QVERIFY(raw.open(m_server->port()));
    raw.hello(1);
    auto greeted = raw.next();
    QVERIFY(greeted);
    QCOMPARE(greeted->type, wire::hello);
    QCOMPARE(greeted->requestId, 1);

    // A whole frame whose payload is a map of two entries cut off in its first key.
    const QByteArray payload = QByteArray::fromHex("a26474");
    raw.sendBytes(lengthHeader(static_cast<quint32>(payload.size())) + payload);
    auto refused = raw.next();
    QVERIFY(refused);
    QCOMPARE(refused->type, wire::error);
    QCOMPARE(errorCodeOf(*refused), u"malformed-frame"_s);
    QVERIFY(!refused->body.value(u"message"_s).toString().isEmpty());
    QVERIFY(raw.waitUntilClosed());
    QVERIFY(!raw.sentGarbage());

    othersUnaffected(u"after a malformed frame"_s);
}

void tst_ServerFailures::oversizedFrameIsRefusedFromItsHeader()
{
    startServer();
    setUpAliceAndBob();

    RawClient raw;
    QVERIFY(raw.open(m_server->port()));
    raw.hello(1);
    auto greeted = raw.next();
    QVERIFY(greeted);
    QCOMPARE(greeted->type, wire::hello);

    // Only the header of a frame one byte over 1 MiB: the answer comes without the body, so the
    // server did not wait for (or buffer) it.
    raw.sendBytes(lengthHeader(static_cast<quint32>(FrameCodec::defaultMaxFrameSize + 1)));
    auto refused = raw.next();
    QVERIFY(refused);
    QCOMPARE(refused->type, wire::error);
    QCOMPARE(errorCodeOf(*refused), u"frame-too-large"_s);
    QVERIFY(raw.waitUntilClosed());

    othersUnaffected(u"after an oversized frame"_s);
}

void tst_ServerFailures::unknownTypeIsAnsweredAndKeepsTheConnection()
{
    startServer();
    setUpAliceAndBob();

    RawClient raw;
    QVERIFY(raw.open(m_server->port()));
    raw.hello(1);
    auto greeted = raw.next();
    QVERIFY(greeted);
    QCOMPARE(greeted->type, wire::hello);

    raw.send({u"teleport"_s, 7, QCborMap{{u"to"_s, u"mars"_s}}});
    auto first = raw.next();
    QVERIFY(first);
    QCOMPARE(first->type, wire::error);
    QCOMPARE(first->requestId, 7);
    QCOMPARE(errorCodeOf(*first), u"unknown-type"_s);
    QVERIFY(first->body.value(u"message"_s).toString().contains(u"teleport"_s));

    raw.send({u"time-travel"_s, 8, {}});
    auto second = raw.next();
    QVERIFY(second);
    QCOMPARE(second->type, wire::error);
    QCOMPARE(second->requestId, 8);
    QCOMPARE(errorCodeOf(*second), u"unknown-type"_s);
    QVERIFY(!raw.isClosed());

    // The connection goes on as usual: a login on it works.
    raw.send({wire::login, 9, withPassword(QCborMap{{u"user"_s, u"alice"_s}}, m_alicePassword)});
    auto loggedIn = raw.next();
    QVERIFY(loggedIn);
    QCOMPARE(loggedIn->type, wire::login);
    QCOMPARE(loggedIn->requestId, 9);
    QCOMPARE(loggedIn->body.value(u"user"_s).toString(), u"alice"_s);
    QVERIFY(!raw.isClosed());
    raw.close();
    QVERIFY(raw.waitUntilClosed());

    othersUnaffected(u"after unknown frame types"_s);
}

void tst_ServerFailures::firstFrameMustBeHelloWithOurVersion()
{
    startServer();
    setUpAliceAndBob();

    // A login before hello.
    RawClient early;
    QVERIFY(early.open(m_server->port()));
    early.send({wire::login, 1, withPassword(QCborMap{{u"user"_s, u"alice"_s}}, m_alicePassword)});
    auto refused = early.next();
    QVERIFY(refused);
    QCOMPARE(refused->type, wire::error);
    QCOMPARE(errorCodeOf(*refused), u"unsupported-version"_s);
    QVERIFY(early.waitUntilClosed());

    // A hello from the future.
    RawClient future;
    QVERIFY(future.open(m_server->port()));
    future.hello(1, 99);
    auto tooNew = future.next();
    QVERIFY(tooNew);
    QCOMPARE(tooNew->type, wire::error);
    QCOMPARE(errorCodeOf(*tooNew), u"unsupported-version"_s);
    QVERIFY(tooNew->body.value(u"message"_s).toString().contains(u"99"_s));
    QVERIFY(future.waitUntilClosed());

    othersUnaffected(u"after clients of other versions"_s);
}

void tst_ServerFailures::unknownFirstFrameIsNotHello()
{
    startServer();
    setUpAliceAndBob();

    // docs/protocol.md: the first frame of a connection carries the protocol version. A first frame
    // of a type this server does not know is not hello either, so nothing says which protocol the
    // peer speaks: it gets unsupported-version and the connection is closed, as for a login first.
    RawClient stranger;
    QVERIFY(stranger.open(m_server->port()));
    stranger.send({u"teleport"_s, 1, {}});
    auto refused = stranger.next();
    QVERIFY(refused);
    QCOMPARE(refused->type, wire::error);
    QCOMPARE(errorCodeOf(*refused), u"unsupported-version"_s);
    QVERIFY(stranger.waitUntilClosed());

    othersUnaffected(u"after a client that never said hello"_s);
}

void tst_ServerFailures::stalledFrameTimesOut()
{
    ServerConfig config;
    config.frameTimeoutMs = 300;
    startServer(config);
    setUpAliceAndBob();

    RawClient raw;
    QVERIFY(raw.open(m_server->port()));
    raw.hello(1);
    auto greeted = raw.next();
    QVERIFY(greeted);
    QCOMPARE(greeted->type, wire::hello);

    // The header of a 100-byte frame and 10 bytes of it, then nothing.
    raw.sendBytes(lengthHeader(100) + QByteArray(10, 'x'));
    auto refused = raw.next();
    QVERIFY(refused);
    QCOMPARE(refused->type, wire::error);
    QCOMPARE(errorCodeOf(*refused), u"malformed-frame"_s);
    QVERIFY(raw.waitUntilClosed());

    othersUnaffected(u"after a stalled frame"_s);
}

// ---- one account against another ----

void tst_ServerFailures::devicesListsOnlyOwnDevices()
{
    startServer();
    setUpAliceAndBob();
    auto laptop = device(u"alice-laptop"_s, u"alice"_s);
    QVERIFY(laptop->logIn(m_alicePassword));

    auto bobs = m_bob->ask(wire::devices, QCborMap{{u"sort"_s, u"recency"_s}, {u"window"_s, 3650}});
    HUIJI_VERIFY_OK(bobs);
    const QCborArray listed = bobs->value(u"devices"_s).toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(wire::deviceEntryFromCbor(listed.at(0).toMap()).info.id, m_bob->id());
    QCOMPARE(bobs->value(u"this"_s).toString(), m_bob->id());

    // alice sees both of hers, none of bob's.
    auto alices = m_alice->ask(wire::devices);
    HUIJI_VERIFY_OK(alices);
    QStringList ids;
    for (const QCborValue &entry : alices->value(u"devices"_s).toArray())
        ids.append(wire::deviceEntryFromCbor(entry.toMap()).info.id);
    ids.sort();
    QStringList expected = {m_alice->id(), laptop->id()};
    expected.sort();
    QCOMPARE(ids, expected);
}

void tst_ServerFailures::cannotSetAnotherAccountsTerminal()
{
    startServer();
    setUpAliceAndBob();
    auto laptop = device(u"alice-laptop"_s, u"alice"_s);
    QVERIFY(laptop->logIn(m_alicePassword));
    auto chosen = m_alice->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_alicePassword));
    HUIJI_VERIFY_OK(chosen);
    QTRY_COMPARE_WITH_TIMEOUT(laptop->session().terminalDevice(), std::optional(m_alice->id()), networkTimeoutMs);

    QList<std::optional<QString>> pushed;
    QObject::connect(&laptop->session(), &Session::terminalChanged, &laptop->session(),
                     [&](const std::optional<QString> &deviceId) { pushed.append(deviceId); });

    for (const QString &theirs : {laptop->id(), m_alice->id()}) {
        auto refused = m_bob->ask(wire::terminalSet, withPassword(QCborMap{{u"device"_s, theirs}, {u"role"_s, u"primary"_s}}, m_bobPassword));
        QVERIFY(isError(refused, ErrorCode::NotFound));
    }
    // Nor can bob clear hers: terminal-clear only touches his own account.
    const auto bobCleared = m_bob->ask(wire::terminalClear, withPassword({}, m_bobPassword));
    HUIJI_VERIFY_OK(bobCleared);

    // alice's terminal is what it was, and her devices heard of no change.
    auto listed = laptop->ask(wire::devices);
    HUIJI_VERIFY_OK(listed);
    for (const QCborValue &value : listed->value(u"devices"_s).toArray()) {
        const wire::DeviceEntry entry = wire::deviceEntryFromCbor(value.toMap());
        QCOMPARE(entry.role, entry.info.id == m_alice->id() ? wire::TerminalRole::Primary : wire::TerminalRole::None);
    }
    QVERIFY(pushed.isEmpty());
    QCOMPARE(laptop->session().terminalDevice(), std::optional(m_alice->id()));
    QVERIFY(m_alice->session().isStorageTerminal());
    QVERIFY(!m_bob->session().isStorageTerminal());
    QVERIFY(!m_bob->session().terminalDevice().has_value());
}

void tst_ServerFailures::recordsStayWithTheirAccounts()
{
    startServer();
    setUpAliceAndBob();
    auto carol = device(u"carol-pc"_s, u"carol"_s);
    QVERIFY(carol->logIn(m_carolPassword, true));
    makeContacts(*m_alice, *carol);

    // Were the server to hand bob a record of another account, his session would drop it with
    // this warning instead of storing it; either way it must not come.
    QTest::failOnWarning(QRegularExpression(u"dropping a delivered record"_s));
    QSignalSpy merged(&m_bob->session(), &Session::recordsMerged);

    say(*m_alice, u"carol"_s, u"for carol only, 1"_s);
    say(*carol, u"alice"_s, u"for alice only, 2"_s);
    say(*m_alice, u"carol"_s, u"for carol only, 3"_s);
    say(*m_alice, u"bob"_s, u"and this one is bob's"_s);
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*carol, u"alice"_s).size(), 3, networkTimeoutMs); // two in, one out
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_bob, u"alice"_s).size(), 1, networkTimeoutMs);
    // A round trip after everything was relayed: anything sent to bob before it has arrived.
    const auto roundTrip = m_bob->ask(wire::contacts);
    HUIJI_VERIFY_OK(roundTrip);

    QList<Record> bobGot;
    for (const QList<QVariant> &signal : std::as_const(merged))
        bobGot.append(signal.first().value<QList<Record>>());
    QCOMPARE(bobGot.size(), 1);
    QCOMPARE(bobGot.first().body, u"and this one is bob's"_s);
    QCOMPARE(bobGot.first().account, u"bob"_s);
    auto conversations = m_bob->profile().history().conversations();
    HUIJI_VERIFY_OK(conversations);
    QCOMPARE(conversations->size(), 1);
    QCOMPARE(conversations->first().account, u"bob"_s);
    QCOMPARE(conversations->first().contact, u"alice"_s);
    QCOMPARE(conversations->first().recordCount, 1);
    // And carol got nothing of bob's conversation.
    auto carols = carol->profile().history().conversations();
    HUIJI_VERIFY_OK(carols);
    QCOMPARE(carols->size(), 1);
    QCOMPARE(carols->first().contact, u"alice"_s);
}

void tst_ServerFailures::cannotSendAsAnotherAccount()
{
    startServer();
    setUpAliceAndBob();

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Record forged;
    forged.id = RecordId::create(now);
    forged.account = u"alice"_s;
    forged.contact = u"bob"_s;
    forged.direction = Direction::Outgoing;
    forged.sender = u"alice"_s;
    forged.body = u"I owe bob 1000 yuan"_s;
    forged.originDevice = m_bob->id();
    forged.deviceTime = now;
    const auto valid = validate(forged);
    HUIJI_VERIFY_OK(valid);
    auto refused = m_bob->ask(wire::send, QCborMap{{u"record"_s, RecordCbor::toCbor(forged)}});
    QVERIFY(isError(refused, ErrorCode::InvalidRecord));

    // Nor as bob's account with alice as the sender.
    Record spoofed = forged;
    spoofed.id = RecordId::create(now);
    spoofed.account = u"bob"_s;
    spoofed.contact = u"alice"_s;
    auto alsoRefused = m_bob->ask(wire::send, QCborMap{{u"record"_s, RecordCbor::toCbor(spoofed)}});
    QVERIFY(isError(alsoRefused, ErrorCode::InvalidRecord));

    // Nothing reached anyone: a real message sent after them is the only one alice has.
    say(*m_bob, u"alice"_s, u"a real one"_s);
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_alice, u"bob"_s).size(), 1, networkTimeoutMs);
    const auto roundTrip = m_alice->ask(wire::contacts);
    HUIJI_VERIFY_OK(roundTrip);
    const QList<StoredRecord> alices = conversation(*m_alice, u"bob"_s);
    QCOMPARE(alices.size(), 1);
    QCOMPARE(alices.first().record.body, u"a real one"_s);
    QCOMPARE(m_bob->session().state(), Session::State::Online);
}

void tst_ServerFailures::cannotSendToNonContact()
{
    startServer();
    setUpAliceAndBob();
    auto carol = device(u"carol-pc"_s, u"carol"_s);
    QVERIFY(carol->logIn(m_carolPassword, true));

    // bob and carol are not contacts.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Record record;
    record.id = RecordId::create(now);
    record.account = u"bob"_s;
    record.contact = u"carol"_s;
    record.direction = Direction::Outgoing;
    record.sender = u"bob"_s;
    record.body = u"hello stranger"_s;
    record.originDevice = m_bob->id();
    record.deviceTime = now;
    auto refused = m_bob->ask(wire::send, QCborMap{{u"record"_s, RecordCbor::toCbor(record)}});
    QVERIFY(isError(refused, ErrorCode::Forbidden));

    // Through the session the refusal is the message's: it leaves the outbox, marked failed in
    // bob's history with the server's reason, and the session carries on.
    QSignalSpy failed(&m_bob->session(), &Session::failed);
    QSignalSpy refusedMessages(&m_bob->session(), &Session::messageRefused);
    auto kept = m_bob->session().sendMessage(u"carol"_s, u"hello again"_s);
    HUIJI_VERIFY_OK(kept);
    QTRY_COMPARE_WITH_TIMEOUT(refusedMessages.size(), 1, networkTimeoutMs);
    QCOMPARE(refusedMessages.first().at(0).toUuid(), kept->id);
    QCOMPARE(refusedMessages.first().at(1).value<Error>().code, ErrorCode::Forbidden);
    QVERIFY(failed.isEmpty());
    QCOMPARE(m_bob->profile().outbox().count().value_or(-1), 0);
    const auto marked = m_bob->profile().history().record(RecordKey::of(*kept));
    HUIJI_VERIFY_OK(marked);
    QVERIFY(marked->failure.has_value());
    QCOMPARE(marked->failure->code, ErrorCode::Forbidden);
    QVERIFY2(marked->failure->message.contains(u"not your contact"_s), qPrintable(marked->failure->message));
    QCOMPARE(m_bob->session().state(), Session::State::Online);

    const auto roundTrip = carol->ask(wire::contacts);
    HUIJI_VERIFY_OK(roundTrip);
    auto carols = carol->profile().history().conversations();
    HUIJI_VERIFY_OK(carols);
    QVERIFY(carols->isEmpty());
    othersUnaffected(u"bob is still reachable"_s, 3);
}

// ---- storage failures ----

void tst_ServerFailures::failedWriteInSendIsRolledBackAndResent()
{
    startServer();
    setUpAliceAndBob();
    ServerFile file(*m_server);
    QVERIFY(file.isOpen());
    const auto outboxIds = [&] {
        QList<QUuid> ids;
        if (const auto pending = m_alice->profile().outbox().pending())
            for (const Record &record : *pending)
                ids.append(record.id);
        return ids;
    };
    const auto messagesWith = [&](const QUuid &id) {
        return file.count(u"SELECT COUNT(*) FROM messages WHERE uid = ?"_s, id.toRfc4122());
    };
    const auto inboxRowsOf = [&](const QUuid &id) {
        return file.count(u"SELECT COUNT(*) FROM inbox WHERE seq IN (SELECT seq FROM messages WHERE uid = ?)"_s,
                          id.toRfc4122());
    };

    // From here every inbox row fails to go in: a send stores its message row, then fails on bob's
    // inbox row, in the middle of the hub's turn.
    QVERIFY(file.exec(u"CREATE TRIGGER refuse_inbox BEFORE INSERT ON inbox"
                      " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"_s));
    QSignalSpy failed(&m_alice->session(), &Session::failed);
    QSignalSpy deferred(&m_alice->session(), &Session::messageDeferred);
    QSignalSpy stored(&m_alice->session(), &Session::messageStored);
    QSignalSpy merged(&m_bob->session(), &Session::recordsMerged);
    auto sent = m_alice->session().sendMessage(u"bob"_s, u"through a failed write"_s);
    HUIJI_VERIFY_OK(sent);
    const QUuid id = sent->id;
    // The server's trouble is not alice's to fix: no failure for her, the message waits and is retried.
    QTRY_VERIFY_WITH_TIMEOUT(!deferred.isEmpty(), networkTimeoutMs);
    QCOMPARE(deferred.first().first().toUuid(), id);
    QVERIFY(failed.isEmpty());
    QVERIFY(stored.isEmpty());
    QCOMPARE(outboxIds(), QList<QUuid>{id});
    // The whole turn was rolled back, the message row with it.
    QCOMPARE(messagesWith(id), 0);
    QCOMPARE(file.count(u"SELECT COUNT(*) FROM inbox WHERE seq >= ?"_s, 0), 0);
    // bob got nothing: after a round trip of his, anything relayed to him before it has arrived.
    const auto roundTrip = m_bob->ask(wire::contacts);
    HUIJI_VERIFY_OK(roundTrip);
    QVERIFY(merged.isEmpty());
    QVERIFY(conversation(*m_bob, u"alice"_s).isEmpty());
    // Nobody was cut off by the failure.
    QCOMPARE(m_alice->session().state(), Session::State::Online);
    QCOMPARE(m_bob->session().state(), Session::State::Online);
    QCOMPARE(m_server->server().connectionCount(), 2);

    // The disk is well again: the session's own retry stores it, with nothing else sent.
    QVERIFY(file.exec(u"DROP TRIGGER refuse_inbox"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!stored.isEmpty(), networkTimeoutMs);
    QCOMPARE(stored.first().first().toUuid(), id);
    QVERIFY(failed.isEmpty());
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 0);
    say(*m_alice, u"bob"_s, u"and the next one"_s);

    // bob has it once, and the server holds it once and has nothing left to give him.
    const auto bobHas = [&](const QUuid &wanted) {
        const QList<StoredRecord> records = conversation(*m_bob, u"alice"_s);
        return std::ranges::count_if(records, [&](const StoredRecord &entry) { return entry.record.id == wanted; });
    };
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_bob, u"alice"_s).size(), 2, networkTimeoutMs);
    QCOMPARE(bobHas(id), 1);
    QTRY_COMPARE_WITH_TIMEOUT(inboxRowsOf(id), 0, networkTimeoutMs); // bob acked it
    QCOMPARE(messagesWith(id), 1);
    qsizetype deliveries = 0;
    for (const QList<QVariant> &signal : std::as_const(merged))
        deliveries += std::ranges::count_if(signal.first().value<QList<Record>>(),
                                            [&](const Record &record) { return record.id == id; });
    QCOMPARE(deliveries, 1);
    QCOMPARE(conversation(*m_alice, u"bob"_s).size(), 2);

    othersUnaffected(u"after a failed write"_s);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_ServerFailures)
#include "tst_serverfailures.moc"

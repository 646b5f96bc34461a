// Password guessing against the in-process server with raw frames (issue 13). Guesses sent in
// parallel are limited exactly like guesses sent one after another, because an attempt counts from
// the moment it starts; the guessing address is slowed, not the owner, who still logs in from an
// address of their own; a throttled login says so with the wait; token logins go on throughout.
// Each attack must fail, and alice and bob must go on talking with nothing lost. huiji-cli exits
// with a code of its own for a throttled login.

#include "SecurityWorld.h"

#include "BlackBox.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace huiji {

namespace {

// Far longer than any test runs: a wait that is owed never runs out in the middle of one.
constexpr qint64 longDelayMs = 10 * 60 * 1000;

// How many of the answers carry each error code ("" for an answer that is no error).
QMap<QString, int> tally(const QList<Frame> &answers)
{
    QMap<QString, int> codes;
    for (const Frame &answer : answers)
        ++codes[errorCodeOf(answer)];
    return codes;
}

} // namespace

class tst_LoginThrottleAttack : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { m_world.stop(); }
    void parallelGuessesAreLimitedLikeSequentialOnes();
    void throttledLoginSaysHowLongToWait();
    void ownerLogsInFromAnotherAddress();
    void distributedGuessingMeetsTheAccountCeiling();
    void wrongTokensAreRefusedAndCountNothing();
    void cliExitsWithItsOwnCodeWhenThrottled();

private:
    void startWorld(LoginThrottle::Limits limits);
    // `count` guesses at alice from `from`, each on a connection of its own, all sent before any
    // answer is read; the answers in order.
    QList<Frame> guessInParallel(const QHostAddress &from, int count);
    // The same, one after another on one connection, each after the answer to the one before.
    QList<Frame> guessInSequence(const QHostAddress &from, int count);

    SecurityWorld m_world;
};

void tst_LoginThrottleAttack::startWorld(LoginThrottle::Limits limits)
{
    ServerConfig config;
    config.throttle = limits;
    m_world.startWithContacts(config);
}

QList<Frame> tst_LoginThrottleAttack::guessInParallel(const QHostAddress &from, int count)
{
    std::vector<std::unique_ptr<RawClient>> guessers;
    for (int i = 0; i < count; ++i) {
        guessers.push_back(m_world.peer(from));
        if (!guessers.back())
            return {};
    }
    for (int i = 0; i < count; ++i)
        guessers[static_cast<std::size_t>(i)]->send(SecurityWorld::login(2, u"alice"_s, "parallel-guess-" + QByteArray::number(i)));
    QList<Frame> answers;
    for (const auto &guesser : guessers)
        if (auto answer = guesser->answerTo(2))
            answers.append(*answer);
    return answers;
}

QList<Frame> tst_LoginThrottleAttack::guessInSequence(const QHostAddress &from, int count)
{
    auto guesser = m_world.peer(from);
    QList<Frame> answers;
    for (int i = 0; guesser && i < count; ++i)
        if (auto answer = guesser->ask(SecurityWorld::login(2 + i, u"alice"_s, "sequential-guess-" + QByteArray::number(i))))
            answers.append(*answer);
    return answers;
}

void tst_LoginThrottleAttack::parallelGuessesAreLimitedLikeSequentialOnes()
{
    startWorld({.freeAttempts = 3, .firstDelayMs = longDelayMs});

    // Ten guesses at once from one address, and ten one after another from another: three of
    // each are checked, the other seven refused unchecked.
    const QList<Frame> parallel = guessInParallel(loopback(2), 10);
    const QList<Frame> sequential = guessInSequence(loopback(3), 10);
    QCOMPARE(parallel.size(), 10);
    QCOMPARE(sequential.size(), 10);
    const QMap<QString, int> expected{{u"bad-credentials"_s, 3}, {u"rate-limited"_s, 7}};
    QCOMPARE(tally(parallel), expected);
    QCOMPARE(tally(sequential), expected);

    // Even the right password is refused unchecked from a guessing address: the throttle tells
    // nothing about whether a guess was right.
    auto guesser = m_world.peer(loopback(2));
    QVERIFY(guesser);
    const auto right = guesser->ask(SecurityWorld::login(5, u"alice"_s, m_world.alicePassword));
    QVERIFY(right);
    QCOMPARE(errorCodeOf(*right), u"rate-limited"_s);
    QVERIFY(!right->body.contains(u"token"_s));

    // alice's and bob's devices, online with their tokens all along, noticed nothing; and a
    // device of alice's that goes and comes back logs in with its token at once.
    QVERIFY(m_world.honestStillServed(u"while someone guessed"_s));
    QVERIFY(SecurityWorld::reconnectWithToken(*m_world.alice));
    QVERIFY(m_world.honestStillServed(u"after a token login"_s));
}

void tst_LoginThrottleAttack::throttledLoginSaysHowLongToWait()
{
    startWorld({.freeAttempts = 1, .firstDelayMs = longDelayMs});
    auto guesser = m_world.peer(loopback(2));
    QVERIFY(guesser);
    const auto first = guesser->ask(SecurityWorld::login(2, u"alice"_s, "a-guess"));
    QVERIFY(first);
    QCOMPARE(errorCodeOf(*first), u"bad-credentials"_s);
    QVERIFY(!first->body.contains(u"retryAfter"_s));

    const auto second = guesser->ask(SecurityWorld::login(3, u"alice"_s, "another-guess"));
    QVERIFY(second);
    QCOMPARE(errorCodeOf(*second), u"rate-limited"_s);
    const qint64 seconds = second->body.value(u"retryAfter"_s).toInteger();
    QVERIFY2(seconds > 0 && seconds <= longDelayMs / 1000, qPrintable(QString::number(seconds)));
    QVERIFY2(second->body.value(u"message"_s).toString().contains(u"try again in %1 s"_s.arg(seconds)),
             qPrintable(second->body.value(u"message"_s).toString()));
    // The client's engine reads it into the error it reports.
    QCOMPARE(wire::errorOf(*second).retryAfter, seconds);
    QCOMPARE(wire::errorOf(*second).code, ErrorCode::RateLimited);

    QVERIFY(m_world.honestStillServed(u"after a throttled guess"_s));
}

void tst_LoginThrottleAttack::ownerLogsInFromAnotherAddress()
{
    startWorld({.freeAttempts = 3, .firstDelayMs = longDelayMs});
    const QList<Frame> guesses = guessInParallel(loopback(2), 20);
    QCOMPARE(guesses.size(), 20);
    QCOMPARE(tally(guesses).value(u"rate-limited"_s), 17);

    // alice, from her own address, with a new device that has no token yet: the password works.
    auto laptop = m_world.site().device(u"alice-laptop"_s, u"alice"_s);
    QVERIFY(laptop->logIn(m_world.alicePassword));
    QCOMPARE(laptop->session().state(), Session::State::Online);
    // And typing it wrong once at home costs her nothing more than the wrong answer.
    auto phone = m_world.site().device(u"alice-phone"_s, u"alice"_s);
    QSignalSpy failed(&phone->session(), &Session::failed);
    phone->session().start("not-" + m_world.alicePassword);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, networkTimeoutMs);
    QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::BadCredentials);
    QVERIFY(phone->logIn(m_world.alicePassword));

    QVERIFY(SecurityWorld::delivered(*m_world.bob, *laptop, u"to the laptop that logged in"_s));
    QVERIFY(m_world.honestStillServed(u"after the owner logged in"_s));
}

void tst_LoginThrottleAttack::distributedGuessingMeetsTheAccountCeiling()
{
    startWorld({.freeAttempts = 3, .firstDelayMs = longDelayMs, .perAccount = 6});
    // Two guesses from each of three addresses: under every per-address limit, at the account's.
    for (int address = 2; address <= 4; ++address)
        QCOMPARE(tally(guessInSequence(loopback(address), 2)), (QMap<QString, int>{{u"bad-credentials"_s, 2}}));
    const QList<Frame> fourth = guessInSequence(loopback(5), 1);
    QCOMPARE(fourth.size(), 1);
    QCOMPARE(errorCodeOf(fourth.first()), u"rate-limited"_s);

    // The ceiling is the account's: bob logs in with his password from that same address.
    auto bobsPeer = m_world.peer(loopback(5));
    QVERIFY(bobsPeer);
    const auto bobs = bobsPeer->ask(SecurityWorld::login(9, u"bob"_s, m_world.bobPassword));
    QVERIFY(bobs);
    QCOMPARE(bobs->type, wire::login);
    // While it lasts alice's password waits too, from anywhere (the price of a ceiling against
    // many addresses); her devices go on with their tokens.
    auto laptop = m_world.site().device(u"alice-laptop"_s, u"alice"_s);
    QSignalSpy failed(&laptop->session(), &Session::failed);
    laptop->session().start(m_world.alicePassword);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, networkTimeoutMs);
    QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::RateLimited);
    QVERIFY(failed.first().first().value<Error>().retryAfter > 0);
    QVERIFY(SecurityWorld::reconnectWithToken(*m_world.alice));
    QVERIFY(m_world.honestStillServed(u"during distributed guessing"_s));
}

void tst_LoginThrottleAttack::wrongTokensAreRefusedAndCountNothing()
{
    startWorld({.freeAttempts = 1, .firstDelayMs = longDelayMs});
    auto guesser = m_world.peer(loopback(2));
    QVERIFY(guesser);
    // Twenty: under the frames a connection may send before it has logged in.
    for (int i = 0; i < 20; ++i) {
        const auto refused = guesser->ask(
            {wire::login, 2 + i, QCborMap{{u"user"_s, u"alice"_s}, {u"token"_s, u"guessed-token-%1"_s.arg(i)}}});
        QVERIFY(refused);
        QCOMPARE(errorCodeOf(*refused), u"bad-credentials"_s);
    }
    // A token cannot be guessed, so wrong ones are not counted as guesses: alice's password still
    // works at once, even from that address.
    auto alicesPeer = m_world.peer(loopback(2));
    QVERIFY(alicesPeer);
    const auto loggedIn = alicesPeer->ask(SecurityWorld::login(99, u"alice"_s, m_world.alicePassword));
    QVERIFY(loggedIn);
    QCOMPARE(loggedIn->type, wire::login);
    // The device step then hands this device a credential of its own.
    const auto known = alicesPeer->ask({wire::device, 100, QCborMap{{u"id"_s, u"alice-tablet"_s},
                                                                     {u"name"_s, u"Tablet"_s},
                                                                     {u"platform"_s, u"raw"_s}}});
    QVERIFY(known);
    QCOMPARE(known->type, wire::device);
    QVERIFY(!known->body.value(u"token"_s).toString().isEmpty());
    QVERIFY(m_world.honestStillServed(u"after token guesses"_s));
}

void tst_LoginThrottleAttack::cliExitsWithItsOwnCodeWhenThrottled()
{
    // The real binaries: huijid reads its throttle from the config file.
    blackbox::BlackBox box;
    QVERIFY(QDir().mkpath(box.path(u"server"_s)));
    QFile config(box.path(u"server/huijid.conf"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[server]\nlogin-free-attempts=1\nlogin-first-delay-seconds=3600\nlogin-max-delay-seconds=3600\n");
    config.close();
    QVERIFY(box.start({u"alice"_s, u"bob"_s}));
    const QString server = box.server();
    HUIJI_CLI_OK(box.as(u"alice"_s, u"desktop"_s, {u"register"_s, u"--server"_s, server, u"--user"_s, u"alice"_s}));

    const QString wrong = box.writePassword(u"guess"_s);
    const auto login = [&](const QString &profile, const QString &passwordFile) {
        return box.cli(profile, passwordFile, {u"login"_s, u"--server"_s, server, u"--user"_s, u"alice"_s});
    };
    QCOMPARE(login(u"laptop"_s, wrong).code, 3); // a wrong password: authentication failed
    const blackbox::Run throttled = login(u"tablet"_s, box.passwordOf(u"alice"_s));
    QCOMPARE(throttled.code, 6); // throttled: the right password waits, and says so
    QVERIFY2(QString::fromUtf8(throttled.err).contains(QRegularExpression(u"try again in \\d+ s"_s)),
             throttled.err.constData());
    // Another account from the same machine is not slowed.
    HUIJI_CLI_OK(box.as(u"bob"_s, u"bob"_s, {u"register"_s, u"--server"_s, server, u"--user"_s, u"bob"_s}));
    HUIJI_CLI_OK(box.as(u"bob"_s, u"bob"_s, {u"devices"_s}));
    QVERIFY(box.stopServer());
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_LoginThrottleAttack)
#include "tst_loginthrottle_attack.moc"

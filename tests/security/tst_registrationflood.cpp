// Floods of registrations and password logins against the in-process server with raw frames
// (issue 13). One address creates at most its quota of accounts an hour, and a taken name costs it
// nothing; password hashing has a bounded queue, and what does not fit is answered at once with
// "busy, retry in N s" instead of waiting behind the flood. Each attack must fail, and alice and bob
// must go on talking (token logins included) with nothing lost.

#include "SecurityWorld.h"

#include "../client/ServerFile.h"

namespace huiji {

class tst_RegistrationFlood : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { m_world.stop(); }
    void registrationsPerAddressAreCapped();
    void registrationFloodIsAnsweredBusy();
    void loginFloodIsAnsweredBusyAndNotCounted();

private:
    // A server whose password pool runs one slow hash at a time and takes two at most.
    static ServerConfig narrowPool();
    static Frame registration(qint64 requestId, const QString &user)
    {
        return {wire::registerAccount, requestId,
                QCborMap{{u"user"_s, user}, {u"password"_s, QString::fromUtf8(testPassword("flood"))}}};
    }
    qint64 accounts();
    // `frames` sent at once, each on a connection of its own from 127.0.0.2, while alice's desktop
    // logs in again with its token; the answers, once all came.
    QList<Frame> flood(const QList<Frame> &frames);

    SecurityWorld m_world;
};

ServerConfig tst_RegistrationFlood::narrowPool()
{
    ServerConfig config;
    config.passwordWork = {.threads = 1, .queue = 2};
    // Slow enough that a flood sent at once is all there while the first hashes run.
    config.passwordCost.passes = 8;
    config.registrationsPerAddressHour = 0; // the queue alone stands against the flood
    return config;
}

qint64 tst_RegistrationFlood::accounts()
{
    ServerFile file(m_world.site().server());
    return file.isOpen() ? file.count(u"SELECT COUNT(*) FROM accounts"_s) : -1;
}

QList<Frame> tst_RegistrationFlood::flood(const QList<Frame> &frames)
{
    std::vector<std::unique_ptr<RawClient>> peers;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        peers.push_back(m_world.peer(loopback(2)));
        if (!peers.back())
            return {};
    }
    for (qsizetype i = 0; i < frames.size(); ++i)
        peers[static_cast<std::size_t>(i)]->send(frames.at(i));
    // Meanwhile a device that has a token logs in without waiting for any hash.
    if (!SecurityWorld::reconnectWithToken(*m_world.alice))
        return {};
    QList<Frame> answers;
    for (qsizetype i = 0; i < frames.size(); ++i)
        if (auto answer = peers[static_cast<std::size_t>(i)]->answerTo(frames.at(i).requestId))
            answers.append(*answer);
    return answers;
}

void tst_RegistrationFlood::registrationsPerAddressAreCapped()
{
    ServerConfig config;
    config.registrationsPerAddressHour = 3;
    m_world.startWithContacts(config); // alice and bob registered from 127.0.0.1

    auto spammer = m_world.peer(loopback(2));
    QVERIFY(spammer);
    // Taken names are refused before any hash, and cost the address nothing.
    for (int i = 0; i < 5; ++i) {
        const auto taken = spammer->ask(registration(2 + i, u"alice"_s));
        QVERIFY(taken);
        QCOMPARE(errorCodeOf(*taken), u"already-exists"_s);
    }
    QStringList created;
    QList<Frame> refused;
    for (int i = 0; i < 5; ++i) {
        const auto answer = spammer->ask(registration(10 + i, u"spam%1"_s.arg(i)));
        QVERIFY(answer);
        if (answer->type == wire::registerAccount)
            created.append(answer->body.value(u"user"_s).toString());
        else
            refused.append(*answer);
    }
    QCOMPARE(created, (QStringList{u"spam0"_s, u"spam1"_s, u"spam2"_s}));
    QCOMPARE(refused.size(), 2);
    for (const Frame &answer : std::as_const(refused)) {
        QCOMPARE(errorCodeOf(answer), u"rate-limited"_s);
        const qint64 seconds = answer.body.value(u"retryAfter"_s).toInteger();
        QVERIFY2(seconds > 0 && seconds <= 3600, qPrintable(QString::number(seconds)));
    }
    // A new connection from the same address is the same address.
    auto again = m_world.peer(loopback(2));
    QVERIFY(again);
    const auto stillRefused = again->ask(registration(20, u"spam9"_s));
    QVERIFY(stillRefused);
    QCOMPARE(errorCodeOf(*stillRefused), u"rate-limited"_s);
    QCOMPARE(accounts(), 2 + 3);

    // From another address an honest user signs up, and alice and bob talk on.
    auto carol = m_world.site().device(u"carol-pc"_s, u"carol"_s);
    QVERIFY(carol->logIn(testPassword("carol"), true));
    QCOMPARE(accounts(), 2 + 3 + 1);
    QVERIFY(m_world.honestStillServed(u"after a registration flood"_s));
}

void tst_RegistrationFlood::registrationFloodIsAnsweredBusy()
{
    m_world.startWithContacts(narrowPool());

    QList<Frame> frames;
    for (int i = 0; i < 12; ++i)
        frames.append(registration(2, u"flood%1"_s.arg(i)));
    const QList<Frame> answers = flood(frames);
    QCOMPARE(answers.size(), 12);
    qsizetype registered = 0;
    qsizetype busy = 0;
    for (const Frame &answer : answers) {
        if (answer.type == wire::registerAccount) {
            ++registered;
            continue;
        }
        QCOMPARE(errorCodeOf(answer), u"busy"_s);
        QVERIFY(answer.body.value(u"retryAfter"_s).toInteger() >= 1);
        QVERIFY(answer.body.value(u"message"_s).toString().contains(u"try again in"_s));
        ++busy;
    }
    // The first two always fit the queue; what did not was answered busy, not kept waiting.
    QVERIFY2(registered >= 2, qPrintable(QString::number(registered)));
    QVERIFY2(busy >= 1, qPrintable(QString::number(busy)));
    QCOMPARE(registered + busy, 12);
    QCOMPARE(accounts(), 2 + registered);

    // The flood is over: a password login is served, and a busy registration tried again goes in.
    auto laptop = m_world.site().device(u"alice-laptop"_s, u"alice"_s);
    QVERIFY(laptop->logIn(m_world.alicePassword));
    auto retrier = m_world.peer(loopback(2));
    QVERIFY(retrier);
    const auto retried = retrier->ask(registration(3, u"patient"_s));
    QVERIFY(retried);
    QCOMPARE(retried->type, wire::registerAccount);
    QVERIFY(m_world.honestStillServed(u"after a hashing flood"_s));
}

void tst_RegistrationFlood::loginFloodIsAnsweredBusyAndNotCounted()
{
    m_world.startWithContacts(narrowPool());

    QList<Frame> frames;
    for (int i = 0; i < 12; ++i)
        frames.append(SecurityWorld::login(2, u"guess%1"_s.arg(i), "some-password"));
    const QList<Frame> answers = flood(frames);
    QCOMPARE(answers.size(), 12);
    QStringList busyUsers;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const QString code = errorCodeOf(answers.at(i));
        QVERIFY2(code == u"bad-credentials"_s || code == u"busy"_s, qPrintable(code));
        if (code == u"busy"_s)
            busyUsers.append(frames.at(i).body.value(u"user"_s).toString());
    }
    QVERIFY(!busyUsers.isEmpty());

    // A guess answered busy was never checked, so it did not count: tried again one after another,
    // each is checked now (bad-credentials), not throttled.
    auto retrier = m_world.peer(loopback(2));
    QVERIFY(retrier);
    for (qsizetype i = 0; i < busyUsers.size(); ++i) {
        const auto retried = retrier->ask(SecurityWorld::login(10 + i, busyUsers.at(i), "some-password"));
        QVERIFY(retried);
        QCOMPARE(errorCodeOf(*retried), u"bad-credentials"_s);
    }
    QVERIFY(m_world.honestStillServed(u"after a login flood"_s));
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_RegistrationFlood)
#include "tst_registrationflood.moc"

// Password attempts are counted from the moment they start, so parallel guesses are limited like
// sequential ones; one account from one address is slowed by a doubling delay, not locked from
// everywhere; an address and an account each have a ceiling within a sliding window; and what the
// throttle remembers does not grow past the window. Time moves with an injected clock.

#include "server/engine/LoginThrottle.h"

#include <QTest>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

class tst_LoginThrottle : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_now = 1'000'000; }
    void pairIsSlowedByADoublingDelay();
    void delayStopsAtItsMaximum();
    void attemptsInFlightCountLikeFailures();
    void ownerFromAnotherAddressIsNotSlowed();
    void accountCeilingAgainstDistributedGuessing();
    void addressLimitedAcrossAccounts();
    void successForgivesThePairOnly();
    void withdrawnAttemptDoesNotCount();
    void quietPairStartsAfresh();
    void forgetsWhatLeftTheWindow();

private:
    // 2 free attempts per pair, then 1 s doubling up to 8 s; 5 per address, 10 per account, in 60 s.
    LoginThrottle throttle(int perAddress = 5)
    {
        return LoginThrottle({.freeAttempts = 2,
                              .firstDelayMs = 1000,
                              .maxDelayMs = 8000,
                              .perAddress = perAddress,
                              .perAccount = 10,
                              .windowMs = 60'000},
                             [this] { return m_now; });
    }
    // An attempt that starts now and fails.
    static void fail(LoginThrottle &limits, const QString &account, const QString &address)
    {
        QCOMPARE(limits.retryAfter(account, address), 0);
        limits.begin(account, address);
    }
    qint64 m_now = 0;
};

void tst_LoginThrottle::pairIsSlowedByADoublingDelay()
{
    LoginThrottle limits = throttle();
    fail(limits, u"alice"_s, u"a"_s);
    fail(limits, u"alice"_s, u"a"_s);
    // Two free attempts; the third waits 1 s after the second, the fourth 2 s after the third.
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 1000);
    m_now += 400;
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 600);
    m_now += 600;
    fail(limits, u"alice"_s, u"a"_s);
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 2000);
    m_now += 2000;
    fail(limits, u"alice"_s, u"a"_s);
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 4000);
}

void tst_LoginThrottle::delayStopsAtItsMaximum()
{
    LoginThrottle limits = throttle(20);
    for (int attempt = 0; attempt < 6; ++attempt) {
        m_now += limits.retryAfter(u"alice"_s, u"a"_s);
        fail(limits, u"alice"_s, u"a"_s);
    }
    // After the two free ones 1, 2, 4 and 8 s, and then 8 s again: never longer than the maximum.
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 8000);
}

void tst_LoginThrottle::attemptsInFlightCountLikeFailures()
{
    LoginThrottle limits = throttle();
    // Two guesses sent at once, neither answered yet: the third waits just as after two failures.
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 0);
    limits.begin(u"alice"_s, u"a"_s);
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 0);
    limits.begin(u"alice"_s, u"a"_s);
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 1000);

    LoginThrottle sequential = throttle();
    fail(sequential, u"alice"_s, u"a"_s);
    fail(sequential, u"alice"_s, u"a"_s);
    QCOMPARE(sequential.retryAfter(u"alice"_s, u"a"_s), limits.retryAfter(u"alice"_s, u"a"_s));
}

void tst_LoginThrottle::ownerFromAnotherAddressIsNotSlowed()
{
    LoginThrottle limits = throttle();
    for (int attempt = 0; attempt < 4; ++attempt) {
        m_now += limits.retryAfter(u"alice"_s, u"mallory"_s);
        fail(limits, u"alice"_s, u"mallory"_s);
    }
    QVERIFY(limits.retryAfter(u"alice"_s, u"mallory"_s) > 0);
    QCOMPARE(limits.retryAfter(u"alice"_s, u"home"_s), 0);
    QCOMPARE(limits.retryAfter(u"bob"_s, u"home"_s), 0);
}

void tst_LoginThrottle::accountCeilingAgainstDistributedGuessing()
{
    LoginThrottle limits = throttle();
    // Ten addresses, one guess each, a second apart: under every per-pair and per-address limit.
    for (int i = 0; i < 10; ++i) {
        fail(limits, u"alice"_s, u"10.0.0.%1"_s.arg(i));
        m_now += 1000;
    }
    // The account's ceiling of 10 in 60 s: from any address now, until the first leaves the window.
    QCOMPARE(limits.retryAfter(u"alice"_s, u"10.0.0.99"_s), 60'000 - 10'000);
    QCOMPARE(limits.retryAfter(u"bob"_s, u"10.0.0.99"_s), 0);
    m_now += 50'000;
    QCOMPARE(limits.retryAfter(u"alice"_s, u"10.0.0.99"_s), 0);
}

void tst_LoginThrottle::addressLimitedAcrossAccounts()
{
    LoginThrottle limits = throttle();
    for (int i = 0; i < 5; ++i)
        fail(limits, u"user%1"_s.arg(i), u"192.0.2.7"_s);
    QCOMPARE(limits.retryAfter(u"someone-else"_s, u"192.0.2.7"_s), 60'000);
    QCOMPARE(limits.retryAfter(u"someone-else"_s, u"192.0.2.8"_s), 0);
}

void tst_LoginThrottle::successForgivesThePairOnly()
{
    LoginThrottle limits = throttle();
    fail(limits, u"alice"_s, u"a"_s);
    fail(limits, u"alice"_s, u"a"_s);
    m_now += 1000;
    fail(limits, u"alice"_s, u"a"_s); // a waits 2 s from here
    fail(limits, u"alice"_s, u"b"_s);
    fail(limits, u"alice"_s, u"b"_s); // b waits 1 s
    // The right password from b, after the wait: b is forgiven, a is not.
    m_now += 1000;
    limits.succeeded(limits.begin(u"alice"_s, u"b"_s));
    QCOMPARE(limits.retryAfter(u"alice"_s, u"b"_s), 0);
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 1000);
    // The success did not count against the address: three failures and nothing else from b.
    for (int i = 0; i < 3; ++i)
        fail(limits, u"other%1"_s.arg(i), u"b"_s);
    QVERIFY(limits.retryAfter(u"other9"_s, u"b"_s) > 0); // 2 + 3 failures: b's 5
}

void tst_LoginThrottle::withdrawnAttemptDoesNotCount()
{
    LoginThrottle limits = throttle();
    fail(limits, u"alice"_s, u"a"_s);
    limits.withdraw(limits.begin(u"alice"_s, u"a"_s)); // the server was too busy to check it
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 0);
    fail(limits, u"alice"_s, u"a"_s);
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 1000);
}

void tst_LoginThrottle::quietPairStartsAfresh()
{
    LoginThrottle limits = throttle();
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_now += limits.retryAfter(u"alice"_s, u"a"_s);
        fail(limits, u"alice"_s, u"a"_s);
    }
    m_now += 60'000; // a whole window without attempts
    fail(limits, u"alice"_s, u"a"_s);
    fail(limits, u"alice"_s, u"a"_s);
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 1000);
}

void tst_LoginThrottle::forgetsWhatLeftTheWindow()
{
    LoginThrottle limits = throttle();
    for (int i = 0; i < 1000; ++i)
        limits.begin(u"guess%1"_s.arg(i), u"198.51.100.%1"_s.arg(i % 250));
    // 1000 pairs, 250 addresses, 1000 accounts.
    QCOMPARE(limits.trackedKeys(), 1000 + 250 + 1000);
    m_now += 60'001;
    limits.begin(u"late"_s, u"203.0.113.1"_s);
    QCOMPARE(limits.trackedKeys(), 3);
}

QTEST_GUILESS_MAIN(tst_LoginThrottle)
#include "tst_loginthrottle.moc"

// Failed logins are limited per account and per address, in a sliding window that moves with an
// injected clock, and what the throttle remembers does not grow past the window.

#include "server/LoginThrottle.h"

#include <QTest>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

class tst_LoginThrottle : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_now = 1'000'000; }
    void accountLimitedFromAnyAddress();
    void addressLimitedAcrossAccounts();
    void slidingWindowFreesOneAttemptAtATime();
    void successForgivesTheAccountOnly();
    void forgetsWhatLeftTheWindow();

private:
    LoginThrottle throttle(int perAccount = 3, int perAddress = 5)
    {
        return LoginThrottle({perAccount, perAddress, 60'000}, [this] { return m_now; });
    }
    qint64 m_now = 0;
};

void tst_LoginThrottle::accountLimitedFromAnyAddress()
{
    LoginThrottle limits = throttle();
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(limits.retryAfter(u"alice"_s, u"10.0.0.%1"_s.arg(i)), 0);
        limits.recordFailure(u"alice"_s, u"10.0.0.%1"_s.arg(i));
        m_now += 1000;
    }
    // Three failures from three addresses: alice is locked from a fourth as well.
    QCOMPARE(limits.retryAfter(u"alice"_s, u"10.0.0.9"_s), 60'000 - 3000);
    QCOMPARE(limits.retryAfter(u"bob"_s, u"10.0.0.9"_s), 0);
}

void tst_LoginThrottle::addressLimitedAcrossAccounts()
{
    LoginThrottle limits = throttle();
    for (int i = 0; i < 5; ++i)
        limits.recordFailure(u"user%1"_s.arg(i), u"192.0.2.7"_s);
    QVERIFY(limits.retryAfter(u"someone-else"_s, u"192.0.2.7"_s) > 0);
    QCOMPARE(limits.retryAfter(u"someone-else"_s, u"192.0.2.8"_s), 0);
}

void tst_LoginThrottle::slidingWindowFreesOneAttemptAtATime()
{
    LoginThrottle limits = throttle();
    for (int i = 0; i < 3; ++i) {
        limits.recordFailure(u"alice"_s, u"a"_s);
        m_now += 10'000;
    }
    // Failures at 0 s, 10 s, 20 s; now 30 s. The first leaves the window at 60 s.
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 30'000);
    m_now += 30'000;
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 0);
    limits.recordFailure(u"alice"_s, u"a"_s);
    // Failures at 10 s, 20 s, 60 s: the next chance comes when the one at 10 s leaves, at 70 s.
    QCOMPARE(limits.retryAfter(u"alice"_s, u"a"_s), 10'000);
}

void tst_LoginThrottle::successForgivesTheAccountOnly()
{
    LoginThrottle limits = throttle(3, 3);
    for (int i = 0; i < 3; ++i)
        limits.recordFailure(u"alice"_s, u"a"_s);
    QVERIFY(limits.retryAfter(u"alice"_s, u"b"_s) > 0);
    limits.recordSuccess(u"alice"_s);
    QCOMPARE(limits.retryAfter(u"alice"_s, u"b"_s), 0);
    QVERIFY(limits.retryAfter(u"alice"_s, u"a"_s) > 0); // the address that guessed stays limited
}

void tst_LoginThrottle::forgetsWhatLeftTheWindow()
{
    LoginThrottle limits = throttle();
    for (int i = 0; i < 1000; ++i)
        limits.recordFailure(u"guess%1"_s.arg(i), u"198.51.100.%1"_s.arg(i % 250));
    QCOMPARE(limits.trackedKeys(), 1000 + 250);
    m_now += 60'001;
    limits.recordFailure(u"late"_s, u"203.0.113.1"_s);
    QCOMPARE(limits.trackedKeys(), 2);
}

QTEST_GUILESS_MAIN(tst_LoginThrottle)
#include "tst_loginthrottle.moc"

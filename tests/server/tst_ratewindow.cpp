// A sliding window of counted events per key: the wait until a key is under its limit again,
// batches that pass the limit once, events taken back, no limit at 0, and keys forgotten once
// their events have left the window. And what a peer's address counts as: IPv6 by its /64.

#include "server/engine/RateWindow.h"

#include <QTest>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

class tst_RateWindow : public QObject
{
    Q_OBJECT

private slots:
    void waitsUntilTheOldestLeaves();
    void aBatchPassesTheLimitOnce();
    void takenBackEventsDoNotCount();
    void zeroIsNoLimit();
    void forgetsKeysThatLeftTheWindow();
    void addressesCountByNetwork();
};

void tst_RateWindow::waitsUntilTheOldestLeaves()
{
    RateWindow window(3, 60'000);
    window.add(u"a"_s, 1000);
    window.add(u"a"_s, 2000);
    QCOMPARE(window.wait(u"a"_s, 2000), 0);
    window.add(u"a"_s, 5000);
    // Three at 1, 2 and 5 s: under the limit again when the one at 1 s leaves, at 61 s.
    QCOMPARE(window.wait(u"a"_s, 10'000), 51'000);
    QCOMPARE(window.wait(u"b"_s, 10'000), 0);
    QCOMPARE(window.wait(u"a"_s, 61'000), 0);
}

void tst_RateWindow::aBatchPassesTheLimitOnce()
{
    RateWindow window(100, 60'000);
    QCOMPARE(window.wait(u"device"_s, 0), 0);
    window.add(u"device"_s, 0, 500); // a batch larger than the limit is let through once
    QCOMPARE(window.wait(u"device"_s, 1000), 59'000);
    window.add(u"other"_s, 1000, 60);
    window.add(u"other"_s, 2000, 60);
    // 120 of 100: until the first 60 leave.
    QCOMPARE(window.wait(u"other"_s, 2000), 59'000);
}

void tst_RateWindow::takenBackEventsDoNotCount()
{
    RateWindow window(2, 60'000);
    window.add(u"a"_s, 1000);
    window.add(u"a"_s, 2000);
    QVERIFY(window.wait(u"a"_s, 2000) > 0);
    window.takeBack(u"a"_s, 2000);
    QCOMPARE(window.wait(u"a"_s, 2000), 0);
    window.takeBack(u"a"_s, 1000);
    QCOMPARE(window.trackedKeys(), 0);
    window.takeBack(u"never"_s, 1000); // nothing to take back: nothing happens
    QCOMPARE(window.trackedKeys(), 0);
}

void tst_RateWindow::zeroIsNoLimit()
{
    RateWindow window(0, 60'000);
    for (int i = 0; i < 1000; ++i)
        window.add(u"a"_s, i);
    QCOMPARE(window.wait(u"a"_s, 1000), 0);
    QCOMPARE(window.trackedKeys(), 0);
}

void tst_RateWindow::forgetsKeysThatLeftTheWindow()
{
    RateWindow window(5, 60'000);
    for (int i = 0; i < 1000; ++i)
        window.add(u"key%1"_s.arg(i), 100'000 + i);
    QCOMPARE(window.trackedKeys(), 1000);
    window.add(u"late"_s, 100'000 + 999 + 60'000);
    QCOMPARE(window.trackedKeys(), 1);
}

void tst_RateWindow::addressesCountByNetwork()
{
    QCOMPARE(networkOf(u"192.0.2.7"_s), u"192.0.2.7"_s);
    QCOMPARE(networkOf(u"::ffff:192.0.2.7"_s), u"192.0.2.7"_s); // a dual-stack listener's IPv4 peer
    // One host picks any address of its /64: they are one peer.
    QCOMPARE(networkOf(u"2001:db8:1:2:aaaa::1"_s), networkOf(u"2001:db8:1:2:bbbb:cccc:dddd:9"_s));
    QCOMPARE(networkOf(u"2001:db8:1:2::1"_s), u"2001:db8:1:2::/64"_s);
    QVERIFY(networkOf(u"2001:db8:1:3::1"_s) != networkOf(u"2001:db8:1:2::1"_s));
    QCOMPARE(networkOf(u"not an address"_s), u"not an address"_s);
}

QTEST_GUILESS_MAIN(tst_RateWindow)
#include "tst_ratewindow.moc"

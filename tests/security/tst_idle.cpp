// Idle connections (issue 13): a logged-in connection the server has not heard from for a while is
// pinged; one that answers stays, one that stays silent is closed. Honest sessions answer on
// their own and are never cut off, and keep talking, nothing lost.

#include "HonestPair.h"

#include "../common/RawClient.h"

namespace huiji {

class tst_Idle : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void answeredPingsKeepAConnection();
    void silentPeerIsClosed();

private:
    TestSite m_site;
    HonestPair m_honest;
    ServerConfig m_limits;
};

void tst_Idle::init()
{
    m_limits.connectionsPerAddress = 8; // loopback counts like any address
    m_limits.idleTimeoutMs = 300;
    m_limits.pingTimeoutMs = 1'000;
    QVERIFY(m_site.start(m_limits));
    m_honest.setUp(m_site);
}

void tst_Idle::cleanup()
{
    m_honest.tearDown();
    m_site.stop();
}

void tst_Idle::answeredPingsKeepAConnection()
{
    // A raw device that answers each ping, three times over: the honest sessions sat idle as
    // long and were pinged as often.
    RawClient raw;
    QVERIFY(raw.openAs(m_site.server().port(), u"bob"_s, m_honest.bobPassword, u"bob-raw"_s));
    for (int ping = 0; ping < 3; ++ping) {
        const std::optional<Frame> pinged = raw.next();
        QVERIFY(pinged);
        QCOMPARE(pinged->type, wire::ping);
        QCOMPARE(pinged->requestId, 0);
        raw.send({wire::pong, 0, {}});
    }
    QVERIFY(!raw.isClosed());
    QCOMPARE(m_site.server().server().connectionCount(), 3);
    m_honest.stillTalking(u"after three idle periods"_s);
}

void tst_Idle::silentPeerIsClosed()
{
    // A raw device that reads its pings and never answers.
    RawClient silent;
    QVERIFY(silent.openAs(m_site.server().port(), u"bob"_s, m_honest.bobPassword, u"bob-silent"_s));
    const std::optional<Frame> pinged = silent.next();
    QVERIFY(pinged);
    QCOMPARE(pinged->type, wire::ping);
    QVERIFY(silent.closedWith(u"network-failure"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 2, networkTimeoutMs);
    m_honest.stillTalking(u"after a silent peer was closed"_s);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_Idle)
#include "tst_idle.moc"

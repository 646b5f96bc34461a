// Before login (issue 13): a connection that finishes the TLS handshake and then says nothing, or
// logs in too slowly, is closed; a frame over the small pre-login limit is refused from its
// header; a connection that sends more frames than the budget before it has logged in is closed;
// and one address cannot hold more connections than its cap. Honest clients connected at the same
// time keep talking, nothing lost.

#include "HonestPair.h"

#include "../common/RawClient.h"

#include "protocol/RecordCbor.h"

#include <QtEndian>

namespace huiji {

class tst_PreLogin : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void silentAfterHandshakeIsClosed();
    void slowLoginIsClosed();
    void oversizedFrameBeforeLoginIsRefused();
    void frameFloodBeforeLoginIsClosed();
    void oneAddressHasACap();

private:
    // Loopback counts like any address: every test says how many connections it may hold.
    static ServerConfig config(int connectionsPerAddress);
    static QString errorCodeOf(const Frame &frame) { return frame.body.value(u"code"_s).toString(); }

    TestSite m_site;
    HonestPair m_honest;
};

ServerConfig tst_PreLogin::config(int connectionsPerAddress)
{
    ServerConfig config;
    config.connectionsPerAddress = connectionsPerAddress;
    return config;
}

void tst_PreLogin::cleanup()
{
    m_honest.tearDown();
    m_site.stop();
}

void tst_PreLogin::silentAfterHandshakeIsClosed()
{
    ServerConfig limits = config(64);
    limits.loginTimeoutMs = 3'000;
    QVERIFY(m_site.start(limits));
    m_honest.setUp(m_site);

    // Many connections finish the handshake and then say nothing at all.
    std::vector<std::unique_ptr<RawClient>> silent;
    for (int index = 0; index < 40; ++index) {
        silent.push_back(std::make_unique<RawClient>());
        QVERIFY(silent.back()->open(m_site.server().port()));
    }
    m_honest.stillTalking(u"while 40 connections say nothing"_s);

    // Each is told why and closed; the server holds none of them any more.
    for (const auto &raw : silent)
        QVERIFY(raw->closedWith(u"not-logged-in"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 2, networkTimeoutMs);
    m_honest.stillTalking(u"after they were closed"_s);
}

void tst_PreLogin::slowLoginIsClosed()
{
    ServerConfig limits = config(8);
    limits.loginTimeoutMs = 3'000;
    QVERIFY(m_site.start(limits));
    m_honest.setUp(m_site);

    // One greets and stops; another logs in with the right password but never names its device:
    // the deadline runs from the connection to the device step, not to the first frame.
    RawClient greeted;
    QVERIFY(greeted.open(m_site.server().port()));
    greeted.hello(1);
    const std::optional<Frame> hello = greeted.next();
    QVERIFY(hello);
    QCOMPARE(hello->type, wire::hello);

    RawClient halfway;
    QVERIFY(halfway.open(m_site.server().port()));
    halfway.hello(1);
    QVERIFY(halfway.nextOf(wire::hello));
    halfway.send({wire::login, 2, QCborMap{{u"user"_s, u"alice"_s},
                                           {u"password"_s, QString::fromUtf8(m_honest.alicePassword)}}});
    const std::optional<Frame> loggedIn = halfway.next();
    QVERIFY(loggedIn);
    QCOMPARE(loggedIn->type, wire::login);

    m_honest.stillTalking(u"while two logins dawdle"_s);
    QVERIFY(greeted.closedWith(u"not-logged-in"_s));
    QVERIFY(halfway.closedWith(u"not-logged-in"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 2, networkTimeoutMs);
    m_honest.stillTalking(u"after the slow logins were closed"_s);
}

void tst_PreLogin::oversizedFrameBeforeLoginIsRefused()
{
    ServerConfig limits = config(8);
    QVERIFY(m_site.start(limits));
    m_honest.setUp(m_site);

    // Only the header of a frame one byte over the pre-login limit: the answer comes without the
    // body, so the server neither waited for it nor decoded it.
    RawClient header;
    QVERIFY(header.open(m_site.server().port()));
    header.hello(1);
    QVERIFY(header.nextOf(wire::hello));
    QByteArray length(FrameCodec::headerSize, Qt::Uninitialized);
    qToBigEndian(static_cast<quint32>(limits.maxFrameSizeBeforeLogin + 1), length.data());
    header.sendBytes(length);
    QVERIFY(header.closedWith(u"frame-too-large"_s));

    // A whole login frame over the limit (a password of 20,000 characters) fares the same.
    RawClient whole;
    QVERIFY(whole.open(m_site.server().port()));
    whole.hello(1);
    QVERIFY(whole.nextOf(wire::hello));
    whole.send({wire::login, 2, QCborMap{{u"user"_s, u"alice"_s}, {u"password"_s, QString(20'000, u'x')}}});
    QVERIFY(whole.closedWith(u"frame-too-large"_s));

    // Once logged in, the connection's limit is the full one: a message frame larger than the
    // pre-login limit goes through and reaches bob.
    RawClient loggedIn;
    QVERIFY(loggedIn.openAs(m_site.server().port(), u"alice"_s, m_honest.alicePassword, u"alice-raw"_s));
    const Record record = aliceToBob(QString(6'000, QChar(0x8bb0)), u"alice-raw"_s); // 18 KB of UTF-8
    const QByteArray frame = FrameCodec::encode({wire::send, 4, QCborMap{{u"record"_s, RecordCbor::toCbor(record)}}});
    QVERIFY(frame.size() > limits.maxFrameSizeBeforeLogin);
    loggedIn.sendBytes(frame);
    const std::optional<Frame> sent = loggedIn.nextOf(wire::send);
    QVERIFY(sent);
    QCOMPARE(sent->requestId, 4);
    QTRY_VERIFY_WITH_TIMEOUT(HonestPair::holdsEachOnce(*m_honest.bob, u"alice"_s, {record.id}), networkTimeoutMs);

    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 3, networkTimeoutMs);
    m_honest.stillTalking(u"after oversized frames before login"_s);
}

void tst_PreLogin::frameFloodBeforeLoginIsClosed()
{
    ServerConfig limits = config(8);
    limits.framesBeforeLogin = 8;
    QVERIFY(m_site.start(limits));
    m_honest.setUp(m_site);

    // hello, then frames the hub answers cheaply, far past the budget, without logging in: sent
    // all at once, the connection is closed.
    RawClient flood;
    QVERIFY(flood.open(m_site.server().port()));
    flood.hello(1);
    for (int index = 0; index < 200; ++index)
        flood.send({u"teleport"_s, 100 + index, {}});
    QVERIFY(flood.waitUntilClosed());

    // Sent one by one, each is answered while the budget lasts (hello and seven more), and then the
    // refusal says why.
    RawClient stepwise;
    QVERIFY(stepwise.open(m_site.server().port()));
    stepwise.hello(1);
    QVERIFY(stepwise.nextOf(wire::hello));
    int answered = 1;
    std::optional<Frame> refusal;
    for (int index = 0; index < 200 && !refusal; ++index) {
        stepwise.send({u"teleport"_s, 100 + index, {}});
        const std::optional<Frame> answer = stepwise.next();
        QVERIFY(answer);
        QCOMPARE(answer->type, wire::error);
        if (answer->requestId == 0)
            refusal = answer;
        else
            ++answered;
    }
    QVERIFY(refusal);
    QCOMPARE(errorCodeOf(*refusal), u"rate-limited"_s);
    QCOMPARE(answered, limits.framesBeforeLogin);
    QVERIFY(stepwise.waitUntilClosed());

    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 2, networkTimeoutMs);
    m_honest.stillTalking(u"after a flood of frames before login"_s);
}

void tst_PreLogin::oneAddressHasACap()
{
    QVERIFY(m_site.start(config(4)));
    m_honest.setUp(m_site); // two of the four

    RawClient first, second;
    QVERIFY(first.open(m_site.server().port()));
    QVERIFY(second.open(m_site.server().port()));
    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 4, networkTimeoutMs);

    // The fifth is closed before its handshake, and so is each one after it.
    for (int attempt = 0; attempt < 10; ++attempt) {
        RawClient extra;
        QVERIFY(!extra.open(m_site.server().port()));
        QVERIFY(extra.isClosed());
    }
    QCOMPARE(m_site.server().server().connectionCount(), 4);
    m_honest.stillTalking(u"while the address is at its cap"_s);

    // A connection that goes makes room for one more.
    first.close();
    QVERIFY(first.waitUntilClosed());
    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 3, networkTimeoutMs);
    std::unique_ptr<RawClient> another;
    QVERIFY(QTest::qWaitFor([&] { // the count is released just after the hub has let it go
        another = std::make_unique<RawClient>();
        return another->open(m_site.server().port());
    }, networkTimeoutMs));
    another.reset();
    second.close();
    QVERIFY(second.waitUntilClosed());
    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 2, networkTimeoutMs);

    // With room again, a new honest device logs in.
    auto laptop = m_site.device(u"alice-laptop"_s, u"alice"_s);
    QVERIFY(laptop->logIn(m_honest.alicePassword)); // its session retries if it came too early
    m_honest.stillTalking(u"after the cap made room"_s);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_PreLogin)
#include "tst_prelogin.moc"

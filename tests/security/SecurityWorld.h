#pragma once

// What the suites of logins, registrations and quotas share: an in-process server on port 0, alice
// and bob as honest contacts of each other (who, unlike HonestPair's, may log in again during a
// test), raw peers from other loopback addresses (another machine to the server), and the check
// that honest clients kept working with nothing lost.

#include "HonestPair.h"

#include "../client/TestNetwork.h"
#include "../common/RawClient.h"

#include "protocol/RecordCbor.h"

#include <QHostAddress>

namespace huiji {

// 127.0.0.0/8 is all loopback: a raw peer bound to 127.0.0.N is at another address to the server.
inline QHostAddress loopback(int n)
{
    return QHostAddress(u"127.0.0.%1"_s.arg(n));
}

inline QString errorCodeOf(const Frame &frame)
{
    return frame.type == wire::error ? frame.body.value(u"code"_s).toString() : QString();
}

class SecurityWorld
{
public:
    bool start(ServerConfig config = {})
    {
        if (!m_site.start(std::move(config)))
            return false;
        alice = m_site.device(u"alice-desktop"_s, u"alice"_s);
        bob = m_site.device(u"bob-pc"_s, u"bob"_s);
        return alice->logIn(alicePassword, true) && bob->logIn(bobPassword, true);
    }
    // start(), and alice and bob become contacts (a test fails when they do not).
    void startWithContacts(ServerConfig config = {})
    {
        QVERIFY(start(std::move(config)));
        makeContacts(*alice, *bob);
    }
    void stop()
    {
        alice.reset();
        bob.reset();
        m_site.stop();
    }

    TestSite &site() { return m_site; }
    quint16 port() { return m_site.server().port(); }

    // A raw peer from `from`, greeted; null when it could not connect.
    std::unique_ptr<RawClient> peer(const QHostAddress &from)
    {
        auto raw = std::make_unique<RawClient>();
        if (!raw->open(port(), from))
            return nullptr;
        const auto greeted = raw->ask({wire::hello, 1, QCborMap{{u"version"_s, FrameCodec::protocolVersion}}});
        if (!greeted || greeted->type != wire::hello)
            return nullptr;
        return raw;
    }
    static Frame login(qint64 requestId, const QString &user, const QByteArray &password)
    {
        return {wire::login, requestId, QCborMap{{u"user"_s, user}, {u"password"_s, QString::fromUtf8(password)}}};
    }

    // `from` sends `text` to `to` through its session and waits until the server stored it and
    // `to` has it in its store, once.
    static bool delivered(TestDevice &from, TestDevice &to, const QString &text)
    {
        QList<QUuid> said;
        HonestPair::say(from, to.profile().user(), text, said);
        return !said.isEmpty() && QTest::qWaitFor([&] {
            return HonestPair::holdsEachOnce(to, from.profile().user(), said);
        }, networkTimeoutMs);
    }
    // The device goes offline and logs in again with the token of its last login.
    static bool reconnectWithToken(TestDevice &device) { return device.goOffline() && device.logIn({}); }
    // alice and bob are online, and a message each way goes through.
    bool honestStillServed(const QString &text)
    {
        return alice->session().state() == Session::State::Online && bob->session().state() == Session::State::Online
               && delivered(*alice, *bob, text + u" (to bob)"_s) && delivered(*bob, *alice, text + u" (to alice)"_s);
    }

    std::unique_ptr<TestDevice> alice, bob;
    const QByteArray alicePassword = testPassword("alice");
    const QByteArray bobPassword = testPassword("bob");

private:
    TestSite m_site;
};

} // namespace huiji

// Direct links (claim 11) against a real in-process server: two devices of different accounts
// talk over a TLS link the server brokered, and what they say never passes through the server;
// a link that drops, or cannot be made, falls back to the relay without losing or repeating a
// message; and a link presenting a wrong ticket, or a peer with another certificate than the one
// the server vouched for, is refused, and one that presents nothing is closed.

#include "DirectWorld.h"

#include "server/modules/LinkRequests.h"
#include "tls/ServerCertificate.h"

#include "protocol/FrameCodec.h"
#include "protocol/RecordCbor.h"

#include <QSslServer>
#include <QSslSocket>
#include <QtEndian>

namespace huiji {

class tst_DirectLink : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void messagesOnALinkNeverPassTheServer();
    void droppedLinkFallsBackToRelay();
    void linksOffMeansRelay();
    void sendingOpensALink();
    void linkOffersAreRateLimited();
    void wrongTicketIsRefused();
    void expiredTicketIsRefused();
    void wrongFingerprintIsRefused();
    void silentPeersOnTheListenerAreClosed();

private:
    // A raw TLS connection to a listener, already encrypted; frames read with `codec`.
    std::unique_ptr<QSslSocket> connectRaw(quint16 port);
    std::optional<Frame> readFrame(QSslSocket &socket, FrameCodec &codec);

    TestSite m_site;
    DirectWorld m_world;
};

void tst_DirectLink::init()
{
    QVERIFY(m_site.start());
}

void tst_DirectLink::cleanup()
{
    m_world.desktop.reset();
    m_world.laptop.reset();
    m_world.phone.reset();
    m_site.stop();
}

std::unique_ptr<QSslSocket> tst_DirectLink::connectRaw(quint16 port)
{
    auto socket = std::make_unique<QSslSocket>();
    QObject::connect(socket.get(), &QSslSocket::sslErrors, socket.get(), [raw = socket.get()] { raw->ignoreSslErrors(); });
    socket->connectToHostEncrypted(u"127.0.0.1"_s, port);
    // Not waitForEncrypted: the listener may run on this very thread.
    if (!QTest::qWaitFor([&] { return socket->isEncrypted(); }, networkTimeoutMs))
        return {};
    return socket;
}

std::optional<Frame> tst_DirectLink::readFrame(QSslSocket &socket, FrameCodec &codec)
{
    std::optional<Frame> frame;
    const bool ended = QTest::qWaitFor([&] {
        codec.append(socket.readAll());
        auto next = codec.next();
        if (next && next->has_value())
            frame = **next;
        return frame.has_value() || socket.state() == QAbstractSocket::UnconnectedState;
    }, networkTimeoutMs);
    if (!ended)
        qWarning("the listener neither answered nor closed");
    return frame;
}

void tst_DirectLink::messagesOnALinkNeverPassTheServer()
{
    m_world.setUp(m_site);
    m_world.openLink();
    const QList<Record> sent = m_world.converse();
    QCOMPARE(sent.size(), 3);
    QList<QUuid> ids;
    for (const Record &record : sent) {
        QVERIFY(!record.id.isNull());
        ids.append(record.id);
    }

    // Both sides have all three, as direct, once; nothing waits in an outbox.
    for (TestDevice *device : {m_world.laptop.get(), m_world.phone.get()}) {
        const QList<StoredRecord> stored = storedRecords(*device);
        QCOMPARE(idsOf(stored), ids);
        for (const StoredRecord &each : stored) {
            QCOMPARE(each.record.arrival, Arrival::Direct);
            QVERIFY(!each.record.serverTime); // never passed a server
        }
        QCOMPARE(device->profile().outbox().count().value_or(-1), 0);
    }
    const QList<StoredRecord> atPhone = storedRecords(*m_world.phone);
    QCOMPARE(atPhone[0].record.direction, Direction::Incoming);
    QCOMPARE(atPhone[0].record.body, u"hello bob"_s);
    QCOMPARE(atPhone[1].record.direction, Direction::Outgoing);
    QCOMPARE(atPhone[0].record.originDevice, m_world.phone->id()); // the device that saw it

    // The server relayed none of them.
    HUIJI_VERIFY_OK(m_world.laptop->ask(wire::contacts)); // a round trip: any send would be in by now
    QCOMPARE(serverHolds(m_site, ids), 0);
    // The laptop keeps them for forwarding (the default policy waits 5 minutes); the phone's
    // account has no storage terminal, so it keeps them too.
    QCOMPARE(m_world.laptop->profile().forwardQueue().count().value_or(-1), 3);
}

void tst_DirectLink::droppedLinkFallsBackToRelay()
{
    m_world.setUp(m_site);
    m_world.openLink();
    const Record first = m_world.sendDirect(*m_world.laptop, u"bob"_s, u"before the drop"_s);
    QVERIFY(!first.id.isNull());

    // The link drops with a message on it that was never acked: the laptop cuts it before the
    // phone's ack can arrive. It goes through the server with the same id.
    QSignalSpy stored(&m_world.laptop->session(), &Session::messageStored);
    QSignalSpy closed(&m_world.laptop->session().links(), &DirectLinks::linkClosed);
    auto cut = m_world.laptop->session().sendMessage(u"bob"_s, u"as the link drops"_s);
    HUIJI_VERIFY_OK(cut);
    QCOMPARE(cut->arrival, Arrival::Direct);
    m_world.laptop->session().links().closeAll();
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.first().at(1).value<QList<QUuid>>(), QList<QUuid>{cut->id});
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QCOMPARE(stored.first().at(0).value<QUuid>(), cut->id);
    // The laptop's conversation shows how each went.
    QCOMPARE(storedRecords(*m_world.laptop).at(0).record.arrival, Arrival::Direct);
    QCOMPARE(storedRecords(*m_world.laptop).at(1).record.arrival, Arrival::Local);

    // With no link, the next message is relayed from the start.
    auto after = m_world.laptop->session().sendMessage(u"bob"_s, u"after the drop"_s);
    HUIJI_VERIFY_OK(after);
    QCOMPARE(after->arrival, Arrival::Local);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 2, networkTimeoutMs);

    // The phone has each message once, whichever way it came.
    const QList<QUuid> expected{first.id, cut->id, after->id};
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_world.phone).size(), 3, networkTimeoutMs);
    HUIJI_VERIFY_OK(m_world.phone->ask(wire::contacts)); // any duplicate delivery would be in by now
    QCOMPARE(idsOf(storedRecords(*m_world.phone)), expected);
    QCOMPARE(storedRecords(*m_world.phone).at(2).record.arrival, Arrival::Relayed);
    QCOMPARE(m_world.laptop->profile().outbox().count().value_or(-1), 0);

    // The terminal: the relayed two now, the direct one once the laptop forwards it; each once.
    HUIJI_VERIFY_OK(m_world.laptop->ask(wire::forwardingSet, QCborMap{{u"mode"_s, u"at-once"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(m_world.laptop->profile().forwardQueue().count().value_or(-1), 0, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_world.desktop).size(), 3, networkTimeoutMs);
    HUIJI_VERIFY_OK(m_world.desktop->ask(wire::contacts));
    QCOMPARE(idsOf(storedRecords(*m_world.desktop)), expected);
}

void tst_DirectLink::linksOffMeansRelay()
{
    m_world.setUp(m_site, false);
    QVERIFY(m_world.phone->session().links().announcement().isEmpty()); // no listener
    QSignalSpy failed(&m_world.laptop->session().links(), &DirectLinks::linkFailed);
    m_world.laptop->session().links().open(u"bob"_s);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, networkTimeoutMs);
    QCOMPARE(failed.first().at(1).value<Error>().code, ErrorCode::NotFound);
    QVERIFY(!m_world.laptop->session().links().isOpen(u"bob"_s));

    QSignalSpy stored(&m_world.laptop->session(), &Session::messageStored);
    auto written = m_world.laptop->session().sendMessage(u"bob"_s, u"through the server"_s);
    HUIJI_VERIFY_OK(written);
    QCOMPARE(written->arrival, Arrival::Local);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_world.phone).size(), 1, networkTimeoutMs);
    QCOMPARE(storedRecords(*m_world.phone).first().record.arrival, Arrival::Relayed);
    QCOMPARE(serverHolds(m_site, {written->id}), 1);
    QCOMPARE(m_world.laptop->profile().forwardQueue().count().value_or(-1), 0); // relayed: nothing to forward
    // Sending asked for no second link: the one that failed a moment ago would fail again.
    QCOMPARE(failed.size(), 1);

    // Turned on, the phone listens from its next login and a link can be made.
    HUIJI_VERIFY_OK(m_world.phone->session().setDirectLinks(true));
    QVERIFY(m_world.phone->goOffline());
    QVERIFY(m_world.phone->logIn(m_world.bobPassword));
    m_world.openLink();
}

void tst_DirectLink::sendingOpensALink()
{
    m_world.setUp(m_site);
    // No link yet: the first message goes through the server and asks for a link for the next.
    QSignalSpy opened(&m_world.laptop->session().links(), &DirectLinks::linkOpened);
    auto first = m_world.laptop->session().sendMessage(u"bob"_s, u"first, through the server"_s);
    HUIJI_VERIFY_OK(first);
    QCOMPARE(first->arrival, Arrival::Local);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_world.phone->session().links().isOpen(u"alice"_s), networkTimeoutMs);
    const Record second = m_world.sendDirect(*m_world.laptop, u"bob"_s, u"second, direct"_s);
    QCOMPARE(second.arrival, Arrival::Direct);

    // Asking again while the link is open makes no second one.
    m_world.laptop->session().links().open(u"bob"_s);
    HUIJI_VERIFY_OK(m_world.laptop->ask(wire::contacts)); // a round trip: an offer would be answered
    QCOMPARE(opened.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_world.phone).size(), 2, networkTimeoutMs);
    QCOMPARE(idsOf(storedRecords(*m_world.phone)), (QList<QUuid>{first->id, second.id}));
    QCOMPARE(serverHolds(m_site, {first->id, second.id}), 1); // the first only
}

void tst_DirectLink::linkOffersAreRateLimited()
{
    m_world.setUp(m_site, false);
    for (int offer = 0; offer < LinkRequests::maxOffersPerMinute; ++offer) {
        auto answer = m_world.laptop->ask(wire::linkOffer, QCborMap{{u"contact"_s, u"bob"_s}});
        QVERIFY(!answer);
        QCOMPARE(answer.error().code, ErrorCode::NotFound); // bob takes no links
    }
    auto limited = m_world.laptop->ask(wire::linkOffer, QCborMap{{u"contact"_s, u"bob"_s}});
    QVERIFY(!limited);
    QCOMPARE(limited.error().code, ErrorCode::RateLimited);
    // The count is the connection's: alice's desktop still gets an answer.
    auto other = m_world.desktop->ask(wire::linkOffer, QCborMap{{u"contact"_s, u"bob"_s}});
    QVERIFY(!other);
    QCOMPARE(other.error().code, ErrorCode::NotFound);
}

void tst_DirectLink::wrongTicketIsRefused()
{
    m_world.setUp(m_site);
    const auto port = static_cast<quint16>(m_world.phone->session().links().announcement().value(u"port"_s).toInteger());
    QVERIFY(port != 0);
    QSignalSpy refused(&m_world.phone->session().links(), &DirectLinks::refused);
    auto socket = connectRaw(port);
    QVERIFY(socket);
    socket->write(FrameCodec::encode({wire::linkHello, 1,
                                      QCborMap{{u"version"_s, FrameCodec::protocolVersion},
                                               {u"ticket"_s, u"00112233445566778899aabbccddeeff"_s},
                                               {u"user"_s, u"alice"_s}, {u"device"_s, m_world.laptop->id()}}}));
    // The phone waits for the ticket from the server for a while; none comes, so it refuses.
    m_world.phone->session().links().expectTicket(QCborMap{{u"ticket"_s, u"another"_s}, {u"user"_s, u"alice"_s},
                                                             {u"device"_s, m_world.laptop->id()},
                                                             {u"expires"_s, QDateTime::currentMSecsSinceEpoch() + 60'000}});
    FrameCodec codec;
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, DirectLinks::ticketWaitMs + networkTimeoutMs);
    const std::optional<Frame> answer = readFrame(*socket, codec);
    QVERIFY(answer);
    QCOMPARE(answer->type, wire::error);
    QCOMPARE(wire::errorOf(*answer).code, ErrorCode::Forbidden);
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, networkTimeoutMs);
    QVERIFY(!m_world.phone->session().links().isOpen(u"alice"_s));

    // A message frame without a hello is refused too, and nothing is stored.
    auto second = connectRaw(port);
    QVERIFY(second);
    const Record record = aliceToBob(u"sneaking in"_s, m_world.laptop->id());
    second->write(FrameCodec::encode({wire::linkMessage, 1, QCborMap{{u"record"_s, RecordCbor::toCbor(record)}}}));
    FrameCodec secondCodec;
    const std::optional<Frame> refusal = readFrame(*second, secondCodec);
    QVERIFY(refusal);
    QCOMPARE(wire::errorOf(*refusal).code, ErrorCode::NotLoggedIn);
    QVERIFY(storedRecords(*m_world.phone).isEmpty());
}

void tst_DirectLink::expiredTicketIsRefused()
{
    m_world.setUp(m_site);
    // The phone's clock is past every ticket's expiry: the link the server brokered is refused
    // and the laptop learns why.
    m_world.phone->session().links().setClock([] { return QDateTime::currentMSecsSinceEpoch() + 3'600'000; });
    QSignalSpy failed(&m_world.laptop->session().links(), &DirectLinks::linkFailed);
    m_world.laptop->session().links().open(u"bob"_s);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, networkTimeoutMs);
    QCOMPARE(failed.first().at(1).value<Error>().code, ErrorCode::Forbidden);
    QVERIFY(!m_world.laptop->session().links().isOpen(u"bob"_s));

    // A ticket is used once: with the clock right again, a new offer is needed and works.
    m_world.phone->session().links().setClock({});
    m_world.openLink();
    const Record record = m_world.sendDirect(*m_world.laptop, u"bob"_s, u"with a fresh ticket"_s);
    QVERIFY(!record.id.isNull());
}

void tst_DirectLink::wrongFingerprintIsRefused()
{
    m_world.setUp(m_site);
    // An impostor listens where bob's phone is announced; the test logs bob's phone in by hand so
    // that the server vouches for the real phone's fingerprint but names the impostor's port.
    QTemporaryDir keys;
    auto impostorIdentity = ServerCertificate::loadOrCreate(keys.filePath(u"c.pem"_s), keys.filePath(u"k.pem"_s),
                                                            u"impostor"_s);
    HUIJI_VERIFY_OK(impostorIdentity);
    QSslServer impostor;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(impostorIdentity->certificate());
    tls.setPrivateKey(impostorIdentity->privateKey());
    impostor.setSslConfiguration(tls);
    QVERIFY(impostor.listen(QHostAddress::LocalHost, 0));
    QByteArray heard;
    QObject::connect(&impostor, &QSslServer::pendingConnectionAvailable, &impostor, [&] {
        while (QTcpSocket *socket = impostor.nextPendingConnection())
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [&heard, socket] { heard += socket->readAll(); });
    });

    const QString vouched = m_world.phone->session().links().announcement().value(u"fingerprint"_s).toString();
    QVERIFY(!vouched.isEmpty());
    QVERIFY(m_world.phone->goOffline());
    auto socket = connectRaw(m_site.server().port());
    QVERIFY(socket);
    FrameCodec codec;
    const auto exchange = [&](const QString &type, const QCborMap &body) {
        socket->write(FrameCodec::encode({type, 1, body}));
        return readFrame(*socket, codec);
    };
    QCOMPARE(exchange(wire::hello, {{u"version"_s, FrameCodec::protocolVersion}, {u"client"_s, u"test"_s}})->type, wire::hello);
    QCOMPARE(exchange(wire::login, {{u"user"_s, u"bob"_s}, {u"password"_s, QString::fromUtf8(m_world.bobPassword)}})->type,
             wire::login);
    const QCborMap direct{{u"port"_s, impostor.serverPort()}, {u"fingerprint"_s, vouched}};
    QCOMPARE(exchange(wire::device, {{u"id"_s, m_world.phone->id()}, {u"name"_s, u"phone"_s}, {u"platform"_s, u"test"_s},
                                     {u"macHash"_s, u"0"_s}, {u"direct"_s, direct}})->type,
             wire::device);

    QSignalSpy failed(&m_world.laptop->session().links(), &DirectLinks::linkFailed);
    m_world.laptop->session().links().open(u"bob"_s);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, networkTimeoutMs);
    QCOMPARE(failed.first().at(1).value<Error>().code, ErrorCode::CertificateChanged);
    QVERIFY(!m_world.laptop->session().links().isOpen(u"bob"_s));
    QVERIFY(heard.isEmpty()); // the ticket was never presented to the impostor

    // The message goes through the server instead.
    QSignalSpy stored(&m_world.laptop->session(), &Session::messageStored);
    auto written = m_world.laptop->session().sendMessage(u"bob"_s, u"not to the impostor"_s);
    HUIJI_VERIFY_OK(written);
    QCOMPARE(written->arrival, Arrival::Local);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
}

void tst_DirectLink::silentPeersOnTheListenerAreClosed()
{
    m_world.setUp(m_site);
    const auto port = static_cast<quint16>(m_world.phone->session().links().announcement().value(u"port"_s).toInteger());
    QVERIFY(port != 0);

    // Connections to the phone's listener that finish the handshake and never present a ticket,
    // and one whose first frame is far over what a link-hello needs.
    std::vector<std::unique_ptr<QSslSocket>> silent;
    for (int index = 0; index < 5; ++index) {
        silent.push_back(connectRaw(port));
        QVERIFY(silent.back());
    }
    auto oversized = connectRaw(port);
    QVERIFY(oversized);
    QByteArray header(FrameCodec::headerSize, Qt::Uninitialized);
    qToBigEndian(static_cast<quint32>(DirectLinks::maxFrameSizeBeforeHello + 1), header.data());
    oversized->write(header);
    QTRY_COMPARE_WITH_TIMEOUT(oversized->state(), QAbstractSocket::UnconnectedState, networkTimeoutMs);

    // Meanwhile a brokered link opens and carries messages both ways.
    m_world.openLink();
    const QList<Record> sent = m_world.converse();
    QCOMPARE(sent.size(), 3);

    // The silent ones are closed; the brokered link is not, and nothing said on it was lost.
    for (const auto &socket : silent)
        QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState,
                                  DirectLinks::helloWaitMs + networkTimeoutMs);
    QVERIFY(m_world.phone->session().links().isOpen(u"alice"_s));
    const Record after = m_world.sendDirect(*m_world.laptop, u"bob"_s, u"after the silent ones went"_s);
    QVERIFY(!after.id.isNull());
    QList<QUuid> ids;
    for (const Record &record : sent + QList<Record>{after})
        ids.append(record.id);
    QCOMPARE(idsOf(storedRecords(*m_world.laptop)), ids);
    QCOMPARE(idsOf(storedRecords(*m_world.phone)), ids);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_DirectLink)
#include "tst_directlink.moc"

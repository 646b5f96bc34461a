#pragma once

// huijid killed in the middle of a login, for the tests of what a client does then: it listens
// where the in-process server listened, with that server's certificate (so the client's pin
// holds), answers `hello` as huijid does, and drops the connection and stops listening as soon as
// a frame of the type it dies at has arrived, before answering it. Header-only, like TestNetwork.h.

#include "TestNetwork.h"

#include "tls/ServerCertificate.h"

#include "protocol/FrameCodec.h"

#include <QDir>
#include <QSslServer>

namespace huiji {

class DyingServer
{
public:
    // Listens on the stopped server's address and port; false when it cannot.
    bool listen(TestServer &stopped, const QString &diesAt)
    {
        m_diesAt = diesAt;
        m_hello = stopped.config().limits().toCbor();
        const QDir data(stopped.config().dataDirectory);
        auto identity = ServerCertificate::loadOrCreate(data.filePath(u"server.crt"_s), data.filePath(u"server.key"_s),
                                                        u"localhost"_s);
        if (!identity) {
            qWarning("cannot read the server's certificate: %s", qPrintable(identity.error().message));
            return false;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(identity->certificate());
        tls.setPrivateKey(identity->privateKey());
        m_server.setSslConfiguration(tls);
        QObject::connect(&m_server, &QSslServer::pendingConnectionAvailable, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { read(*socket); });
        });
        return m_server.listen(stopped.config().address, stopped.port());
    }

    bool died() const { return m_died; }
    QStringList heard() const { return m_heard; } // the types of the frames that came, in order

private:
    void read(QTcpSocket &socket)
    {
        if (m_died)
            return;
        m_codec.append(socket.readAll());
        for (auto next = m_codec.next(); next && next->has_value(); next = m_codec.next()) {
            const Frame &frame = **next;
            m_heard.append(frame.type);
            if (frame.type == m_diesAt) {
                socket.abort();
                m_server.close();
                m_died = true;
                return;
            }
            if (frame.type == wire::hello)
                socket.write(FrameCodec::encode({wire::hello, frame.requestId, m_hello}));
        }
    }

    QSslServer m_server;
    FrameCodec m_codec;
    QString m_diesAt;
    QCborMap m_hello;
    QStringList m_heard;
    bool m_died = false;
};

} // namespace huiji

#include "TlsEcho.h"

#include <QSslSocket>

namespace huiji::bench {

TlsEcho::TlsEcho(QSslConfiguration tls) : m_tls(std::move(tls)) {}

void TlsEcho::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(m_tls);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    m_codecs.insert(socket, FrameCodec());
    connect(socket, &QSslSocket::readyRead, this, [this, socket] { echo(socket); });
    connect(socket, &QSslSocket::disconnected, this, [this, socket] {
        m_codecs.remove(socket);
        socket->deleteLater();
    });
    socket->startServerEncryption();
}

void TlsEcho::echo(QSslSocket *socket)
{
    FrameCodec &codec = m_codecs[socket];
    codec.append(socket->readAll());
    for (;;) {
        auto next = codec.next();
        if (!next) {
            socket->abort();
            return;
        }
        if (!next->has_value())
            return;
        socket->write(FrameCodec::encode(**next));
    }
}

} // namespace huiji::bench

#include "server/Connection.h"

#include "server/Hub.h"
#include "server/ServerLog.h"

#include "protocol/Wire.h"

#include <QSslSocket>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int closeGraceMs = 5'000; // time for an error frame to leave before the socket is cut

} // namespace

Connection::Connection(quint64 id, qintptr descriptor, const QSslConfiguration &tls, Limits limits, Hub &hub,
                       QObject *parent)
    : QObject(parent), m_id(id), m_limits(limits), m_hub(hub), m_socket(new QSslSocket(this)),
      m_codec(limits.maxFrameSize)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (!m_announced) {
            qCInfo(lcServerNet) << "connection" << m_id << "did not finish the TLS handshake in time";
            m_socket->abort();
        } else {
            refuse({ErrorCode::MalformedFrame, u"a frame began but did not arrive whole within %1 ms"_s
                                                   .arg(m_limits.frameTimeoutMs)});
        }
    });
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        m_deadline.stop();
        m_announced = true;
        m_hub.connectionOpened(m_id, this, m_socket->peerAddress().toString());
        onReadyRead(); // bytes that came with the end of the handshake
    });
    connect(m_socket, &QSslSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        qCDebug(lcServerNet) << "connection" << m_id << m_socket->errorString();
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    m_socket->setSslConfiguration(tls);
    if (!m_socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcServerNet) << "could not take connection" << m_id << m_socket->errorString();
        QMetaObject::invokeMethod(this, &Connection::onDisconnected, Qt::QueuedConnection);
        return;
    }
    m_deadline.start(m_limits.handshakeTimeoutMs);
    m_socket->startServerEncryption();
}

Connection::~Connection()
{
    // Going away with the server: nobody is to be told any more.
    m_socket->disconnect(this);
}

void Connection::sendFrames(const QList<Frame> &frames)
{
    if (m_closing)
        return;
    for (const Frame &frame : frames)
        m_socket->write(FrameCodec::encode(frame));
}

void Connection::closeWith(const Frame &error)
{
    if (m_closing)
        return;
    m_closing = true;
    m_deadline.stop();
    m_socket->write(FrameCodec::encode(error));
    m_socket->disconnectFromHost(); // after what is written has gone
    QTimer::singleShot(closeGraceMs, m_socket, [socket = m_socket] { socket->abort(); });
}

void Connection::refuse(const Error &error)
{
    qCInfo(lcServerNet) << "connection" << m_id << "from" << m_socket->peerAddress().toString() << "refused:"
                        << error.message;
    closeWith(wire::errorFrame(0, error));
}

void Connection::onReadyRead()
{
    if (!m_announced || m_closing)
        return;
    m_codec.append(m_socket->readAll());
    for (;;) {
        auto next = m_codec.next();
        if (!next) {
            refuse(next.error());
            return;
        }
        if (!next->has_value())
            break;
        m_hub.frameReceived(m_id, **next);
    }
    // A client that stalls halfway through a frame must not hold its buffer for ever.
    if (m_codec.buffered() > 0) {
        if (!m_deadline.isActive())
            m_deadline.start(m_limits.frameTimeoutMs);
    } else {
        m_deadline.stop();
    }
}

void Connection::onDisconnected()
{
    m_deadline.stop();
    m_socket->disconnect(this);
    if (m_announced)
        m_hub.connectionClosed(m_id); // the hub deletes this connection
    else
        deleteLater();
}

} // namespace huiji

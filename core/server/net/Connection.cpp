#include "server/net/Connection.h"

#include "server/net/ConnectionLedger.h"
#include "server/engine/Hub.h"
#include "server/ServerLog.h"

#include "protocol/Wire.h"

#include <QSslSocket>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int closeGraceMs = 5'000; // time for an error frame to leave before the socket is cut

} // namespace

Connection::Connection(quint64 id, qintptr descriptor, const QSslConfiguration &tls, Limits limits,
                       ConnectionLedger &ledger, Hub &hub, QObject *parent)
    : QObject(parent), m_id(id), m_limits(limits), m_ledger(ledger), m_hub(hub), m_socket(new QSslSocket(this)),
      m_codec(limits.maxFrameSizeBeforeLogin)
{
    if (!m_socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcServerNet) << "could not take connection" << m_id << m_socket->errorString();
        deleteLater();
        return;
    }
    // Counted before the handshake, which is what a flood of connections costs most.
    const QHostAddress key = ConnectionLedger::keyOf(m_socket->peerAddress());
    if (!m_ledger.admit(key)) {
        qCInfo(lcServerNet) << "refused connection" << m_id << "from" << m_socket->peerAddress().toString()
                            << ": it has as many open as one address may";
        m_socket->abort();
        deleteLater();
        return;
    }
    m_addressKey = key;

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
    m_watch.setSingleShot(true);
    connect(&m_watch, &QTimer::timeout, this, &Connection::onWatch);
    m_stall.setSingleShot(true);
    connect(&m_stall, &QTimer::timeout, this, [this] {
        if (std::exchange(m_moved, false))
            m_stall.start(m_limits.pingTimeoutMs);
        else if (unsent() > 0)
            cutOff(u"read none of its %1 waiting bytes within %2 ms"_s.arg(unsent()).arg(m_limits.pingTimeoutMs));
    });
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        m_deadline.stop();
        m_announced = true;
        m_hub.connectionOpened(m_id, this, m_socket->peerAddress().toString());
        onReadyRead(); // bytes that came with the end of the handshake
    });
    connect(m_socket, &QSslSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &Connection::onWritten);
    connect(m_socket, &QSslSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        qCDebug(lcServerNet) << "connection" << m_id << m_socket->errorString();
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    m_socket->setSslConfiguration(tls);
    m_deadline.start(m_limits.handshakeTimeoutMs);
    m_watch.start(m_limits.loginTimeoutMs); // from accept: a login cannot be spread over minutes
    m_socket->startServerEncryption();
}

Connection::~Connection()
{
    // Going away with the server: nobody is to be told any more.
    m_socket->disconnect(this);
    if (!m_addressKey.isNull())
        m_ledger.release(m_addressKey);
}

qint64 Connection::unsent() const
{
    // Plain bytes not yet encrypted, and encrypted ones the kernel has not taken.
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

bool Connection::write(const QByteArray &bytes)
{
    // A frame always goes when nothing waits before it: the largest one gets through alone.
    const qint64 before = unsent();
    const qint64 waiting = before + bytes.size();
    if (before > 0 && waiting > m_limits.maxUnsentBytes) {
        cutOff(u"would have %1 bytes waiting unread, over the limit of %2"_s.arg(waiting).arg(m_limits.maxUnsentBytes));
        return false;
    }
    m_socket->write(bytes);
    m_ledger.noteUnsent(waiting);
    if (!m_stall.isActive())
        m_stall.start(m_limits.pingTimeoutMs);
    return true;
}

void Connection::onWritten()
{
    m_moved = true;
    const qint64 waiting = unsent();
    if (waiting == 0)
        m_stall.stop();
    if (m_backedUp && waiting <= m_limits.maxUnsentBytes / 8) {
        m_backedUp = false;
        m_hub.connectionWrote(m_id, 0, false);
    }
}

void Connection::sendFrames(const QList<Frame> &frames)
{
    if (m_closing)
        return;
    int deliveries = 0;
    for (const Frame &frame : frames) {
        if (!write(FrameCodec::encode(frame)))
            return;
        if (frame.type == wire::deliver)
            ++deliveries;
    }
    // Deliveries wait while a quarter of the bound is unread, so that what the server sends on
    // its own never takes a slow but reading peer to the bound.
    const bool backedUp = unsent() > m_limits.maxUnsentBytes / 4;
    if (deliveries > 0 || backedUp != m_backedUp) {
        m_backedUp = backedUp;
        m_hub.connectionWrote(m_id, deliveries, backedUp);
    }
}

void Connection::closeWith(const Frame &error)
{
    if (m_closing)
        return;
    m_closing = true;
    m_deadline.stop();
    m_watch.stop();
    m_stall.stop();
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

void Connection::cutOff(const QString &why)
{
    qCInfo(lcServerNet) << "cutting off connection" << m_id << "from" << m_socket->peerAddress().toString() << ":"
                        << why;
    m_closing = true;
    m_socket->abort();
    onDisconnected();
}

void Connection::loggedIn()
{
    if (m_closing || m_loggedIn)
        return;
    m_loggedIn = true;
    m_codec.setMaxFrameSize(m_limits.maxFrameSize);
    m_heard.start();
    m_watch.start(m_limits.idleTimeoutMs);
}

void Connection::onWatch()
{
    if (m_closing)
        return;
    if (!m_loggedIn) {
        if (m_announced)
            refuse({ErrorCode::NotLoggedIn, u"log in within %1 s of connecting"_s.arg(m_limits.loginTimeoutMs / 1000.0)});
        else
            cutOff(u"no TLS handshake and login within %1 ms"_s.arg(m_limits.loginTimeoutMs));
        return;
    }
    // Anything heard since a ping is its answer (onReadyRead clears m_pinged); a peer silent for
    // an idle time since then is pinged again.
    const qint64 silent = m_heard.elapsed();
    if (silent < m_limits.idleTimeoutMs) {
        m_watch.start(static_cast<int>(m_limits.idleTimeoutMs - silent));
    } else if (!m_pinged) {
        m_pinged = true;
        if (write(FrameCodec::encode({wire::ping, 0, {}})))
            m_watch.start(m_limits.pingTimeoutMs);
    } else {
        refuse({ErrorCode::NetworkFailure, u"no answer to a ping within %1 s"_s.arg(m_limits.pingTimeoutMs / 1000.0)});
    }
}

void Connection::onReadyRead()
{
    if (!m_announced || m_closing)
        return;
    m_heard.start();
    m_pinged = false;
    m_codec.append(m_socket->readAll());
    for (;;) {
        const qsizetype before = m_codec.buffered();
        auto next = m_codec.next();
        if (!next) {
            refuse(next.error());
            return;
        }
        if (!next->has_value())
            break;
        if (!m_loggedIn && ++m_frames > m_limits.framesBeforeLogin) {
            refuse({ErrorCode::RateLimited, u"more than %1 frames before login"_s.arg(m_limits.framesBeforeLogin)});
            return;
        }
        // A pong only shows the peer is there, which hearing it has shown already.
        if ((*next)->type != wire::pong)
            m_hub.frameReceived(m_id, **next, before - m_codec.buffered());
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
    if (std::exchange(m_gone, true))
        return;
    m_deadline.stop();
    m_watch.stop();
    m_stall.stop();
    m_socket->disconnect(this);
    if (m_announced)
        m_hub.connectionClosed(m_id); // the hub deletes this connection
    else
        deleteLater();
}

} // namespace huiji

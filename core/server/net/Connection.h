#pragma once

#include "protocol/Frame.h"
#include "protocol/FrameCodec.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

class QSslSocket;

namespace huiji {

class ConnectionLedger;
class Hub;

// One client's TLS socket on a worker thread: bytes to frames and frames to bytes, and what one
// peer may cost the server on the way (issue 13). Until its device step is done a connection has
// a deadline, a small frame limit and a budget of frames; after it, a silent one is pinged and
// closed, and one that stops reading what it is sent is cut off, its held records kept for its
// next login. It tells the hub about itself once the handshake is done; from then on only the hub
// deletes it (after connectionClosed), so the hub never posts to a connection that is gone.
class Connection : public QObject
{
    Q_OBJECT

public:
    struct Limits {
        qsizetype maxFrameSize;
        qsizetype maxFrameSizeBeforeLogin;
        int framesBeforeLogin;
        int handshakeTimeoutMs;
        int loginTimeoutMs;
        int frameTimeoutMs;
        int idleTimeoutMs;
        int pingTimeoutMs;
        qint64 maxUnsentBytes;
    };

    Connection(quint64 id, qintptr descriptor, const QSslConfiguration &tls, Limits limits, ConnectionLedger &ledger,
               Hub &hub, QObject *parent);
    ~Connection() override;

    // Called on this connection's thread (the hub posts them).
    void sendFrames(const QList<Frame> &frames);
    void closeWith(const Frame &error);
    void loggedIn(); // the device step is done: the login limits give way to the idle check

private:
    void onReadyRead();
    void onDisconnected();
    void onWatch();
    void onWritten();
    void refuse(const Error &error); // an error frame, then close
    void cutOff(const QString &why); // at once, without a word: the peer is not reading
    bool write(const QByteArray &bytes);
    qint64 unsent() const;

    quint64 m_id;
    Limits m_limits;
    ConnectionLedger &m_ledger;
    Hub &m_hub;
    QSslSocket *m_socket;
    QHostAddress m_addressKey; // counted in the ledger while this connection lives; null when not
    FrameCodec m_codec;
    QTimer m_deadline; // the handshake's, then that of a frame that has begun
    QTimer m_watch;    // the login deadline, then the idle check
    QTimer m_stall;    // output is waiting: it must move within a ping timeout
    QElapsedTimer m_heard; // since the peer last sent anything
    int m_frames = 0;      // frames received before login
    bool m_announced = false;
    bool m_loggedIn = false;
    bool m_pinged = false;
    bool m_moved = false;     // some waiting output went out since m_stall started
    bool m_backedUp = false;  // the hub was told to hold deliveries back
    bool m_closing = false;
    bool m_gone = false;
};

} // namespace huiji

#pragma once

#include "protocol/Frame.h"
#include "protocol/FrameCodec.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

class QSslSocket;

namespace huiji {

class Hub;

// One client's TLS socket on a worker thread: bytes to frames and frames to bytes, nothing else.
// It tells the hub about itself once the handshake is done; from then on only the hub deletes it
// (after connectionClosed), so the hub never posts to a connection that is gone.
class Connection : public QObject
{
    Q_OBJECT

public:
    struct Limits {
        qsizetype maxFrameSize;
        int handshakeTimeoutMs;
        int frameTimeoutMs;
    };

    Connection(quint64 id, qintptr descriptor, const QSslConfiguration &tls, Limits limits, Hub &hub,
               QObject *parent);
    ~Connection() override;

    // Called on this connection's thread (the hub posts them).
    void sendFrames(const QList<Frame> &frames);
    void closeWith(const Frame &error);

private:
    void onReadyRead();
    void onDisconnected();
    void refuse(const Error &error); // an error frame, then close

    quint64 m_id;
    Limits m_limits;
    Hub &m_hub;
    QSslSocket *m_socket;
    FrameCodec m_codec;
    QTimer m_deadline; // the handshake's, then that of a frame that has begun
    bool m_announced = false;
    bool m_closing = false;
};

} // namespace huiji

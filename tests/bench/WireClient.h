#pragma once

#include "protocol/DeviceInfo.h"
#include "protocol/Error.h"
#include "protocol/Frame.h"
#include "protocol/FrameCodec.h"

#include <QCborMap>
#include <QHash>
#include <QSslCertificate>

#include <functional>
#include <memory>

class QSslSocket;

namespace huiji::bench {

// One device on a raw TLS socket that speaks frames itself (docs/protocol.md). Session would
// bring a store, an outbox and retries per device, too heavy for thousands in one process; this
// is what a load generator needs and no more. Of the certificate checks only the one a
// self-signed server certificate fails is skipped, and only for that certificate.
class WireClient
{
public:
    using Reply = std::function<void(const Frame &answer)>; // the answer or an `error` frame
    struct Login {
        QString user;
        QByteArray password; // empty: log in with the token
        QString token;
        bool createAccount = false;
        DeviceInfo device;
    };

    // The socket belongs to the calling thread; use the client from that thread only. With
    // lowDelay the socket sends at once (TCP_NODELAY); Session does not, so by default neither does this.
    explicit WireClient(const QSslCertificate &serverCertificate, bool lowDelay = false);
    ~WireClient();
    WireClient(const WireClient &) = delete;
    WireClient &operator=(const WireClient &) = delete;

    void connectTo(quint16 port, std::function<void()> encrypted);
    // Connects and logs in: hello, register when asked, login, device. `done` gets the device's
    // credential (the one given, or the one the password login issued) or why it failed.
    void logIn(quint16 port, const Login &login, std::function<void(Result<QString>)> done);

    void request(const QString &type, const QCborMap &body, Reply reply);
    void push(const QString &type, const QCborMap &body); // a frame without an answer: ack
    // Frames the server sends on its own (request id 0): deliver, presence, contact, terminal.
    void setPushHandler(std::function<void(const Frame &)> handler) { m_pushHandler = std::move(handler); }
    // The connection is gone or sent what is not a frame; requests still open get an error first.
    void setFailureHandler(std::function<void(const QString &)> handler) { m_failureHandler = std::move(handler); }
    void close();

private:
    void onReadyRead();
    void abandon(const QString &why);

    std::unique_ptr<QSslSocket> m_socket;
    FrameCodec m_codec;
    qint64 m_nextRequest = 1;
    QHash<qint64, Reply> m_replies;
    std::function<void()> m_encrypted;
    std::function<void(const Frame &)> m_pushHandler;
    std::function<void(const QString &)> m_failureHandler;
    bool m_failed = false;
};

} // namespace huiji::bench

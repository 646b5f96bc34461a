#pragma once

// A client that speaks frames by hand over TLS, for the tests that attack a real in-process server
// with what Session never would send. Header-only, like TestNetwork.h.

#include "protocol/FrameCodec.h"
#include "protocol/Wire.h"

#include <QHostAddress>
#include <QSslSocket>
#include <QTest>

#include <algorithm>
#include <optional>
#include <utility>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

// Frames by hand: anything a hostile peer could say, and what the server answers to it.
class RawClient
{
public:
    RawClient()
    {
        // The test server's certificate is self-signed; this client trusts whatever it presents.
        QObject::connect(&m_socket, &QSslSocket::sslErrors, &m_socket,
                         [this](const QList<QSslError> &) { m_socket.ignoreSslErrors(); });
        QObject::connect(&m_socket, &QSslSocket::readyRead, &m_socket, [this] { read(); });
        QObject::connect(&m_socket, &QSslSocket::disconnected, &m_socket, [this] {
            read();
            m_closed = true;
        });
    }

    ~RawClient()
    {
        // The socket outlives the codec and the frame list (members go in reverse order) and says
        // disconnected as it goes: nobody is to hear it any more.
        QObject::disconnect(&m_socket, nullptr, nullptr, nullptr);
        m_socket.abort();
    }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    // False as soon as the server closes the connection instead (past a per-address cap, say).
    // Connects from `from` when given (another loopback address, 127.0.0.2 say, is another peer
    // to the server), else from wherever the system chooses.
    bool open(quint16 port, const QHostAddress &from = {})
    {
        if (!from.isNull() && !m_socket.bind(from))
            return false;
        m_socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        return QTest::qWaitFor([&] { return m_socket.isEncrypted() || m_closed; }, timeoutMs)
               && m_socket.isEncrypted();
    }
    // Connects and logs in as `user`'s device `deviceId`.
    bool openAs(quint16 port, const QString &user, const QByteArray &password, const QString &deviceId)
    {
        return open(port) && logIn(user, password, deviceId);
    }

    // hello, login with a password and the device step, as a device of `user` with this id; the
    // answer to the device step, or nothing when a step was refused.
    std::optional<QCborMap> logIn(const QString &user, const QByteArray &password, const QString &deviceId)
    {
        hello(1);
        const std::optional<Frame> greeted = next();
        if (!greeted || greeted->type != wire::hello)
            return std::nullopt;
        send({wire::login, 2, QCborMap{{u"user"_s, user}, {u"password"_s, QString::fromUtf8(password)}}});
        const std::optional<Frame> loggedIn = next();
        if (!loggedIn || loggedIn->type != wire::login)
            return std::nullopt;
        send({wire::device, 3, QCborMap{{u"id"_s, deviceId}, {u"name"_s, deviceId}, {u"platform"_s, u"raw"_s}}});
        const std::optional<Frame> known = next();
        if (!known || known->type != wire::device)
            return std::nullopt;
        return known->body;
    }

    // The answer to a request, skipping the pushes that came before it.
    std::optional<Frame> answerTo(qint64 requestId)
    {
        for (;;) {
            std::optional<Frame> frame = next();
            if (!frame || frame->requestId == requestId)
                return frame;
        }
    }

    // Sends a request and waits for its answer.
    std::optional<Frame> ask(const Frame &request)
    {
        send(request);
        return answerTo(request.requestId);
    }
    // Sends a request with an id of its own and waits for its answer (an `error` frame with its id,
    // or its own type), leaving the pushes to next(); nothing when the connection closed first.
    std::optional<Frame> ask(const QString &type, const QCborMap &body = {})
    {
        const qint64 id = ++m_lastRequest;
        send({type, id, body});
        const auto answered = [&] {
            return std::ranges::find_if(m_frames, [&](const Frame &frame) { return frame.requestId == id; });
        };
        if (!QTest::qWaitFor([&] { return answered() != m_frames.end() || m_closed; }, timeoutMs)
            || answered() == m_frames.end())
            return std::nullopt;
        const Frame answer = *answered();
        m_frames.erase(answered());
        return answer;
    }

    void send(const Frame &frame) { sendBytes(FrameCodec::encode(frame)); }
    void sendBytes(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    void hello(qint64 requestId, qint64 version = FrameCodec::protocolVersion)
    {
        send({wire::hello, requestId, QCborMap{{u"version"_s, version}, {u"client"_s, u"raw"_s}}});
    }

    // The next frame the server sent, waiting for it; nothing when none came.
    std::optional<Frame> next()
    {
        if (!QTest::qWaitFor([&] { return !m_frames.isEmpty(); }, timeoutMs))
            return std::nullopt;
        return m_frames.takeFirst();
    }
    // The next frame of this type, skipping (and dropping) others.
    std::optional<Frame> nextOf(const QString &type)
    {
        while (std::optional<Frame> frame = next())
            if (frame->type == type)
                return frame;
        return std::nullopt;
    }
    // Frames read and not taken yet.
    QList<Frame> &frames() { return m_frames; }
    // What has come and was not taken yet, without waiting.
    QList<Frame> takeReceived() { return std::exchange(m_frames, {}); }
    bool waitUntilClosed()
    {
        return QTest::qWaitFor([&] { return m_closed; }, timeoutMs);
    }
    // The server's last word: an error frame (id 0) with this code, after whatever came before
    // it, and then the connection closed.
    bool closedWith(const QString &code)
    {
        const std::optional<Frame> error = nextOf(wire::error);
        if (!error || error->requestId != 0 || error->body.value(u"code"_s).toString() != code) {
            qWarning("expected the server to close with %s", qPrintable(code));
            return false;
        }
        return waitUntilClosed();
    }
    bool isClosed() const { return m_closed; }
    bool sentGarbage() const { return m_garbage; }
    void close() { m_socket.disconnectFromHost(); }

    // From now on this client takes (almost) nothing from the kernel, as a peer that stopped
    // reading: its receive window closes and what the server sends waits on the server.
    void stopReading()
    {
        m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        m_socket.setReadBufferSize(1);
        m_reading = false;
    }

private:
    void read()
    {
        if (!m_reading)
            return;
        m_codec.append(m_socket.readAll());
        for (;;) {
            auto next = m_codec.next();
            if (!next) {
                m_garbage = true;
                return;
            }
            if (!next->has_value())
                return;
            m_frames.append(**next);
        }
    }

    static constexpr int timeoutMs = 30'000; // only matters when something hangs
    qint64 m_lastRequest = 1000; // above the ids tests choose by hand

    QSslSocket m_socket;
    FrameCodec m_codec;
    QList<Frame> m_frames;
    bool m_reading = true;
    bool m_closed = false;
    bool m_garbage = false;
};

} // namespace huiji

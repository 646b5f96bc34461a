#pragma once

// Shared by the test suites that attack a real server with frames made by hand (client, security).

#include "protocol/FrameCodec.h"
#include "protocol/Wire.h"

#include <QSslSocket>
#include <QTest>

#include <algorithm>
#include <utility>
#include <optional>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

// A client that speaks frames by hand over TLS, so that it can say what Session never would.
class RawClient
{
public:
    static constexpr int timeoutMs = 30'000; // only matters when something hangs

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

    bool open(quint16 port)
    {
        m_socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        return QTest::qWaitFor([&] { return m_socket.isEncrypted(); }, timeoutMs);
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

    // Sends a request and waits for its answer (an `error` frame with its id, or its own type),
    // leaving pushes to next(); nothing when the connection closed first.
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

    // The next frame the server sent, waiting for it; nothing when none came.
    std::optional<Frame> next()
    {
        if (!QTest::qWaitFor([&] { return !m_frames.isEmpty(); }, timeoutMs))
            return std::nullopt;
        return m_frames.takeFirst();
    }
    // What has come and was not taken yet, without waiting.
    QList<Frame> takeReceived() { return std::exchange(m_frames, {}); }
    bool waitUntilClosed()
    {
        return QTest::qWaitFor([&] { return m_closed; }, timeoutMs);
    }
    bool isClosed() const { return m_closed; }
    bool sentGarbage() const { return m_garbage; }
    void close() { m_socket.disconnectFromHost(); }

private:
    void read()
    {
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

    QSslSocket m_socket;
    FrameCodec m_codec;
    QList<Frame> m_frames;
    bool m_closed = false;
    bool m_garbage = false;
    qint64 m_lastRequest = 1000; // above the ids the tests give by hand
};

} // namespace huiji

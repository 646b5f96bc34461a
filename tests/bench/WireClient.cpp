#include "WireClient.h"

#include "protocol/Wire.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace huiji::bench {

WireClient::WireClient(const QSslCertificate &serverCertificate, bool lowDelay)
    : m_socket(std::make_unique<QSslSocket>())
{
    // Told before connecting, so a certificate other than huijid's still fails the handshake.
    m_socket->ignoreSslErrors({QSslError(QSslError::SelfSignedCertificate, serverCertificate)});
    QSslSocket *socket = m_socket.get();
    if (lowDelay)
        QObject::connect(socket, &QSslSocket::connected, socket,
                         [socket] { socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    QObject::connect(socket, &QSslSocket::encrypted, socket, [this] {
        if (m_encrypted)
            std::exchange(m_encrypted, {})();
    });
    QObject::connect(socket, &QSslSocket::readyRead, socket, [this] { onReadyRead(); });
    QObject::connect(socket, &QSslSocket::disconnected, socket, [this] { abandon(u"disconnected"_s); });
    QObject::connect(socket, &QSslSocket::errorOccurred, socket,
                     [this](QAbstractSocket::SocketError) { abandon(m_socket->errorString()); });
}

WireClient::~WireClient()
{
    m_socket->disconnect(); // nobody is to be told about the connection this ends
    m_socket->abort();
}

void WireClient::connectTo(quint16 port, std::function<void()> encrypted)
{
    m_encrypted = std::move(encrypted);
    m_socket->connectToHostEncrypted(QHostAddress(QHostAddress::LocalHost).toString(), port);
}

void WireClient::logIn(quint16 port, const Login &login, std::function<void(Result<QString>)> done)
{
    const auto failed = [done](const Frame &answer) {
        if (answer.type != wire::error)
            return false;
        done(std::unexpected(wire::errorOf(answer)));
        return true;
    };
    const auto device = [this, login, done, failed](const QString &token) {
        QCborMap body = wire::toCbor(login.device);
        // A device sends a salted hash of its MAC address (Profile::macHash); a generated device
        // has none, so a hash of its id stands in.
        const QByteArray macHash = QCryptographicHash::hash(login.device.id.toUtf8(), QCryptographicHash::Sha256);
        body.insert(u"macHash"_s, QString::fromLatin1(macHash.toHex()));
        // After a password the device answer carries the device's new credential.
        request(wire::device, body, [done, failed, token](const Frame &answer) {
            if (!failed(answer))
                done(answer.body.value(u"token"_s).toString(token));
        });
    };
    const auto logInNow = [this, login, failed, device] {
        QCborMap body{{u"user"_s, login.user}};
        if (login.password.isEmpty())
            body.insert(u"token"_s, login.token);
        else
            body.insert(u"password"_s, QString::fromUtf8(login.password));
        request(wire::login, body, [login, failed, device](const Frame &answer) {
            if (!failed(answer))
                device(login.token);
        });
    };
    connectTo(port, [this, login, failed, logInNow] {
        request(wire::hello, {{u"version"_s, FrameCodec::protocolVersion}, {u"client"_s, u"huiji-bench"_s}},
                [this, login, failed, logInNow](const Frame &hello) {
                    if (failed(hello))
                        return;
                    if (!login.createAccount)
                        return logInNow();
                    request(wire::registerAccount,
                            {{u"user"_s, login.user}, {u"password"_s, QString::fromUtf8(login.password)}},
                            [failed, logInNow](const Frame &registered) {
                                if (!failed(registered))
                                    logInNow();
                            });
                });
    });
    // A connection that fails before the handshake ends has no request to fail.
    setFailureHandler([done, this](const QString &why) {
        if (m_encrypted)
            done(fail(ErrorCode::NetworkFailure, why));
    });
}

void WireClient::request(const QString &type, const QCborMap &body, Reply reply)
{
    const qint64 id = m_nextRequest++;
    m_replies.insert(id, std::move(reply));
    m_socket->write(FrameCodec::encode({type, id, body}));
}

void WireClient::push(const QString &type, const QCborMap &body)
{
    m_socket->write(FrameCodec::encode({type, 0, body}));
}

void WireClient::close()
{
    m_socket->disconnectFromHost();
}

void WireClient::onReadyRead()
{
    m_codec.append(m_socket->readAll());
    for (;;) {
        auto next = m_codec.next();
        if (!next)
            return abandon(next.error().message);
        if (!next->has_value())
            return;
        const Frame &frame = **next;
        if (frame.type == wire::ping) { // as Session answers, or a fleet waiting to log in would be closed
            push(wire::pong, {});
            continue;
        }
        if (frame.requestId == 0) {
            if (m_pushHandler)
                m_pushHandler(frame);
            continue;
        }
        if (const Reply reply = m_replies.take(frame.requestId))
            reply(frame);
    }
}

void WireClient::abandon(const QString &why)
{
    if (m_failed)
        return;
    m_failed = true;
    const QHash<qint64, Reply> replies = std::exchange(m_replies, {});
    for (auto it = replies.cbegin(); it != replies.cend(); ++it)
        it.value()(wire::errorFrame(it.key(), {ErrorCode::NetworkFailure, why}));
    if (m_failureHandler)
        m_failureHandler(why);
}

} // namespace huiji::bench

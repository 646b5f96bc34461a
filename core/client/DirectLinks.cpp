#include "client/DirectLinks.h"

#include "client/ClientLog.h"
#include "client/Profile.h"
#include "client/Session.h"
#include "tls/ServerCertificate.h"

#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

#include <QDateTime>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

DirectLinks::DirectLinks(Session &session) : QObject(&session), m_session(session)
{
    connect(this, &DirectLinks::linkOpened, this, [this](const QString &contact) { m_opening.remove(contact); });
    connect(this, &DirectLinks::linkFailed, this, [this](const QString &contact) {
        m_opening.remove(contact);
        m_failed.insert(contact, now());
    });
}

DirectLinks::~DirectLinks()
{
    for (Link *link : std::as_const(m_links)) {
        link->socket->disconnect(this);
        delete link;
    }
}

qint64 DirectLinks::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

Result<void> DirectLinks::applySetting()
{
    Profile &profile = m_session.profile();
    if (!profile.directLinks()) {
        closeAll();
        delete m_server;
        m_server = nullptr;
        m_tickets.clear();
        return {};
    }
    if (m_server)
        return {};
    auto identity = ServerCertificate::loadOrCreate(profile.linkCertificatePath(), profile.linkKeyPath(),
                                                    u"huiji-device"_s);
    if (!identity)
        return std::unexpected(identity.error());
    m_certificate = identity->certificate();
    m_key = identity->privateKey();
    m_fingerprint = identity->fingerprint();
    m_server = new QSslServer(this);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(m_certificate);
    tls.setPrivateKey(m_key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // the ticket says who connects, not a certificate
    m_server->setSslConfiguration(tls);
    connect(m_server, &QSslServer::pendingConnectionAvailable, this, &DirectLinks::onNewConnection);
    if (!m_server->listen(QHostAddress::Any, 0)) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return fail(ErrorCode::NetworkFailure, u"cannot listen for direct links: %1"_s.arg(why));
    }
    qCInfo(lcClient) << "taking direct links on port" << m_server->serverPort();
    return {};
}

QCborMap DirectLinks::announcement() const
{
    if (!m_server)
        return {};
    return {{u"port"_s, m_server->serverPort()}, {u"fingerprint"_s, m_fingerprint}};
}

bool DirectLinks::isOpen(const QString &contact) const
{
    return std::ranges::any_of(m_links, [&](const Link *link) { return link->contact == contact; });
}

void DirectLinks::open(const QString &contact)
{
    // One link per contact: asking again while one is open or on its way would only race it.
    if (isOpen(contact) || m_opening.contains(contact))
        return;
    m_opening.insert(contact);
    m_session.request(wire::linkOffer, QCborMap{{u"contact"_s, contact}}, [this, contact](Result<QCborMap> answer) {
        if (!answer) {
            emit linkFailed(contact, answer.error());
            return;
        }
        auto *link = new Link;
        link->socket = new QSslSocket(this);
        link->outgoing = true;
        link->ticket = answer->value(u"ticket"_s).toString();
        const QString vouched = answer->value(u"fingerprint"_s).toString();
        m_links.append(link);
        watch(link);
        connect(link->socket, &QSslSocket::sslErrors, this, [link](const QList<QSslError> &) {
            // Self-signed by design: what makes the peer trusted is the fingerprint the server
            // vouched for, checked on `encrypted` before anything is sent.
            link->socket->ignoreSslErrors();
        });
        connect(link->socket, &QSslSocket::encrypted, this, [this, link, vouched] {
            if (ServerCertificate::fingerprintOf(link->socket->peerCertificate()) != vouched) {
                link->failure = {ErrorCode::CertificateChanged,
                                 u"the peer's certificate is not the one the server vouched for"_s};
                drop(link);
                return;
            }
            link->socket->write(FrameCodec::encode(
                {wire::linkHello, link->nextRequest++,
                 QCborMap{{u"version"_s, FrameCodec::protocolVersion}, {u"ticket"_s, link->ticket},
                          {u"user"_s, m_session.profile().user()}, {u"device"_s, m_session.profile().device().id}}}));
        });
        link->socket->setProperty("contact", contact);
        link->socket->connectToHostEncrypted(answer->value(u"address"_s).toString(),
                                             static_cast<quint16>(answer->value(u"port"_s).toInteger()));
    });
}

void DirectLinks::openUnlessFailedLately(const QString &contact)
{
    if (const auto failed = m_failed.constFind(contact); failed != m_failed.cend() && now() - *failed < retryAfterMs)
        return;
    open(contact);
}

void DirectLinks::expectTicket(const QCborMap &body)
{
    if (!m_server)
        return; // links are off: no offer is taken
    const QString ticket = body.value(u"ticket"_s).toString();
    m_tickets.removeIf([at = now()](const auto &kept) { return kept.value().expires < at; }); // never used
    m_tickets.insert(ticket, {body.value(u"user"_s).toString(), body.value(u"device"_s).toString(),
                              body.value(u"expires"_s).toInteger()});
    for (Link *link : m_waiting.keys())
        if (link->ticket == ticket)
            finishHello(link, m_waiting.take(link));
}

void DirectLinks::onNewConnection()
{
    while (QSslSocket *socket = qobject_cast<QSslSocket *>(m_server->nextPendingConnection())) {
        socket->setParent(this);
        auto *link = new Link;
        link->socket = socket;
        link->codec = FrameCodec(maxFrameSizeBeforeHello);
        m_links.append(link);
        watch(link);
        // A peer that says nothing must not hold a socket of this device: no ticket, no link.
        QTimer::singleShot(helloWaitMs, socket, [this, socket] {
            const auto silent = std::ranges::find_if(m_links, [this, socket](Link *open) {
                return open->socket == socket && open->contact.isEmpty() && !m_waiting.contains(open);
            });
            if (silent != m_links.end()) {
                qCInfo(lcClient) << "closing a direct link that presented no ticket within" << helloWaitMs << "ms";
                drop(*silent);
            }
        });
        // The handshake is done when the server hands it over; the hello may be read already.
        if (socket->bytesAvailable() > 0)
            onReadyRead(link);
    }
}

void DirectLinks::watch(Link *link)
{
    connect(link->socket, &QSslSocket::readyRead, this, [this, link] { onReadyRead(link); });
    connect(link->socket, &QSslSocket::disconnected, this, [this, link] { drop(link); });
    connect(link->socket, &QSslSocket::errorOccurred, this, [this, link](QAbstractSocket::SocketError) {
        qCDebug(lcClient) << "direct link:" << link->socket->errorString();
        if (link->socket->state() == QAbstractSocket::UnconnectedState)
            drop(link);
    });
}

void DirectLinks::onReadyRead(Link *link)
{
    link->codec.append(link->socket->readAll());
    for (;;) {
        auto next = link->codec.next();
        if (!next) {
            qCWarning(lcClient) << "a direct link sent what is not a frame:" << next.error().message;
            drop(link);
            return;
        }
        if (!next->has_value() || !m_links.contains(link))
            return;
        onFrame(link, **next);
        if (!m_links.contains(link))
            return;
    }
}

void DirectLinks::onFrame(Link *link, const Frame &frame)
{
    if (frame.type == wire::error && link->outgoing && link->contact.isEmpty()) { // the ticket was refused
        link->failure = wire::errorOf(frame);
        return drop(link);
    }
    if (frame.type == wire::linkHello)
        return onHello(link, frame);
    if (link->contact.isEmpty()) {
        link->socket->write(FrameCodec::encode(wire::errorFrame(frame.requestId, {ErrorCode::NotLoggedIn,
                                                                                  u"present the ticket first"_s})));
        return drop(link);
    }
    if (frame.type == wire::linkMessage && frame.body.contains(u"record"_s))
        return onMessage(link, frame);
    if (frame.type == wire::linkMessage) { // the ack of one of ours
        if (const QUuid id = link->pending.take(frame.requestId); !id.isNull())
            emit acked(id);
        return;
    }
    if (frame.type == wire::error) // not acked: it stays unacked and is relayed when the link closes
        qCInfo(lcClient) << "the direct link refused a message:" << wire::errorOf(frame).message;
}

void DirectLinks::onHello(Link *link, const Frame &frame)
{
    if (link->outgoing) { // the answer: the link is up
        const QString contact = link->socket->property("contact").toString();
        if (frame.body.value(u"user"_s).toString() != contact) {
            link->failure = {ErrorCode::Forbidden, u"the peer is not the contact the server named"_s};
            return drop(link);
        }
        link->contact = contact;
        emit linkOpened(contact);
        return;
    }
    link->ticket = frame.body.value(u"ticket"_s).toString();
    if (m_tickets.contains(link->ticket))
        return finishHello(link, frame);
    // The server's link-incoming may still be on its way: the two sides race.
    m_waiting.insert(link, frame);
    QTimer::singleShot(ticketWaitMs, link->socket, [this, link] {
        if (m_waiting.contains(link))
            finishHello(link, m_waiting.take(link));
    });
}

void DirectLinks::finishHello(Link *link, const Frame &frame)
{
    const std::optional<Ticket> ticket = m_tickets.contains(link->ticket)
                                             ? std::optional(m_tickets.take(link->ticket)) // single use
                                             : std::nullopt;
    const QString user = frame.body.value(u"user"_s).toString();
    if (!ticket || ticket->expires < now() || ticket->user != user
        || ticket->device != frame.body.value(u"device"_s).toString()) {
        const Error refusal{ErrorCode::Forbidden, u"this ticket is unknown, used or expired"_s};
        link->socket->write(FrameCodec::encode(wire::errorFrame(frame.requestId, refusal)));
        emit refused(refusal);
        return drop(link);
    }
    link->contact = user;
    link->codec.setMaxFrameSize(FrameCodec::defaultMaxFrameSize);
    link->socket->write(FrameCodec::encode({wire::linkHello, frame.requestId,
                                            QCborMap{{u"user"_s, m_session.profile().user()},
                                                     {u"device"_s, m_session.profile().device().id}}}));
    emit linkOpened(user);
}

bool DirectLinks::send(const Record &record)
{
    for (Link *link : std::as_const(m_links))
        if (link->contact == record.contact && link->socket->isEncrypted()) {
            const qint64 request = link->nextRequest++;
            link->pending.insert(request, record.id);
            link->socket->write(
                FrameCodec::encode({wire::linkMessage, request, QCborMap{{u"record"_s, RecordCbor::toCbor(record)}}}));
            return true;
        }
    return false;
}

void DirectLinks::onMessage(Link *link, const Frame &frame)
{
    auto sent = RecordCbor::fromCbor(frame.body.value(u"record"_s).toMap());
    if (!sent || sent->account != link->contact || sent->sender != link->contact
        || sent->contact != m_session.profile().user()) {
        link->socket->write(FrameCodec::encode(
            wire::errorFrame(frame.requestId, {ErrorCode::InvalidArgument, u"a link carries the peer's own messages"_s})));
        return;
    }
    // As this account sees it: incoming, labelled with the device that saw it.
    Record record = *sent;
    record.account = m_session.profile().user();
    record.contact = link->contact;
    record.direction = Direction::Incoming;
    record.originDevice = m_session.profile().device().id;
    record.serverTime.reset();
    record.arrival = Arrival::Direct;
    if (auto stored = m_session.storeDirect(record); !stored) {
        link->socket->write(FrameCodec::encode(wire::errorFrame(frame.requestId, stored.error())));
        return; // not acked: the sender relays it
    }
    link->socket->write(FrameCodec::encode({wire::linkMessage, frame.requestId, QCborMap{{u"id"_s, record.id.toRfc4122()}}}));
    emit received(record);
}

void DirectLinks::drop(Link *link)
{
    if (!m_links.removeOne(link))
        return;
    m_waiting.remove(link);
    link->socket->disconnect(this);
    // Closed after what is written (a refusal, say) has gone; deleted once it is closed.
    if (link->socket->state() == QAbstractSocket::UnconnectedState) {
        link->socket->deleteLater();
    } else {
        connect(link->socket, &QAbstractSocket::disconnected, link->socket, &QObject::deleteLater);
        link->socket->disconnectFromHost();
    }
    const QString contact = link->contact.isEmpty() ? link->socket->property("contact").toString() : link->contact;
    const QList<QUuid> unacked = link->pending.values();
    const bool wasOpen = !link->contact.isEmpty();
    const bool failedOutgoing = link->outgoing && !wasOpen;
    const Error failure = link->failure;
    delete link;
    if (wasOpen || !unacked.isEmpty())
        emit linkClosed(contact, unacked);
    else if (failedOutgoing)
        emit linkFailed(contact, failure);
}

void DirectLinks::closeAll()
{
    for (Link *link : QList<Link *>(m_links))
        drop(link);
}

} // namespace huiji

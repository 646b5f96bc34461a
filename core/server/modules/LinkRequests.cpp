#include "server/modules/LinkRequests.h"

#include "server/engine/Hub.h"

#include "server/ServerLog.h"

#include "protocol/Wire.h"

#include <QHostAddress>
#include <QRandomGenerator>

#include <array>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype maxFingerprint = 128; // SHA-256 as hex pairs with colons is 95

QString newTicket()
{
    std::array<quint32, 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words.data()), sizeof(words)).toHex());
}

// The address the peer can be reached at, as the server saw it; an IPv4 client on a dual-stack
// socket shows as ::ffff:a.b.c.d, which the connecting side should not have to understand.
QString reachable(const QString &address)
{
    bool isV4 = false;
    const quint32 v4 = QHostAddress(address).toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address;
}

} // namespace

void LinkRequests::registerOn(Dispatcher &dispatcher)
{
    using enum Dispatcher::Size;
    using enum Dispatcher::Rate;
    dispatcher.add(wire::linkOffer, {Peer::Stage::Ready, Control, Counted, &offer});
}

Result<void> LinkRequests::announce(Peer &client, const QCborMap &direct)
{
    client.linkPort = 0;
    client.linkFingerprint.clear();
    if (direct.isEmpty())
        return {};
    const qint64 port = direct.value(u"port"_s).toInteger();
    const QString fingerprint = direct.value(u"fingerprint"_s).toString();
    if (port < 1 || port > 65535 || fingerprint.isEmpty() || fingerprint.size() > maxFingerprint)
        return fail(ErrorCode::InvalidArgument, u"direct needs a port (1-65535) and the listener's fingerprint"_s);
    client.linkPort = static_cast<quint16>(port);
    client.linkFingerprint = fingerprint;
    return {};
}

void LinkRequests::offer(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    const qint64 now = hub.now();
    if (now - client.offersSince >= 60'000) {
        client.offersSince = now;
        client.offers = 0;
    }
    if (++client.offers > maxOffersPerMinute) {
        hub.answerError(id, frame.requestId, {ErrorCode::RateLimited, u"too many direct link requests; messages go "
                                                                      "through the server, try a link again in a minute"_s});
        return;
    }
    const QString contact = frame.body.value(u"contact"_s).toString();
    auto state = hub.accounts().get(client.account);
    if (!state) {
        hub.answerError(id, frame.requestId, state.error());
        return;
    }
    if (!(*state)->contacts.contains(contact)) {
        hub.answerError(id, frame.requestId, {ErrorCode::Forbidden, u"direct links are for accepted contacts only"_s});
        return;
    }
    // The contact's device seen most recently online first: the last to log in is the likeliest in use.
    const QList<quint64> online = hub.sessions().online(contact);
    for (auto it = online.crbegin(); it != online.crend(); ++it) {
        const quint64 peerId = *it;
        const Peer *peer = hub.sessions().find(peerId);
        if (!peer || peer->linkPort == 0)
            continue;
        const QString ticket = newTicket();
        const qint64 expires = now + ticketLifetimeMs;
        hub.answer(peerId, {wire::linkIncoming, 0,
                            QCborMap{{u"user"_s, client.account}, {u"device"_s, client.device.info.id},
                                     {u"ticket"_s, ticket}, {u"expires"_s, expires}}});
        hub.answer(id, {wire::linkOffer, frame.requestId,
                        QCborMap{{u"user"_s, contact}, {u"device"_s, peer->device.info.id},
                                 {u"address"_s, reachable(peer->address)}, {u"port"_s, peer->linkPort},
                                 {u"fingerprint"_s, peer->linkFingerprint}, {u"ticket"_s, ticket},
                                 {u"expires"_s, expires}}});
        qCInfo(lcServerRelay) << client.account << "got a direct link ticket for a device of" << contact;
        return;
    }
    hub.answerError(id, frame.requestId,
                    {ErrorCode::NotFound, u"no device of %1 takes direct links now; messages go through the server"_s.arg(contact)});
}

} // namespace huiji

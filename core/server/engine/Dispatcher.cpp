#include "server/engine/Dispatcher.h"

#include "server/engine/Hub.h"
#include "server/net/Connection.h"

#include "protocol/Wire.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

void Dispatcher::add(const QString &type, Route route)
{
    Q_ASSERT(!m_routes.contains(type)); // one module per type
    m_routes.insert(type, route);
}

qsizetype Dispatcher::limitOf(Size size, const ServerConfig &config)
{
    // An ack names seqs of at most one delivery window, each at most 9 bytes of CBOR.
    constexpr qsizetype ackOverhead = 64;
    constexpr qsizetype maxSeqBytes = 9;
    switch (size) {
    case Size::Control:
        return config.maxRequestSize;
    case Size::Ack:
        return ackOverhead + maxSeqBytes * config.deliveryWindow;
    case Size::Bulk:
        break;
    }
    return config.maxFrameSize;
}

void Dispatcher::dispatch(quint64 id, Peer &peer, const Frame &frame, qsizetype bytes)
{
    if (peer.stage == Peer::Stage::New && frame.type != wire::hello) {
        m_hub.closeWith(id, {ErrorCode::UnsupportedVersion, u"the first frame must be hello with the protocol version"_s});
        return;
    }
    const auto route = m_routes.constFind(frame.type);
    // The connection's frame limit bounds what is decoded at all; these bound what a handler gets.
    const qsizetype limit = limitOf(route == m_routes.cend() ? Size::Control : route->size, m_hub.config());
    if (bytes > limit) {
        m_hub.closeWith(id, {ErrorCode::FrameTooLarge,
                             u"a \"%1\" frame of %2 bytes is over its limit of %3"_s.arg(frame.type).arg(bytes).arg(limit)});
        return;
    }
    if (route == m_routes.cend()) {
        // Unknown types are answered, not fatal: a newer client may try what this server lacks.
        m_hub.answerError(id, frame.requestId, {ErrorCode::UnknownType, u"unknown frame type \"%1\""_s.arg(frame.type)});
        return;
    }
    if (peer.stage != route->stage) {
        const bool early = static_cast<int>(peer.stage) < static_cast<int>(route->stage);
        m_hub.answerError(id, frame.requestId,
                          early ? Error{ErrorCode::NotLoggedIn, u"\"%1\" needs a logged-in device: send hello, login "
                                                                "and device first"_s.arg(frame.type)}
                                : Error{ErrorCode::InvalidArgument, u"\"%1\" was already done on this connection"_s.arg(frame.type)});
        return;
    }
    if (peer.busy) {
        m_hub.answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"wait for the answer to login first"_s});
        return;
    }
    if (route->rate == Rate::Counted && !peer.requests.take(m_hub.monotonic())) {
        const qint64 wait = peer.requests.retryAfter(m_hub.monotonic());
        m_hub.answerError(id, frame.requestId,
                          {ErrorCode::RateLimited, u"too many requests; try again in %1 s"_s.arg((wait + 999) / 1000)});
        return;
    }
    const Peer::Stage before = peer.stage;
    route->handler(m_hub, id, peer, frame);
    // The device step is done: the connection's login limits give way to its idle check.
    if (const Peer *after = m_hub.sessions().find(id); before != Peer::Stage::Ready && after
                                                       && after->stage == Peer::Stage::Ready) {
        Connection *connection = after->connection;
        QMetaObject::invokeMethod(connection, [connection] { connection->loggedIn(); }, Qt::QueuedConnection);
    }
}

} // namespace huiji

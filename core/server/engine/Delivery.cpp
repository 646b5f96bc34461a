#include "server/engine/Delivery.h"

#include "server/ServerConfig.h"
#include "server/db/ServerDatabase.h"
#include "server/engine/AccountCache.h"
#include "server/engine/SessionRegistry.h"
#include "server/engine/Turn.h"

#include "protocol/Wire.h"

#include <QTimer>

namespace huiji {

Delivery::Delivery(const ServerConfig &config, ServerDatabase &database, AccountCache &accounts,
                   SessionRegistry &sessions, Turn &turn, QObject &context, Close close)
    : m_config(config),
      m_database(database),
      m_accounts(accounts),
      m_sessions(sessions),
      m_turn(turn),
      m_context(context),
      m_close(std::move(close))
{
}

Result<void> Delivery::fanOut(const Mailbox::Message &message, qint64 fromDevice, QList<quint64> &live)
{
    // Every device of both accounts gets it, except the one that sent it. Storage terminals hold
    // it without expiry; ordinary devices have it queued for the retention period.
    const qint64 expires = message.serverTime + qint64{m_config.retentionDays} * DeviceRegistry::dayMs;
    for (const QString &name : {message.recipient, message.sender}) {
        auto state = m_accounts.get(name);
        if (!state)
            return std::unexpected(state.error());
        for (const DeviceRegistry::Device &device : std::as_const((*state)->devices)) {
            if (device.key == fromDevice)
                continue;
            const bool terminal = (*state)->isPrimary(device.key);
            if (auto queued = m_database.mailbox().enqueue(device.key, message.seq,
                                                           terminal ? std::nullopt : std::optional(expires));
                !queued)
                return queued;
            live.append(m_sessions.onlineDevice(name, device.key));
        }
    }
    return {};
}

void Delivery::handOver(const QList<quint64> &targets, const Mailbox::Message &message)
{
    for (const quint64 target : targets) {
        Peer *peer = m_sessions.find(target);
        if (!peer)
            continue;
        if (!peer->stream.takesLive()) {
            peer->stream.missLive();
            continue;
        }
        if (!peer->stream.hasBatch())
            m_delivering.append(target);
        peer->stream.add(message);
        m_turn.schedule();
    }
}

void Delivery::feed(const QString &account, const QList<qint64> &deviceKeys, const QList<qint64> &held)
{
    if (held.isEmpty())
        return;
    for (const qint64 key : deviceKeys)
        for (const quint64 target : m_sessions.onlineDevice(account, key))
            if (Peer *peer = m_sessions.find(target)) {
                peer->stream.held(held);
                pump(target, *peer);
            }
}

void Delivery::pump(quint64 id, Peer &peer)
{
    // The next batch is read once the connection has written the last one and has little
    // waiting: what the server sends on its own stays within a batch of the connection's bound.
    if (peer.backedUp || peer.deliveriesInTransit > 0)
        return;
    const bool had = peer.stream.hasBatch();
    if (auto read = peer.stream.refill(m_database.mailbox()); !read) {
        m_close(id, read.error());
        return;
    }
    if (!had && peer.stream.hasBatch()) {
        m_delivering.append(id);
        m_turn.schedule();
    }
}

void Delivery::pumpLater(const QList<quint64> &ids)
{
    QTimer::singleShot(0, &m_context, [this, ids] {
        for (const quint64 id : ids)
            if (Peer *peer = m_sessions.find(id); peer && peer->stage == Peer::Stage::Ready)
                pump(id, *peer);
    });
}

void Delivery::release()
{
    QList<quint64> refill;
    for (const quint64 id : std::exchange(m_delivering, {})) {
        Peer *peer = m_sessions.find(id);
        if (!peer || !peer->stream.hasBatch())
            continue;
        const AccountState *state = m_accounts.cached(peer->account);
        const QCborMap body = peer->stream.takeBatch(state ? state->devices : QList<DeviceRegistry::Device>{});
        m_turn.release(id, Frame{wire::deliver, 0, body});
        ++peer->deliveriesInTransit;
        if (peer->stream.wantsRefill())
            refill.append(id);
    }
    if (!refill.isEmpty())
        pumpLater(refill);
}

QSet<quint64> Delivery::drop()
{
    QSet<quint64> dropped;
    for (const quint64 id : std::exchange(m_delivering, {}))
        if (Peer *peer = m_sessions.find(id); peer && peer->stream.hasBatch()) {
            dropped.insert(id);
            peer->stream.dropBatch();
        }
    return dropped;
}

} // namespace huiji

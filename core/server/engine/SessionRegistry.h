#pragma once

#include "server/engine/Peer.h"

#include "protocol/Frame.h"

#include <QHash>
#include <QList>

namespace huiji {

class Turn;

// Who is connected, and who is online where: every connection's Peer by connection id, and the
// connections at Peer::Stage::Ready by account. Pushes to an account's devices go through here.
// One node's view; several nodes (issue 19) back the online map with the shared database.
class SessionRegistry
{
public:
    explicit SessionRegistry(Turn &turn) : m_turn(turn) {}

    Peer *find(quint64 id);
    const Peer *find(quint64 id) const;
    void insert(quint64 id, Peer peer) { m_peers.insert(id, std::move(peer)); }
    // Forgets the connection; it must have gone offline first.
    void erase(quint64 id) { m_peers.remove(id); }
    const QHash<quint64, Peer> &all() const { return m_peers; }
    void clear();

    // True when this made the account come online or go offline as a whole.
    bool setOnline(quint64 id, const QString &account, bool online);
    bool isOnline(const QString &account) const { return m_online.contains(account); }
    QList<quint64> online(const QString &account) const { return m_online.value(account); }
    // The online connections of one device of the account (one, unless it is just reconnecting).
    QList<quint64> onlineDevice(const QString &account, qint64 deviceKey) const;

    // To every online device of the account but `except`, once this turn is committed.
    void push(const QString &account, const Frame &frame, quint64 except = 0);
    void pushToDevice(const QString &account, qint64 deviceKey, const Frame &frame);
    // Posts frames to their connections, on the connections' threads.
    void send(const QHash<quint64, QList<Frame>> &frames) const;

private:
    Turn &m_turn;
    QHash<quint64, Peer> m_peers;
    QHash<QString, QList<quint64>> m_online;
};

} // namespace huiji

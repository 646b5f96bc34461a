#include "server/engine/SessionRegistry.h"

#include "server/engine/Turn.h"
#include "server/net/Connection.h"

namespace huiji {

Peer *SessionRegistry::find(quint64 id)
{
    const auto found = m_peers.find(id);
    return found == m_peers.end() ? nullptr : &*found;
}

const Peer *SessionRegistry::find(quint64 id) const
{
    const auto found = m_peers.constFind(id);
    return found == m_peers.cend() ? nullptr : &*found;
}

void SessionRegistry::clear()
{
    m_peers.clear();
    m_online.clear();
}

bool SessionRegistry::setOnline(quint64 id, const QString &account, bool online)
{
    QList<quint64> &connections = m_online[account];
    const bool wasOnline = !connections.isEmpty();
    if (online)
        connections.append(id);
    else
        connections.removeAll(id);
    const bool isOnline = !connections.isEmpty();
    if (!isOnline)
        m_online.remove(account);
    return wasOnline != isOnline;
}

QList<quint64> SessionRegistry::onlineDevice(const QString &account, qint64 deviceKey) const
{
    QList<quint64> found;
    for (const quint64 id : m_online.value(account))
        if (const Peer *peer = find(id); peer && peer->device.key == deviceKey)
            found.append(id);
    return found;
}

void SessionRegistry::push(const QString &account, const Frame &frame, quint64 except)
{
    for (const quint64 id : m_online.value(account))
        if (id != except)
            m_turn.answer(id, frame, true);
}

void SessionRegistry::pushToDevice(const QString &account, qint64 deviceKey, const Frame &frame)
{
    for (const quint64 id : onlineDevice(account, deviceKey))
        m_turn.answer(id, frame, true);
}

void SessionRegistry::send(const QHash<quint64, QList<Frame>> &frames) const
{
    for (auto it = frames.cbegin(); it != frames.cend(); ++it) {
        const Peer *peer = find(it.key());
        if (!peer)
            continue;
        Connection *connection = peer->connection;
        QMetaObject::invokeMethod(connection, [connection, sent = it.value()] { connection->sendFrames(sent); },
                                  Qt::QueuedConnection);
    }
}

} // namespace huiji

#pragma once

#include "server/db/Mailbox.h"

#include "protocol/Error.h"

#include <QList>
#include <QObject>
#include <QSet>

#include <functional>

namespace huiji {

class AccountCache;
class SessionRegistry;
class ServerDatabase;
class Turn;
struct Peer;
struct ServerConfig;

// How records reach devices: the fan-out of a new message to every device of its conversation
// (held for storage terminals, queued with expiry for the others), and the delivery streams that
// carry what is held to online devices in batches bounded by the connection's window. The one place
// that wakes a device's stream, whichever feature held the records.
class Delivery
{
public:
    using Close = std::function<void(quint64, const Error &)>;

    Delivery(const ServerConfig &config, ServerDatabase &database, AccountCache &accounts, SessionRegistry &sessions,
             Turn &turn, QObject &context, Close close);

    // Queues or holds a new message for every device that should get it, but the sender's;
    // `live` gets the online ones, to hand it to once it is stored.
    Result<void> fanOut(const Mailbox::Message &message, qint64 fromDevice, QList<quint64> &live);
    // Hands a stored message to these connections now, or lets their streams read it later.
    void handOver(const QList<quint64> &targets, const Mailbox::Message &message);
    // Records `held` (seqs) for these devices of the account: their online connections read them.
    void feed(const QString &account, const QList<qint64> &deviceKeys, const QList<qint64> &held);
    // Reads the next batch of the connection's inbox, once it has written the last one.
    void pump(quint64 id, Peer &peer);
    // At the end of the turn, after the commit: the batches ready become deliver frames.
    void release();
    // The turn failed: the batches it was building are dropped; returns whose they were.
    QSet<quint64> drop();

private:
    void pumpLater(const QList<quint64> &ids); // next turn, so that each batch goes out in its own

    const ServerConfig &m_config;
    ServerDatabase &m_database;
    AccountCache &m_accounts;
    SessionRegistry &m_sessions;
    Turn &m_turn;
    QObject &m_context;
    Close m_close;
    QList<quint64> m_delivering; // connections whose streams have records for this turn
};

} // namespace huiji

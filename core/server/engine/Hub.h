#pragma once

#include "server/ServerConfig.h"
#include "server/engine/AccountCache.h"
#include "server/engine/Delivery.h"
#include "server/engine/Dispatcher.h"
#include "server/engine/PasswordCheck.h"
#include "server/engine/Quotas.h"
#include "server/engine/SessionRegistry.h"
#include "server/engine/Turn.h"

#include "protocol/Frame.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace huiji {

class Connection;
class ServerDatabase;

// The server's one owner of state. It lives on a thread of its own; connections on worker threads
// post their frames to it and it posts answers back, so no network thread ever waits for the
// database. A frame goes through the Dispatcher's checks to the handler a module registered;
// handlers reach the engine's parts through the public part below and nothing else.
class Hub : public QObject
{
    Q_OBJECT

public:
    Hub(ServerConfig config, std::unique_ptr<ServerDatabase> database);
    ~Hub() override;

    // Called from any thread; each posts to the hub's thread.
    void post(std::function<void(Hub &)> work);
    void connectionOpened(quint64 id, Connection *connection, const QString &address);
    void frameReceived(quint64 id, const Frame &frame, qsizetype bytes); // bytes: its size on the wire
    void connectionClosed(quint64 id);
    // The connection wrote what the hub posted to it, `deliveries` deliver frames among it, and
    // has much of its output waiting unread, or not: deliveries to it wait in its inbox meanwhile.
    void connectionWrote(quint64 id, int deliveries, bool backedUp);

    // On the hub's thread: commit what is open, close every connection, stop.
    void shutDown();
    int connectionCount() const { return static_cast<int>(m_sessions.all().size()); }

    // The engine, for the modules, on the hub's thread.
    Dispatcher &dispatcher() { return m_dispatcher; }
    const ServerConfig &config() const { return m_config; }
    ServerDatabase &database() { return *m_database; }
    SessionRegistry &sessions() { return m_sessions; }
    AccountCache &accounts() { return m_accounts; }
    Delivery &delivery() { return m_delivery; }
    Quotas &quotas() { return m_quotas; }
    PasswordCheck &passwords() { return m_passwords; }
    qint64 now() const;                                   // the server time: the wall clock, or the config's
    qint64 monotonic() const { return m_monotonic.elapsed(); } // for throttles and budgets
    Result<void> write() { return m_turn.write(); }       // joins this turn's transaction
    void answer(quint64 id, const Frame &frame, bool durable = false) { m_turn.answer(id, frame, durable); }
    void answerError(quint64 id, qint64 requestId, const Error &error);
    // Sends the error and closes the connection; nothing more is sent on it.
    void closeWith(quint64 id, const Error &error);
    // A connection at Peer::Stage::Ready counts as its account's online device, or stops to; the
    // contacts learn when the account as a whole comes online or goes offline.
    void setOnline(quint64 id, const Peer &peer, bool online);
    // A write of this turn failed: the whole turn is rolled back (Turn::rollback) and the caches
    // that may hold what it wrote are dropped.
    void failTurn(const Error &error);

private:
    static Error forClient(const Error &error);
    void flush();
    void purge();

    ServerConfig m_config;
    std::unique_ptr<ServerDatabase> m_database;
    QElapsedTimer m_monotonic;
    Turn m_turn;
    SessionRegistry m_sessions;
    AccountCache m_accounts;
    Delivery m_delivery;
    Quotas m_quotas;
    Dispatcher m_dispatcher;
    QTimer m_purgeTimer;
    PasswordCheck m_passwords; // last: destroyed (and its hashes waited for) first
};

} // namespace huiji

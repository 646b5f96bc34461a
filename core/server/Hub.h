#pragma once

#include "server/DeliveryStream.h"
#include "server/DeviceRegistry.h"
#include "server/LoginThrottle.h"
#include "server/Mailbox.h"
#include "server/PasswordWorker.h"
#include "server/RequestBudget.h"
#include "server/Quotas.h"
#include "server/ServerConfig.h"

#include "protocol/Frame.h"
#include "protocol/Record.h"

#include <QCborArray>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>

namespace huiji {

class Connection;
class ServerDatabase;

// The server's one owner of state: accounts, presence, relay and the inbox pumps. It lives on a
// thread of its own; connections on worker threads post their frames to it and it posts answers
// back, so no network thread ever waits for the database. Writes made while handling the frames of
// one turn of its event loop share a transaction, committed before any answer that depends on
// them is sent (group commit): one fsync serves every message of the turn.
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
    int connectionCount() const { return static_cast<int>(m_clients.size()); }

private:
    friend class AccountRequests;
    friend class CollectionRequests;
    friend class TerminalRequests;
    friend class ArchiveRequests;
    friend class ForwardRequests;
    friend class LinkRequests;
    friend class CredentialRequests;

    enum class Stage { New, Greeted, Authenticated, Ready };
    struct Client {
        Client() = default; // QHash needs it
        Client(Connection *socket, QString from) : connection(socket), address(std::move(from)) {}
        Connection *connection = nullptr;
        QString address;
        Stage stage = Stage::New;
        QString account;
        DeviceRegistry::Device device;
        bool busy = false; // a password check is running
        QByteArray credential;    // the hash of the credential it logged in with; empty after a password
        QString credentialDevice; // the device id that credential is bound to
        bool reauthenticating = false; // the password sent with a sensitive request is being checked
        DeliveryStream stream;
        quint16 linkPort = 0;    // where this device takes direct links (claim 11); 0: it does not
        QString linkFingerprint; // of its link listener's certificate, as it announced it
        qint64 offersSince = 0;  // the start of the minute its link offers are counted in
        int offers = 0;
        qint64 lastSent = 0; // the server time of this device's last message: the next one is later
        RequestBudget requests;  // control requests (issue 13)
        bool backedUp = false;   // its connection has much output unread: deliveries wait
        int deliveriesInTransit = 0; // deliver frames posted to its connection, not written yet
    };
    struct AccountState {
        QList<DeviceRegistry::Device> devices;
        std::optional<DeviceRegistry::Terminal> terminal; // the primary
        QList<DeviceRegistry::Terminal> secondaries;      // claims 2-4
        bool archived = false;                            // the server is a secondary (claim 5)
        QSet<QString> contacts; // accepted ones: who this account may write to
    };
    struct Outgoing {
        quint64 client;
        Frame frame;
        bool durable; // depends on this turn's writes: withheld, and failed, if the commit fails
    };

    qint64 now() const;
    qint64 credentialExpiryMs() const;
    void handle(quint64 id, Client &client, const Frame &frame, qsizetype bytes);
    void answer(quint64 id, const Frame &frame, bool durable = false);
    void answerError(quint64 id, qint64 requestId, const Error &error);
    static Error forClient(const Error &error);
    void closeWith(quint64 id, const Error &error);
    Result<void> write(); // opens this turn's transaction if it is not open yet
    void scheduleFlush();
    void flush();
    void failTurn(const Error &error);

    // Requests, by stage.
    void onHello(quint64 id, Client &client, const Frame &frame);
    void onRegister(quint64 id, Client &client, const Frame &frame);
    void onLogin(quint64 id, Client &client, const Frame &frame);
    // Runs the Argon2id check on the password pool, counted by the login throttle from the start,
    // then `then` back on the hub's thread if the connection is still there. When the throttle or
    // a full pool refuses, answers `requestId` itself (RateLimited or Busy, with the wait).
    void checkPassword(quint64 id, qint64 requestId, const QString &user, const QByteArray &password,
                       std::function<void(Hub &, bool)> then);
    void finishLogin(quint64 id, qint64 requestId, const QString &account);
    // Re-authentication for sensitive requests: true when the request carried the account's
    // password and it matched, checked on the password pool; then `handler` has been called again
    // with the frame. False when it answered (no password, a wrong one, throttled) or is checking.
    using RequestHandler = void (*)(Hub &, quint64, Client &, const Frame &);
    bool reauthenticated(quint64 id, Client &client, const Frame &frame, RequestHandler handler);
    void onDevice(quint64 id, Client &client, const Frame &frame);
    void onSend(quint64 id, Client &client, const Frame &frame);
    void onAck(quint64 id, Client &client, const Frame &frame);

    Result<AccountState *> account(const QString &name);
    const Client *clientOf(quint64 id) const; // null when it has gone
    bool isTerminal(const AccountState &state, qint64 deviceKey) const;
    // Queues or holds a new message for every device that should get it; `live` gets the online ones.
    Result<void> fanOut(const Mailbox::Message &message, const Client &from, QList<quint64> &live);
    void queueDelivery(quint64 id, Client &client, const Mailbox::Message &message);
    void pump(quint64 id, Client &client);
    void pumpLater(const QList<quint64> &ids); // next turn, so that each batch goes out in its own
    void pushToAccount(const QString &account, const Frame &frame, quint64 except = 0);
    void setOnline(quint64 id, Client &client, bool online);
    Result<QList<wire::ContactEntry>> contactsWithPresence(const QString &account);

    ServerConfig m_config;
    std::unique_ptr<ServerDatabase> m_database;
    LoginThrottle m_throttle;
    QElapsedTimer m_monotonic;
    Quotas m_quotas;
    QHash<quint64, Client> m_clients;
    QHash<QString, AccountState> m_accounts; // a cache of the database, dropped when a commit fails
    QHash<QString, QList<quint64>> m_online;  // clients at Stage::Ready, by account
    QList<Outgoing> m_outgoing;
    QList<quint64> m_delivering; // clients whose streams have records for this turn
    bool m_inTransaction = false;
    bool m_flushScheduled = false;
    const Frame *m_reauthenticated = nullptr; // the request whose password matched, while it runs
    QTimer m_purgeTimer;
    PasswordWorker m_passwords; // last: destroyed (and waited for) first
};

} // namespace huiji

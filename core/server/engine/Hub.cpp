#include "server/engine/Hub.h"

#include "server/ServerLog.h"
#include "server/db/ServerDatabase.h"
#include "server/net/Connection.h"
#include "sql/SqlDatabase.h"

#include "protocol/Wire.h"

#include <QDateTime>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int purgeIntervalMs = 60 * 60 * 1000;

} // namespace

Hub::Hub(ServerConfig config, std::unique_ptr<ServerDatabase> database)
    : m_config(std::move(config)),
      m_database(std::move(database)),
      m_turn(m_database->sql(), *this, [this] { flush(); }),
      m_sessions(m_turn),
      m_accounts(*m_database),
      m_delivery(m_config, *m_database, m_accounts, m_sessions, m_turn, *this,
                 [this](quint64 id, const Error &error) { closeWith(id, error); }),
      m_quotas(m_config, *m_database, [this] { return monotonic(); }),
      m_dispatcher(*this),
      m_passwords(*this, m_config)
{
    m_monotonic.start();
    m_purgeTimer.setInterval(purgeIntervalMs);
    connect(&m_purgeTimer, &QTimer::timeout, this, &Hub::purge);
    m_purgeTimer.start();
}

Hub::~Hub() = default;

qint64 Hub::now() const
{
    return m_config.clock ? m_config.clock() : QDateTime::currentMSecsSinceEpoch();
}

void Hub::purge()
{
    const qint64 at = now();
    if (!write())
        return;
    auto purged = m_database->mailbox().purge(at, at - qint64{m_config.retentionDays} * DeviceRegistry::dayMs);
    if (purged && *purged > 0)
        qCInfo(lcServerRelay) << "purged" << *purged << "expired deliveries and messages";
    auto pruned = m_database->archive().prune(at); // claim 5: each account's own retention
    if (pruned && *pruned > 0)
        qCInfo(lcServerRelay) << "pruned" << *pruned << "archived records past their retention";
    auto expired = m_database->accounts().expireCredentials(at - m_config.credentialExpiryMs());
    if (expired && *expired > 0)
        qCInfo(lcServerAuth) << "expired" << *expired << "device credentials unused for"
                             << m_config.credentialExpiryDays << "days";
}

void Hub::post(std::function<void(Hub &)> work)
{
    QMetaObject::invokeMethod(this, [this, work = std::move(work)] { work(*this); }, Qt::QueuedConnection);
}

void Hub::connectionOpened(quint64 id, Connection *connection, const QString &address)
{
    post([id, connection, address](Hub &hub) {
        Peer peer(connection, address);
        peer.requests = RequestBudget(hub.m_config.requestBurst, hub.m_config.requestsPerSecond);
        hub.m_sessions.insert(id, peer);
    });
}

void Hub::frameReceived(quint64 id, const Frame &frame, qsizetype bytes)
{
    post([id, frame, bytes](Hub &hub) {
        if (Peer *peer = hub.m_sessions.find(id))
            hub.m_dispatcher.dispatch(id, *peer, frame, bytes);
    });
}

void Hub::connectionWrote(quint64 id, int deliveries, bool backedUp)
{
    post([id, deliveries, backedUp](Hub &hub) {
        Peer *peer = hub.m_sessions.find(id);
        if (!peer)
            return;
        peer->deliveriesInTransit -= deliveries;
        peer->backedUp = backedUp;
        if (backedUp)
            peer->stream.missLive(); // new messages wait in the inbox and are read when it drains
        else if (peer->stage == Peer::Stage::Ready)
            hub.m_delivery.pump(id, *peer);
    });
}

void Hub::connectionClosed(quint64 id)
{
    post([id](Hub &hub) {
        const Peer *peer = hub.m_sessions.find(id);
        if (!peer)
            return;
        if (peer->stage == Peer::Stage::Ready)
            hub.setOnline(id, *peer, false);
        Connection *connection = peer->connection;
        hub.m_sessions.erase(id);
        // The hub never posts to a connection after this, so it may go.
        connection->deleteLater();
    });
}

void Hub::shutDown()
{
    flush();
    for (const Peer &peer : m_sessions.all())
        peer.connection->deleteLater();
    m_sessions.clear();
    m_accounts.clear();
    m_purgeTimer.stop();
}

void Hub::answerError(quint64 id, qint64 requestId, const Error &error)
{
    answer(id, wire::errorFrame(requestId, forClient(error)));
}

Error Hub::forClient(const Error &error)
{
    // The database's errors name files and paths of this machine: logged here, not sent.
    switch (error.code) {
    case ErrorCode::NotADatabase:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::ReadOnly:
    case ErrorCode::DiskFull:
    case ErrorCode::StorageFailure:
        qCWarning(lcServer) << "answering a storage failure as ServerFailure:" << error.message;
        return {ErrorCode::ServerFailure, u"the server could not do this now; try again later"_s};
    default:
        return error;
    }
}

void Hub::closeWith(quint64 id, const Error &error)
{
    Peer *peer = m_sessions.find(id);
    if (!peer)
        return;
    qCInfo(lcServerNet) << "closing connection" << id << "from" << peer->address << ":" << error.message;
    if (peer->stage == Peer::Stage::Ready)
        setOnline(id, *peer, false);
    Connection *connection = peer->connection;
    const Frame frame = wire::errorFrame(0, forClient(error));
    QMetaObject::invokeMethod(connection, [connection, frame] { connection->closeWith(frame); }, Qt::QueuedConnection);
    // The connection reports closed() when its socket is gone; until then nothing more is sent.
    peer->stage = Peer::Stage::New;
}

void Hub::setOnline(quint64 id, const Peer &peer, bool online)
{
    if (!m_sessions.setOnline(id, peer.account, online))
        return;
    auto contacts = m_database->contacts().list(peer.account);
    if (!contacts)
        return;
    const Frame presence{wire::presence, 0, QCborMap{{u"user"_s, peer.account}, {u"online"_s, online}}};
    for (const wire::ContactEntry &contact : std::as_const(*contacts))
        if (contact.state == wire::ContactState::Accepted)
            m_sessions.push(contact.user, presence);
}

void Hub::flush()
{
    if (auto committed = m_turn.commit(); !committed) {
        failTurn(committed.error());
        return;
    }
    m_delivery.release();
    m_sessions.send(m_turn.takeOutgoing());
}

void Hub::failTurn(const Error &error)
{
    // The turn's writes are gone. Answers that promised them become errors (the senders keep the
    // messages in their outboxes and resend), and devices that were being fed from this turn are
    // disconnected so that their next login reads the inboxes afresh.
    qCWarning(lcServer) << "could not write or commit:" << error.message;
    QSet<quint64> reset = m_turn.rollback();
    reset.unite(m_delivery.drop());
    m_accounts.clear();
    m_quotas.forget();
    (void)m_database->devices().load();
    (void)m_database->mailbox().load();
    for (quint64 id : std::as_const(reset))
        closeWith(id, {ErrorCode::ServerFailure, u"the server could not store what it was sending you"_s});
    flush();
}

} // namespace huiji

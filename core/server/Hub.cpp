#include "server/Hub.h"

#include "server/AccountRequests.h"
#include "server/ArchiveRequests.h"
#include "server/CollectionRequests.h"
#include "server/CredentialRequests.h"
#include "server/ForwardRequests.h"
#include "server/LinkRequests.h"
#include "server/Connection.h"
#include "server/PasswordWorker.h"
#include "server/ServerDatabase.h"
#include "server/ServerLog.h"
#include "server/SessionToken.h"
#include "server/TerminalRequests.h"
#include "sql/SqlDatabase.h"

#include "protocol/FrameCodec.h"
#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

#include <QDateTime>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int purgeIntervalMs = 60 * 60 * 1000;

Error notAllowedYet(const QString &type)
{
    return {ErrorCode::NotLoggedIn, u"\"%1\" needs a logged-in device: send hello, login and device first"_s.arg(type)};
}

// How large a frame of a type may be: a control request's limit, an ack of one delivery window,
// or only the connection's frame limit (what carries records).
enum class Size { Control, Ack, Bulk };
// Whether a type draws on the connection's request budget. Free ones are the login steps (the
// budget of frames before login covers them) and the record flows, which the client engine paces
// by their answers and acks.
enum class Rate { Counted, Free };

qsizetype limitOf(Size size, const ServerConfig &config)
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

} // namespace

Hub::Hub(ServerConfig config, std::unique_ptr<ServerDatabase> database)
    : m_config(std::move(config)),
      m_database(std::move(database)),
      m_throttle(m_config.throttle, [this] { return m_monotonic.elapsed(); }),
      m_quotas(m_config, *m_database, [this] { return m_monotonic.elapsed(); }),
      m_passwords(*this, m_config.passwordCost, m_config.passwordWork)
{
    m_monotonic.start();
    m_purgeTimer.setInterval(purgeIntervalMs);
    connect(&m_purgeTimer, &QTimer::timeout, this, [this] {
        const qint64 at = now();
        if (!write())
            return;
        auto purged = m_database->mailbox().purge(at, at - qint64{m_config.retentionDays} * DeviceRegistry::dayMs);
        if (purged && *purged > 0)
            qCInfo(lcServerRelay) << "purged" << *purged << "expired deliveries and messages";
        auto pruned = m_database->archive().prune(at); // claim 5: each account's own retention
        if (pruned && *pruned > 0)
            qCInfo(lcServerRelay) << "pruned" << *pruned << "archived records past their retention";
        auto expired = m_database->accounts().expireCredentials(at - credentialExpiryMs());
        if (expired && *expired > 0)
            qCInfo(lcServerAuth) << "expired" << *expired << "device credentials unused for"
                                 << m_config.credentialExpiryDays << "days";
        scheduleFlush();
    });
    m_purgeTimer.start();
}

Hub::~Hub() = default;

qint64 Hub::now() const
{
    return m_config.clock ? m_config.clock() : QDateTime::currentMSecsSinceEpoch();
}

void Hub::post(std::function<void(Hub &)> work)
{
    QMetaObject::invokeMethod(this, [this, work = std::move(work)] { work(*this); }, Qt::QueuedConnection);
}

void Hub::connectionOpened(quint64 id, Connection *connection, const QString &address)
{
    post([id, connection, address](Hub &hub) {
        Client client(connection, address);
        client.requests = RequestBudget(hub.m_config.requestBurst, hub.m_config.requestsPerSecond);
        hub.m_clients.insert(id, client);
    });
}

void Hub::frameReceived(quint64 id, const Frame &frame, qsizetype bytes)
{
    post([id, frame, bytes](Hub &hub) {
        auto client = hub.m_clients.find(id);
        if (client != hub.m_clients.end())
            hub.handle(id, *client, frame, bytes);
    });
}

void Hub::connectionWrote(quint64 id, int deliveries, bool backedUp)
{
    post([id, deliveries, backedUp](Hub &hub) {
        auto client = hub.m_clients.find(id);
        if (client == hub.m_clients.end())
            return;
        client->deliveriesInTransit -= deliveries;
        client->backedUp = backedUp;
        if (backedUp)
            client->stream.missLive(); // new messages wait in the inbox and are read when it drains
        else if (client->stage == Stage::Ready)
            hub.pump(id, *client);
    });
}

void Hub::connectionClosed(quint64 id)
{
    post([id](Hub &hub) {
        auto client = hub.m_clients.find(id);
        if (client == hub.m_clients.end())
            return;
        if (client->stage == Stage::Ready)
            hub.setOnline(id, *client, false);
        Connection *connection = client->connection;
        hub.m_clients.erase(client);
        // The hub never posts to a connection after this, so it may go.
        connection->deleteLater();
    });
}

void Hub::shutDown()
{
    flush();
    for (const Client &client : std::as_const(m_clients))
        client.connection->deleteLater();
    m_clients.clear();
    m_accounts.clear();
    m_purgeTimer.stop();
}

void Hub::handle(quint64 id, Client &client, const Frame &frame, qsizetype bytes)
{
    using Handler = std::function<void(Hub &, quint64, Client &, const Frame &)>;
    // Every frame type with the stage it needs, how large it may be and whether it draws on the
    // request budget: checked here, once, before any handler runs.
    struct Route {
        Stage stage;
        Size size;
        Rate rate;
        Handler handler;
    };
    static const QHash<QString, Route> routes = {
        {wire::hello, {Stage::New, Size::Control, Rate::Free, &Hub::onHello}},
        {wire::registerAccount, {Stage::Greeted, Size::Control, Rate::Free, &Hub::onRegister}},
        {wire::login, {Stage::Greeted, Size::Control, Rate::Free, &Hub::onLogin}},
        {wire::device, {Stage::Authenticated, Size::Control, Rate::Free, &Hub::onDevice}},
        {wire::send, {Stage::Ready, Size::Bulk, Rate::Free, &Hub::onSend}},
        {wire::ack, {Stage::Ready, Size::Ack, Rate::Free, &Hub::onAck}},
        {wire::contacts, {Stage::Ready, Size::Control, Rate::Counted, &AccountRequests::contacts}},
        {wire::contactAdd, {Stage::Ready, Size::Control, Rate::Counted, &AccountRequests::contacts}},
        {wire::contactAccept, {Stage::Ready, Size::Control, Rate::Counted, &AccountRequests::contacts}},
        {wire::contactRemove, {Stage::Ready, Size::Control, Rate::Counted, &AccountRequests::contacts}},
        {wire::devices, {Stage::Ready, Size::Control, Rate::Counted, &AccountRequests::devices}},
        {wire::terminalSet, {Stage::Ready, Size::Control, Rate::Counted, &TerminalRequests::setTerminal}},
        {wire::terminalRemove, {Stage::Ready, Size::Control, Rate::Counted, &TerminalRequests::removeTerminal}},
        {wire::terminalClear, {Stage::Ready, Size::Control, Rate::Counted, &TerminalRequests::clearTerminals}},
        {wire::syncUpload, {Stage::Ready, Size::Bulk, Rate::Free, &TerminalRequests::syncUpload}},
        {wire::archiveSet, {Stage::Ready, Size::Control, Rate::Counted, &ArchiveRequests::setArchive}},
        {wire::archive, {Stage::Ready, Size::Control, Rate::Counted, &ArchiveRequests::showArchive}},
        {wire::archiveRestore, {Stage::Ready, Size::Control, Rate::Counted, &ArchiveRequests::restore}},
        {wire::deviceRename, {Stage::Ready, Size::Control, Rate::Counted, &AccountRequests::renameDevice}},
        {wire::deviceRevoke, {Stage::Ready, Size::Control, Rate::Counted, &CredentialRequests::revoke}},
        {wire::collectNow, {Stage::Ready, Size::Control, Rate::Counted, &CollectionRequests::collectNow}},
        {wire::collectUpload, {Stage::Ready, Size::Bulk, Rate::Free, &CollectionRequests::upload}},
        {wire::linkOffer, {Stage::Ready, Size::Control, Rate::Counted, &LinkRequests::offer}},
        {wire::forward, {Stage::Ready, Size::Bulk, Rate::Free, &ForwardRequests::forward}},
        {wire::forwardingSet, {Stage::Ready, Size::Control, Rate::Counted, &ForwardRequests::setPolicy}},
        {wire::forwardingGet, {Stage::Ready, Size::Control, Rate::Counted, &ForwardRequests::getPolicy}},
    };
    if (client.stage == Stage::New && frame.type != wire::hello) {
        closeWith(id, {ErrorCode::UnsupportedVersion, u"the first frame must be hello with the protocol version"_s});
        return;
    }
    const auto route = routes.constFind(frame.type);
    // The connection's frame limit bounds what is decoded at all; these bound what a handler gets.
    const qsizetype limit = limitOf(route == routes.cend() ? Size::Control : route->size, m_config);
    if (bytes > limit) {
        closeWith(id, {ErrorCode::FrameTooLarge,
                       u"a \"%1\" frame of %2 bytes is over its limit of %3"_s.arg(frame.type).arg(bytes).arg(limit)});
        return;
    }
    if (route == routes.cend()) {
        // Unknown types are answered, not fatal: a newer client may try what this server lacks.
        answerError(id, frame.requestId, {ErrorCode::UnknownType, u"unknown frame type \"%1\""_s.arg(frame.type)});
        return;
    }
    if (client.stage != route->stage) {
        const bool early = static_cast<int>(client.stage) < static_cast<int>(route->stage);
        answerError(id, frame.requestId,
                    early ? notAllowedYet(frame.type)
                          : Error{ErrorCode::InvalidArgument, u"\"%1\" was already done on this connection"_s.arg(frame.type)});
        return;
    }
    if (client.busy) {
        answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"wait for the answer to login first"_s});
        return;
    }
    if (route->rate == Rate::Counted && !client.requests.take(m_monotonic.elapsed())) {
        const qint64 wait = client.requests.retryAfter(m_monotonic.elapsed());
        answerError(id, frame.requestId, {ErrorCode::RateLimited, u"too many requests; try again in %1 s"_s.arg(
                                                                       (wait + 999) / 1000)});
        return;
    }
    const Stage before = client.stage;
    route->handler(*this, id, client, frame);
    // The device step is done: the connection's login limits give way to its idle check.
    if (const Client *after = clientOf(id); before != Stage::Ready && after && after->stage == Stage::Ready) {
        Connection *connection = after->connection;
        QMetaObject::invokeMethod(connection, [connection] { connection->loggedIn(); }, Qt::QueuedConnection);
    }
}

void Hub::answer(quint64 id, const Frame &frame, bool durable)
{
    m_outgoing.append({id, frame, durable});
    scheduleFlush();
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
    auto client = m_clients.find(id);
    if (client == m_clients.end())
        return;
    qCInfo(lcServerNet) << "closing connection" << id << "from" << client->address << ":" << error.message;
    if (client->stage == Stage::Ready)
        setOnline(id, *client, false);
    Connection *connection = client->connection;
    const Frame frame = wire::errorFrame(0, forClient(error));
    QMetaObject::invokeMethod(connection, [connection, frame] { connection->closeWith(frame); }, Qt::QueuedConnection);
    // The connection reports closed() when its socket is gone; until then nothing more is sent.
    client->stage = Stage::New;
}

Result<void> Hub::write()
{
    if (!m_inTransaction) {
        if (auto begun = m_database->sql().begin(); !begun)
            return begun;
        m_inTransaction = true;
    }
    scheduleFlush();
    return {};
}

void Hub::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    // A zero timer runs after the frames already posted to this thread: they join this turn.
    QTimer::singleShot(0, this, [this] { flush(); });
}

void Hub::flush()
{
    m_flushScheduled = false;
    if (m_inTransaction) {
        m_inTransaction = false;
        if (auto committed = m_database->sql().commit(); !committed) {
            failTurn(committed.error());
            return;
        }
    }
    QList<quint64> refill;
    for (const quint64 id : std::exchange(m_delivering, {})) {
        const auto client = m_clients.find(id);
        if (client == m_clients.end() || !client->stream.hasBatch())
            continue;
        const auto state = m_accounts.constFind(client->account);
        const QCborMap body = client->stream.takeBatch(state == m_accounts.cend() ? QList<DeviceRegistry::Device>{}
                                                                                  : state->devices);
        m_outgoing.append({id, Frame{wire::deliver, 0, body}, true});
        ++client->deliveriesInTransit;
        if (client->stream.wantsRefill())
            refill.append(id);
    }
    if (!refill.isEmpty())
        pumpLater(refill);
    QHash<quint64, QList<Frame>> byClient;
    for (Outgoing &outgoing : m_outgoing)
        byClient[outgoing.client].append(std::move(outgoing.frame));
    m_outgoing.clear();
    for (auto it = byClient.cbegin(); it != byClient.cend(); ++it) {
        const auto client = m_clients.constFind(it.key());
        if (client == m_clients.cend())
            continue;
        Connection *connection = client->connection;
        QMetaObject::invokeMethod(connection, [connection, frames = it.value()] { connection->sendFrames(frames); },
                                  Qt::QueuedConnection);
    }
}

void Hub::failTurn(const Error &error)
{
    // The turn's writes are gone. Answers that promised them become errors (the senders keep the
    // messages in their outboxes and resend), and devices that were being fed from this turn are
    // disconnected so that their next login reads the inboxes afresh.
    qCWarning(lcServer) << "could not write or commit:" << error.message;
    m_inTransaction = false;
    m_database->sql().rollback();
    QSet<quint64> reset;
    QList<Outgoing> kept;
    for (const Outgoing &outgoing : std::as_const(m_outgoing)) {
        if (!outgoing.durable)
            kept.append(outgoing);
        else if (outgoing.frame.requestId != 0)
            kept.append({outgoing.client,
                         wire::errorFrame(outgoing.frame.requestId,
                                          {ErrorCode::ServerFailure, u"the server could not store this"_s}),
                         false});
        else
            reset.insert(outgoing.client);
    }
    for (const quint64 id : std::exchange(m_delivering, {}))
        if (const auto client = m_clients.find(id); client != m_clients.end() && client->stream.hasBatch()) {
            reset.insert(id);
            client->stream.dropBatch();
        }
    m_outgoing = kept;
    m_accounts.clear();
    m_quotas.forget();
    (void)m_database->devices().load();
    (void)m_database->mailbox().load();
    for (quint64 id : std::as_const(reset))
        closeWith(id, {ErrorCode::ServerFailure, u"the server could not store what it was sending you"_s});
    flush();
}

Result<Hub::AccountState *> Hub::account(const QString &name)
{
    auto found = m_accounts.find(name);
    if (found != m_accounts.end())
        return &*found;
    AccountState state;
    auto devices = m_database->devices().devicesOf(name);
    if (!devices)
        return std::unexpected(devices.error());
    state.devices = *devices;
    auto terminal = m_database->devices().terminal(name);
    if (!terminal)
        return std::unexpected(terminal.error());
    state.terminal = *terminal;
    auto secondaries = m_database->terminals().secondaries(name);
    if (!secondaries)
        return std::unexpected(secondaries.error());
    state.secondaries = *secondaries;
    auto archive = m_database->archive().settings(name);
    if (!archive)
        return std::unexpected(archive.error());
    state.archived = archive->has_value();
    auto contacts = m_database->contacts().list(name);
    if (!contacts)
        return std::unexpected(contacts.error());
    for (const wire::ContactEntry &contact : std::as_const(*contacts))
        if (contact.state == wire::ContactState::Accepted)
            state.contacts.insert(contact.user);
    return &*m_accounts.insert(name, state);
}

const Hub::Client *Hub::clientOf(quint64 id) const
{
    const auto found = m_clients.constFind(id);
    return found == m_clients.cend() ? nullptr : &found.value();
}

bool Hub::isTerminal(const AccountState &state, qint64 deviceKey) const
{
    return state.terminal && state.terminal->key == deviceKey;
}

void Hub::pushToAccount(const QString &name, const Frame &frame, quint64 except)
{
    for (quint64 id : m_online.value(name))
        if (id != except)
            answer(id, frame, true);
}

// ---- hello, register, login, device (S210-S260) ----

void Hub::onHello(quint64 id, Client &client, const Frame &frame)
{
    const qint64 version = frame.body.value(u"version"_s).toInteger(-1);
    if (version != FrameCodec::protocolVersion) {
        closeWith(id, {ErrorCode::UnsupportedVersion,
                       u"this server speaks protocol version %1, the client %2"_s.arg(FrameCodec::protocolVersion).arg(version)});
        return;
    }
    client.stage = Stage::Greeted;
    QCborMap body = m_config.limits().toCbor(); // what both sides cut their frames by from now on
    body.insert(u"version"_s, FrameCodec::protocolVersion);
    body.insert(u"server"_s, u"huijid"_s);
    body.insert(u"registration"_s, m_config.registrationOpen);
    answer(id, {wire::hello, frame.requestId, body});
}

qint64 Hub::credentialExpiryMs() const
{
    return qint64{m_config.credentialExpiryDays} * DeviceRegistry::dayMs;
}

bool Hub::reauthenticated(quint64 id, Client &client, const Frame &frame, RequestHandler handler)
{
    if (m_reauthenticated == &frame)
        return true;
    const QString password = frame.body.value(u"password"_s).toString();
    if (password.isEmpty()) {
        answerError(id, frame.requestId, {ErrorCode::ReauthRequired, u"\"%1\" needs the account password again: "
                                                                     "send it as \"password\" with the request"_s.arg(frame.type)});
        return false;
    }
    // One check at a time per connection, and guesses count like those of a login: a stolen
    // credential does not open a way to try passwords faster.
    if (client.reauthenticating) {
        answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"wait for the answer to the request that "
                                                                      "carried the password before"_s});
        return false;
    }
    if (const qint64 wait = m_throttle.retryAfter(client.account, client.address); wait > 0) {
        const qint64 seconds = (wait + 999) / 1000;
        answerError(id, frame.requestId, {ErrorCode::RateLimited,
                                          u"too many wrong passwords; try again in %1 s"_s.arg(seconds), seconds});
        return false;
    }
    auto stored = m_database->accounts().passwordHash(client.account);
    if (!stored) {
        answerError(id, frame.requestId, stored.error());
        return false;
    }
    // Counted from now, like a login's password: guesses sent in parallel count as they are sent.
    const LoginThrottle::Attempt attempt = m_throttle.begin(client.account, client.address);
    auto started = m_passwords.verify(*stored, password.toUtf8(), [this, id, frame, handler, attempt](bool matches) {
        if (matches)
            m_throttle.succeeded(attempt);
        auto found = m_clients.find(id);
        if (found == m_clients.end())
            return;
        found->reauthenticating = false;
        if (found->stage != Stage::Ready)
            return; // closed meanwhile: signed out, say
        if (!matches) {
            qCInfo(lcServerAuth) << "failed re-authentication of" << found->account << "from" << found->address;
            answerError(id, frame.requestId, {ErrorCode::BadCredentials, u"the password is wrong"_s});
            return;
        }
        m_reauthenticated = &frame;
        handler(*this, id, *found, frame);
        m_reauthenticated = nullptr;
    });
    if (!started) {
        m_throttle.withdraw(attempt);
        answerError(id, frame.requestId, started.error());
        return false;
    }
    client.reauthenticating = true;
    return false;
}

void Hub::checkPassword(quint64 id, qint64 requestId, const QString &user, const QByteArray &password,
                        std::function<void(Hub &, bool)> then)
{
    Client &client = m_clients[id];
    if (const qint64 wait = m_throttle.retryAfter(user, client.address); wait > 0) {
        qCInfo(lcServerAuth) << "password check of" << user << "from" << client.address << "throttled";
        const qint64 seconds = (wait + 999) / 1000;
        answerError(id, requestId, {ErrorCode::RateLimited,
                                    u"too many attempts at this account; try again in %1 s"_s.arg(seconds), seconds});
        return;
    }
    auto stored = m_database->accounts().passwordHash(user);
    if (!stored) {
        answerError(id, requestId, stored.error());
        return;
    }
    // Counted from now, not from its failure: guesses sent in parallel count as they are sent.
    const LoginThrottle::Attempt attempt = m_throttle.begin(user, client.address);
    auto started = m_passwords.verify(*stored, password, [this, id, attempt, then = std::move(then)](bool matches) {
        if (matches)
            m_throttle.succeeded(attempt);
        auto checked = m_clients.find(id);
        if (checked == m_clients.end())
            return; // the connection went while the hash ran
        checked->busy = false;
        then(*this, matches);
    });
    if (!started) {
        m_throttle.withdraw(attempt);
        qCInfo(lcServerAuth) << "password check of" << user << "from" << client.address << "refused: too busy";
        answerError(id, requestId, started.error());
        return;
    }
    client.busy = true;
}

void Hub::onRegister(quint64 id, Client &client, const Frame &frame)
{
    const QString user = frame.body.value(u"user"_s).toString();
    const QByteArray password = frame.body.value(u"password"_s).toString().toUtf8();
    if (!m_config.registrationOpen) {
        answerError(id, frame.requestId, {ErrorCode::RegistrationClosed, u"this server does not take new accounts"_s});
        return;
    }
    if (!AccountDirectory::isValidName(user) || password.size() < 8) {
        answerError(id, frame.requestId, {ErrorCode::InvalidArgument,
                                          u"a user name is 1 to 64 letters, digits, '.', '_' or '-', "
                                          "and a password at least 8 characters"_s});
        return;
    }
    if (auto room = m_quotas.admitRegistration(client.address); !room) {
        qCInfo(lcServerAuth) << "registration from" << client.address << "refused:" << room.error().message;
        answerError(id, frame.requestId, room.error());
        return;
    }
    // A taken name costs no hash; one taken while this hash runs is still refused when stored.
    auto taken = m_database->accounts().exists(user);
    if (!taken || *taken) {
        answerError(id, frame.requestId,
                    taken ? Error{ErrorCode::AlreadyExists, u"the user name \"%1\" is taken"_s.arg(user)} : taken.error());
        return;
    }
    auto started = m_passwords.create(password, [this, id, user, requestId = frame.requestId](Result<QByteArray> hash) {
        auto registering = m_clients.find(id);
        if (registering == m_clients.end())
            return;
        registering->busy = false;
        Result<void> created = hash ? write() : std::unexpected(hash.error());
        if (created)
            created = m_database->accounts().create(user, *hash, now());
        if (!created) {
            answerError(id, requestId, created.error());
            return;
        }
        qCInfo(lcServerAuth) << "registered" << user << "from" << registering->address;
        answer(id, {wire::registerAccount, requestId, QCborMap{{u"user"_s, user}}}, true);
    });
    if (!started) {
        qCInfo(lcServerAuth) << "registration from" << client.address << "refused: too busy";
        answerError(id, frame.requestId, started.error());
        return;
    }
    m_quotas.registered(client.address);
    client.busy = true;
}

void Hub::onLogin(quint64 id, Client &client, const Frame &frame)
{
    const QString user = frame.body.value(u"user"_s).toString();
    const QString address = client.address;
    const qint64 requestId = frame.requestId;
    const auto refuse = [id, user, address, requestId](Hub &hub) {
        qCInfo(lcServerAuth) << "failed login of" << user << "from" << address;
        hub.answerError(id, requestId, {ErrorCode::BadCredentials, u"unknown user or wrong password"_s});
    };
    const QCborValue token = frame.body.value(u"token"_s);
    if (token.isString()) {
        // A device's credential logs in as that device only: the device step must name it. A
        // refused one is no guess (256 bits are not guessed), so it does not count in the throttle.
        const auto refuseCredential = [&] {
            qCInfo(lcServerAuth) << "refused a credential of" << user << "from" << address;
            answerError(id, requestId, {ErrorCode::BadCredentials, u"unknown user or wrong password"_s});
        };
        const QByteArray hash = SessionToken::hashOf(token.toString().toLatin1());
        auto credential = m_database->accounts().credential(hash);
        if (!credential) {
            answerError(id, requestId, credential.error());
            return;
        }
        if (!*credential || (*credential)->account != user) {
            refuseCredential();
            return;
        }
        if (now() - (*credential)->lastUsed > credentialExpiryMs()) {
            const Result<void> opened = write();
            const Result<qint64> expired = opened ? m_database->accounts().revokeCredentials({(*credential)->deviceKey})
                                                  : Result<qint64>(std::unexpected(opened.error()));
            if (!expired)
                qCWarning(lcServerAuth) << "could not drop an expired credential:" << expired.error().message;
            qCInfo(lcServerAuth) << "expired credential of" << user << "device" << (*credential)->deviceId;
            refuseCredential();
            return;
        }
        client.credential = hash;
        client.credentialDevice = (*credential)->deviceId;
        finishLogin(id, requestId, user);
        return;
    }
    // Only password guesses are throttled: a 256-bit token cannot be guessed, and a user's own
    // devices must still reconnect with theirs while someone guesses the password. No name that
    // cannot exist is hashed, nor remembered by the throttle.
    if (!AccountDirectory::isValidName(user)) {
        refuse(*this);
        return;
    }
    checkPassword(id, requestId, user, frame.body.value(u"password"_s).toString().toUtf8(),
                  [id, user, requestId, refuse](Hub &hub, bool matches) {
                      if (matches)
                          hub.finishLogin(id, requestId, user);
                      else
                          refuse(hub);
                  });
}

void Hub::finishLogin(quint64 id, qint64 requestId, const QString &user)
{
    Client &client = m_clients[id];
    QCborMap body{{u"user"_s, user}};
    auto contacts = contactsWithPresence(user);
    if (!contacts) {
        answerError(id, requestId, contacts.error());
        return;
    }
    body.insert(u"contacts"_s, wire::toCbor(*contacts)); // S230: the contact list with presence
    auto forwarding = ForwardRequests::policy(*this, user); // claim 12
    if (!forwarding) {
        answerError(id, requestId, forwarding.error());
        return;
    }
    body.insert(u"forwarding"_s, wire::toCbor(*forwarding));
    client.account = user;
    client.stage = Stage::Authenticated;
    qCInfo(lcServerAuth) << user << "logged in from" << client.address;
    answer(id, {wire::login, requestId, body});
}

void Hub::onDevice(quint64 id, Client &client, const Frame &frame)
{
    // S240-S250: the device says who it is; the server counts the use and answers whether this
    // device is the account's storage terminal (S260).
    DeviceInfo info = wire::deviceInfoFromCbor(frame.body);
    // Absent text is empty text, never NULL in the database: a device that leaves a field out is
    // answered, not failed as if the disk had.
    for (QString *text : {&info.name, &info.platform})
        if (text->isNull())
            *text = u""_s;
    const QString macHash = frame.body.value(u"macHash"_s).toString(u""_s);
    if (info.id.isEmpty() || info.id.size() > 64 || info.name.size() > 128 || info.platform.size() > 64
        || macHash.size() > 128) {
        answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"a device needs an id (at most 64 characters), "
                                                                       "a name and a platform"_s});
        return;
    }
    // Checked before anything else, before all the device's other connections are closed: a
    // credential never speaks for another device, and one revoked since the login is no more.
    if (!client.credential.isEmpty()) {
        if (info.id != client.credentialDevice) {
            qCInfo(lcServerAuth) << "refused" << client.account << "device" << client.credentialDevice
                                 << "posing as another device from" << client.address;
            answerError(id, frame.requestId, {ErrorCode::Forbidden, u"this credential is another device's: a device "
                                                                    "logs in with its own, or with the password"_s});
            return;
        }
        const Result<void> opened = write();
        const Result<bool> used = opened ? m_database->accounts().useCredential(client.credential, now())
                                         : Result<bool>(std::unexpected(opened.error()));
        if (!used || !*used) {
            answerError(id, frame.requestId, used ? Error{ErrorCode::BadCredentials, u"this device was signed out"_s}
                                                  : used.error());
            return;
        }
    }
    auto known = account(client.account);
    Result<void> room = known ? m_quotas.admitDevice((*known)->devices, info.id) : std::unexpected(known.error());
    if (!room) {
        answerError(id, frame.requestId, room.error());
        return;
    }
    for (const quint64 other : m_online.value(client.account))
        if (const Client *online = clientOf(other); online && online->device.info.id == info.id) {
            closeWith(other, {ErrorCode::InvalidArgument, u"this device logged in again on another connection"_s});
            setOnline(other, m_clients[other], false);
        }
    if (auto announced = LinkRequests::announce(client, frame.body.value(u"direct"_s).toMap()); !announced) {
        answerError(id, frame.requestId, announced.error());
        return;
    }
    Result<void> opened = write();
    Result<DeviceRegistry::Use> use = opened ? m_database->devices().recordUse(client.account, info, macHash, now())
                                             : std::unexpected(opened.error());
    if (!use) {
        answerError(id, frame.requestId, use.error());
        return;
    }
    if (use->isNew)
        m_accounts.remove(client.account);
    // After a password, the device gets its own credential; one it had before is revoked (a
    // reinstalled device, or the owner taking a device id back from whoever held its credential).
    std::optional<SessionToken::Issued> issued;
    if (client.credential.isEmpty()) {
        issued = SessionToken::issue();
        if (auto stored = m_database->accounts().issueCredential(use->device.key, issued->hash, now()); !stored) {
            answerError(id, frame.requestId, stored.error());
            return;
        }
    }
    auto state = account(client.account);
    if (!state) {
        answerError(id, frame.requestId, state.error());
        return;
    }
    if (!use->isNew) // a rename shows in labels from now on
        for (DeviceRegistry::Device &device : (*state)->devices)
            if (device.key == use->device.key)
                device.info = info;
    auto held = m_database->mailbox().pendingCount(use->device.key);
    if (!held) {
        answerError(id, frame.requestId, held.error());
        return;
    }
    auto owed = CollectionRequests::owed(*this, use->device.key, **state); // claim 13
    if (!owed) {
        answerError(id, frame.requestId, owed.error());
        return;
    }
    client.device = use->device;
    client.stage = Stage::Ready;
    if (issued) {
        client.credential = issued->hash;
        client.credentialDevice = info.id;
    }
    client.stream = DeliveryStream(client.device.key, client.account, client.device.info.id, *held,
                                   DeliveryStream::limitsOf(m_config));
    QCborMap body{{u"isTerminal"_s, isTerminal(**state, client.device.key)}, {u"pending"_s, *held},
                  {u"collect"_s, *owed}};
    if ((*state)->terminal)
        body.insert(u"terminal"_s, QCborMap{{u"device"_s, (*state)->terminal->deviceId},
                                           {u"role"_s, wire::terminalRoleName((*state)->terminal->role)}});
    const QCborMap terminals = TerminalRequests::describe(**state); // claims 2-5
    body.insert(u"role"_s, wire::terminalRoleName(TerminalRequests::roleOf(**state, client.device.key)));
    body.insert(u"terminals"_s, terminals.value(u"terminals"_s));
    body.insert(u"archive"_s, terminals.value(u"archive"_s));
    if (issued)
        body.insert(u"token"_s, QString::fromLatin1(issued->token));
    answer(id, {wire::device, frame.requestId, body}, true);
    if (*owed)
        CollectionRequests::ask(*this, id, *(*state)->terminal);
    setOnline(id, client, true);
    pump(id, client);
}

// ---- relay, inbox pumps and presence (claim 10, S270) ----

void Hub::onSend(quint64 id, Client &client, const Frame &frame)
{
    auto record = RecordCbor::fromCbor(frame.body.value(u"record"_s).toMap());
    if (!record) {
        answerError(id, frame.requestId, record.error());
        return;
    }
    if (record->id.isNull() || record->account != client.account || record->sender != client.account
        || record->direction != Direction::Outgoing) {
        answerError(id, frame.requestId, {ErrorCode::InvalidRecord,
                                          u"a message to send needs an id, this account as account and sender, "
                                          "and direction out"_s});
        return;
    }
    // Only the body is the sender's to size: the rest of what is stored is the session's.
    if (auto fits = m_config.limits().checkBody(record->body); !fits) {
        answerError(id, frame.requestId, fits.error());
        return;
    }
    auto sender = account(client.account);
    if (!sender || !(*sender)->contacts.contains(record->contact)) {
        answerError(id, frame.requestId, sender ? Error{ErrorCode::Forbidden, u"%1 is not your contact"_s.arg(record->contact)}
                                                : sender.error());
        return;
    }
    const std::optional<DeviceRegistry::Terminal> senderTerminal = (*sender)->terminal; // account() may move it
    auto recipient = account(record->contact);
    Result<void> room = recipient ? m_quotas.admitMessage({senderTerminal, client.account}, client.device.key,
                                                          {(*recipient)->terminal, record->contact}, record->id,
                                                          record->body.size())
                                  : std::unexpected(recipient.error());
    if (!room) {
        answerError(id, frame.requestId, room.error());
        return;
    }
    // Histories order by server time, and records of one millisecond by a random part of their id:
    // a device's messages get increasing times, or an outbox sent in one go (after a reconnect)
    // would be shuffled in every history.
    const qint64 at = std::max(now(), client.lastSent + 1);
    client.lastSent = at;
    Mailbox::Message message{0, record->id, client.account, record->contact, client.device.info.id,
                             record->body, record->deviceTime, at, {}, {}, std::nullopt, {}};
    Mailbox::Stored stored;
    QList<quint64> live; // online devices to hand it to once it is stored
    // No savepoint around these writes, the hot path's largest cost after the inserts: what makes
    // them fail (a full disk, an I/O error) fails the whole turn's commit too, so the turn goes.
    bool conflict = false; // the id was this account's before, for another message
    Result<void> done = write();
    if (done) {
        auto kept = m_database->mailbox().store(client.account, message);
        done = kept ? Result<void>{} : std::unexpected(kept.error());
        if (kept)
            stored = *kept;
        // A duplicate is a resend after a lost ack, delivered before, unless its id came first in
        // a collection: then it was only held for the storage terminal and is relayed now. The
        // same id with other content is refused, never merged.
        bool relay = kept && !stored.duplicate;
        if (kept && stored.duplicate) {
            auto before = m_database->mailbox().find(client.account, record->id);
            if (!before)
                done = std::unexpected(before.error());
            else
                conflict = !*before || !Mailbox::sameContent(**before, message);
            if (done && !conflict && !(*before)->collectedBy.isEmpty()) {
                auto collected = m_database->mailbox().relayCollected(stored.seq, message);
                done = collected ? Result<void>{} : std::unexpected(collected.error());
                relay = collected && *collected;
                if (relay)
                    stored.serverTime = at;
            }
        }
        if (relay) {
            message.seq = stored.seq;
            done = fanOut(message, client, live);
            if (done)
                done = TerminalRequests::relayed(*this, client, message);
        }
    }
    if (!done) {
        failTurn(done.error());
        answerError(id, frame.requestId, {ErrorCode::ServerFailure, u"the server could not store the message"_s});
        return;
    }
    if (conflict) {
        qCWarning(lcServerRelay) << client.account << "device" << client.device.info.id << "sent message"
                                 << record->id.toString(QUuid::WithoutBraces)
                                 << "whose id it used before for another message; refused";
        answerError(id, frame.requestId, {ErrorCode::IdConflict, u"this message id was used before for another "
                                                                 "message; send it with a new id"_s});
        return;
    }
    for (const quint64 target : std::as_const(live)) {
        Client &online = m_clients[target];
        if (online.stream.takesLive())
            queueDelivery(target, online, message);
        else
            online.stream.missLive();
    }
    const QCborMap sent{{u"id"_s, record->id.toRfc4122()}, {u"serverTime"_s, stored.serverTime}};
    answer(id, {wire::send, frame.requestId, sent}, true);
}

Result<void> Hub::fanOut(const Mailbox::Message &message, const Client &from, QList<quint64> &live)
{
    // Every device of both accounts gets it, except the one that sent it. Storage terminals hold
    // it without expiry; ordinary devices have it queued for the retention period.
    const qint64 expires = message.serverTime + qint64{m_config.retentionDays} * DeviceRegistry::dayMs;
    for (const QString &name : {message.recipient, message.sender}) {
        auto state = account(name);
        if (!state)
            return std::unexpected(state.error());
        for (const DeviceRegistry::Device &device : std::as_const((*state)->devices)) {
            if (device.key == from.device.key)
                continue;
            const bool terminal = isTerminal(**state, device.key);
            if (auto queued = m_database->mailbox().enqueue(device.key, message.seq,
                                                            terminal ? std::nullopt : std::optional(expires));
                !queued)
                return queued;
            for (const quint64 target : m_online.value(name))
                if (const Client *online = clientOf(target); online && online->device.key == device.key)
                    live.append(target);
        }
    }
    return {};
}

void Hub::queueDelivery(quint64 id, Client &client, const Mailbox::Message &message)
{
    if (!client.stream.hasBatch())
        m_delivering.append(id);
    client.stream.add(message);
    scheduleFlush();
}

void Hub::pump(quint64 id, Client &client)
{
    // The next batch is read once the connection has written the last one and has little
    // waiting: what the server sends on its own stays within a batch of the connection's bound.
    if (client.backedUp || client.deliveriesInTransit > 0)
        return;
    const bool had = client.stream.hasBatch();
    if (auto read = client.stream.refill(m_database->mailbox()); !read) {
        closeWith(id, read.error());
        return;
    }
    if (!had && client.stream.hasBatch()) {
        m_delivering.append(id);
        scheduleFlush();
    }
}

void Hub::pumpLater(const QList<quint64> &ids)
{
    QTimer::singleShot(0, this, [this, ids] {
        for (const quint64 id : ids)
            if (const auto client = m_clients.find(id); client != m_clients.end() && client->stage == Stage::Ready)
                pump(id, *client);
    });
}

void Hub::onAck(quint64 id, Client &client, const Frame &frame)
{
    QList<qint64> seqs;
    for (const QCborValue &seq : frame.body.value(u"seqs"_s).toArray())
        if (seq.isInteger())
            seqs.append(seq.toInteger());
    const Result<void> begun = write();
    if (begun)
        m_quotas.releaseHeld(client.device.key, seqs); // before the rows go
    const auto seen = begun ? m_database->mailbox().acknowledge(client.device.key, client.device.info.id,
                                                                client.account, seqs)
                            : Result<QList<Mailbox::Seen>>(std::unexpected(begun.error()));
    if (!seen) {
        closeWith(id, seen.error());
        return;
    }
    // Receipts: the sender's devices learn that the recipient has these messages now.
    QHash<QString, QCborArray> bySender;
    for (const Mailbox::Seen &message : std::as_const(*seen))
        bySender[message.sender].append(message.id.toRfc4122());
    for (auto it = bySender.cbegin(); it != bySender.cend(); ++it)
        pushToAccount(it.key(), {wire::delivered, 0, QCborMap{{u"ids"_s, it.value()}, {u"at"_s, now()}}});
    client.stream.acknowledged(seqs);
    pump(id, client);
}

void Hub::setOnline(quint64 id, Client &client, bool online)
{
    QList<quint64> &devices = m_online[client.account];
    const bool wasOnline = !devices.isEmpty();
    if (online)
        devices.append(id);
    else
        devices.removeAll(id);
    const bool isOnline = !devices.isEmpty();
    if (!isOnline)
        m_online.remove(client.account);
    if (wasOnline == isOnline)
        return;
    auto contacts = m_database->contacts().list(client.account);
    if (!contacts)
        return;
    const Frame presence{wire::presence, 0, QCborMap{{u"user"_s, client.account}, {u"online"_s, isOnline}}};
    for (const wire::ContactEntry &contact : std::as_const(*contacts))
        if (contact.state == wire::ContactState::Accepted)
            pushToAccount(contact.user, presence);
}

Result<QList<wire::ContactEntry>> Hub::contactsWithPresence(const QString &name)
{
    auto contacts = m_database->contacts().list(name);
    if (!contacts)
        return contacts;
    for (wire::ContactEntry &contact : *contacts)
        contact.online = contact.state == wire::ContactState::Accepted && m_online.contains(contact.user);
    return contacts;
}

} // namespace huiji

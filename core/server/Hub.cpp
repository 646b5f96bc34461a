#include "server/Hub.h"

#include "server/Connection.h"
#include "server/PasswordWorker.h"
#include "server/ServerDatabase.h"
#include "server/ServerLog.h"
#include "server/SessionToken.h"
#include "sql/SqlDatabase.h"

#include "protocol/FrameCodec.h"
#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

#include <QDateTime>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int purgeIntervalMs = 60 * 60 * 1000;

Error notAllowedYet(const QString &type)
{
    return {ErrorCode::NotLoggedIn, u"\"%1\" needs a logged-in device: send hello, login and device first"_s.arg(type)};
}

} // namespace

Hub::Hub(ServerConfig config, std::unique_ptr<ServerDatabase> database)
    : m_config(std::move(config)),
      m_database(std::move(database)),
      m_throttle(m_config.throttle, [this] { return m_monotonic.elapsed(); }),
      m_passwords(*this, m_config.passwordCost)
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
    post([id, connection, address](Hub &hub) { hub.m_clients.insert(id, Client(connection, address)); });
}

void Hub::frameReceived(quint64 id, const Frame &frame)
{
    post([id, frame](Hub &hub) {
        auto client = hub.m_clients.find(id);
        if (client != hub.m_clients.end())
            hub.handle(id, *client, frame);
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

void Hub::handle(quint64 id, Client &client, const Frame &frame)
{
    using Handler = void (Hub::*)(quint64, Client &, const Frame &);
    static const QHash<QString, std::pair<Stage, Handler>> handlers = {
        {wire::hello, {Stage::New, &Hub::onHello}},
        {wire::registerAccount, {Stage::Greeted, &Hub::onRegister}},
        {wire::login, {Stage::Greeted, &Hub::onLogin}},
        {wire::device, {Stage::Authenticated, &Hub::onDevice}},
        {wire::send, {Stage::Ready, &Hub::onSend}},
        {wire::ack, {Stage::Ready, &Hub::onAck}},
        {wire::contacts, {Stage::Ready, &Hub::onContacts}},
        {wire::contactAdd, {Stage::Ready, &Hub::onContacts}},
        {wire::contactAccept, {Stage::Ready, &Hub::onContacts}},
        {wire::contactRemove, {Stage::Ready, &Hub::onContacts}},
        {wire::devices, {Stage::Ready, &Hub::onDevices}},
        {wire::terminalSet, {Stage::Ready, &Hub::onTerminalSet}},
        {wire::terminalClear, {Stage::Ready, &Hub::onTerminalClear}},
    };
    if (client.stage == Stage::New && frame.type != wire::hello) {
        closeWith(id, {ErrorCode::UnsupportedVersion, u"the first frame must be hello with the protocol version"_s});
        return;
    }
    const auto handler = handlers.constFind(frame.type);
    if (handler == handlers.cend()) {
        // Unknown types are answered, not fatal: a newer client may try what this server lacks.
        answerError(id, frame.requestId, {ErrorCode::UnknownType, u"unknown frame type \"%1\""_s.arg(frame.type)});
        return;
    }
    const Stage needed = handler->first;
    if (client.stage != needed) {
        const bool early = static_cast<int>(client.stage) < static_cast<int>(needed);
        answerError(id, frame.requestId,
                    early ? notAllowedYet(frame.type)
                          : Error{ErrorCode::InvalidArgument, u"\"%1\" was already done on this connection"_s.arg(frame.type)});
        return;
    }
    if (client.busy) {
        answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"wait for the answer to login first"_s});
        return;
    }
    (this->*(handler->second))(id, client, frame);
}

void Hub::answer(quint64 id, const Frame &frame, bool durable)
{
    m_outgoing.append({id, frame, durable});
    scheduleFlush();
}

void Hub::answerError(quint64 id, qint64 requestId, const Error &error)
{
    answer(id, wire::errorFrame(requestId, error));
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
    const Frame frame = wire::errorFrame(0, error);
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
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        if (it->deliveries.isEmpty())
            continue;
        QCborArray devices;
        const AccountState *state = m_accounts.contains(it->account) ? &m_accounts[it->account] : nullptr;
        if (state)
            for (const DeviceRegistry::Device &device : state->devices)
                if (it->deliveryDevices.contains(device.info.id))
                    devices.append(wire::toCbor(device.info));
        m_outgoing.append({it.key(), Frame{wire::deliver, 0, QCborMap{{u"records"_s, it->deliveries},
                                                                    {u"devices"_s, devices},
                                                                    {u"remaining"_s, it->pump.remaining}}}, true});
        it->deliveries = {};
        it->deliveryDevices.clear();
    }
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
    qCWarning(lcServer) << "could not commit:" << error.message;
    m_database->sql().rollback();
    QSet<quint64> reset;
    QList<Outgoing> kept;
    for (const Outgoing &outgoing : std::as_const(m_outgoing)) {
        if (!outgoing.durable)
            kept.append(outgoing);
        else if (outgoing.frame.requestId != 0)
            kept.append({outgoing.client,
                         wire::errorFrame(outgoing.frame.requestId, {ErrorCode::ServerFailure,
                                                                     u"the server could not store this: %1"_s.arg(error.message)}),
                         false});
        else
            reset.insert(outgoing.client);
    }
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it)
        if (!it->deliveries.isEmpty()) {
            reset.insert(it.key());
            it->deliveries = {};
        }
    m_outgoing = kept;
    m_accounts.clear();
    (void)m_database->devices().load();
    (void)m_database->mailbox().load();
    for (quint64 id : std::as_const(reset))
        closeWith(id, {ErrorCode::ServerFailure, u"the server could not store: %1"_s.arg(error.message)});
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
    answer(id, {wire::hello, frame.requestId,
                QCborMap{{u"version"_s, FrameCodec::protocolVersion},
                         {u"server"_s, u"huijid"_s},
                         {u"registration"_s, m_config.registrationOpen}}});
}

void Hub::checkPassword(quint64 id, const QString &user, const QByteArray &password,
                        std::function<void(Hub &, bool)> then)
{
    auto stored = m_database->accounts().passwordHash(user);
    if (!stored) {
        then(*this, false);
        return;
    }
    m_clients[id].busy = true;
    m_passwords.verify(*stored, password, [this, id, then = std::move(then)](bool matches) {
        auto client = m_clients.find(id);
        if (client == m_clients.end())
            return; // the connection went while the hash ran
        client->busy = false;
        then(*this, matches);
    });
}

void Hub::onRegister(quint64 id, Client &, const Frame &frame)
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
    m_clients[id].busy = true;
    m_passwords.create(password, [this, id, user, requestId = frame.requestId](Result<QByteArray> hash) {
        auto client = m_clients.find(id);
        if (client == m_clients.end())
            return;
        client->busy = false;
        Result<void> created = hash ? write() : std::unexpected(hash.error());
        if (created)
            created = m_database->accounts().create(user, *hash, now());
        if (!created) {
            answerError(id, requestId, created.error());
            return;
        }
        qCInfo(lcServerAuth) << "registered" << user << "from" << client->address;
        answer(id, {wire::registerAccount, requestId, QCborMap{{u"user"_s, user}}}, true);
    });
}

void Hub::onLogin(quint64 id, Client &client, const Frame &frame)
{
    const QString user = frame.body.value(u"user"_s).toString();
    const QString address = client.address;
    const qint64 requestId = frame.requestId;
    const auto refuse = [id, user, address, requestId](Hub &hub) {
        hub.m_throttle.recordFailure(user, address);
        qCInfo(lcServerAuth) << "failed login of" << user << "from" << address;
        hub.answerError(id, requestId, {ErrorCode::BadCredentials, u"unknown user or wrong password"_s});
    };
    const QCborValue token = frame.body.value(u"token"_s);
    if (token.isString()) {
        auto owner = m_database->accounts().accountOfSession(SessionToken::hashOf(token.toString().toLatin1()));
        if (!owner) {
            answerError(id, requestId, owner.error());
            return;
        }
        if (*owner != user) {
            refuse(*this);
            return;
        }
        finishLogin(id, requestId, user, false);
        return;
    }
    // Only password guesses are throttled: a 256-bit token cannot be guessed, and a user's own
    // devices must still reconnect with theirs while someone guesses the password.
    const qint64 wait = m_throttle.retryAfter(user, client.address);
    if (wait > 0) {
        qCInfo(lcServerAuth) << "login of" << user << "from" << client.address << "throttled";
        answerError(id, requestId, {ErrorCode::RateLimited,
                                    u"too many failed logins; try again in %1 s"_s.arg((wait + 999) / 1000)});
        return;
    }
    checkPassword(id, user, frame.body.value(u"password"_s).toString().toUtf8(),
                  [id, user, requestId, refuse](Hub &hub, bool matches) {
                      if (matches)
                          hub.finishLogin(id, requestId, user, true);
                      else
                          refuse(hub);
                  });
}

void Hub::finishLogin(quint64 id, qint64 requestId, const QString &user, bool issueToken)
{
    Client &client = m_clients[id];
    m_throttle.recordSuccess(user);
    QCborMap body{{u"user"_s, user}};
    bool durable = false;
    if (issueToken) {
        const SessionToken::Issued issued = SessionToken::issue();
        Result<void> stored = write();
        if (stored)
            stored = m_database->accounts().addSession(issued.hash, user, now());
        if (!stored) {
            answerError(id, requestId, stored.error());
            return;
        }
        body.insert(u"token"_s, QString::fromLatin1(issued.token));
        durable = true;
    }
    auto contacts = contactsWithPresence(user);
    if (!contacts) {
        answerError(id, requestId, contacts.error());
        return;
    }
    body.insert(u"contacts"_s, wire::toCbor(*contacts)); // S230: the contact list with presence
    client.account = user;
    client.stage = Stage::Authenticated;
    qCInfo(lcServerAuth) << user << "logged in from" << client.address;
    answer(id, {wire::login, requestId, body}, durable);
}

void Hub::onDevice(quint64 id, Client &client, const Frame &frame)
{
    // S240-S250: the device says who it is; the server counts the use and answers whether this
    // device is the account's storage terminal (S260).
    const DeviceInfo info = wire::deviceInfoFromCbor(frame.body);
    const QString macHash = frame.body.value(u"macHash"_s).toString();
    if (info.id.isEmpty() || info.id.size() > 64 || info.name.size() > 128 || info.platform.size() > 64
        || macHash.size() > 128) {
        answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"a device needs an id (at most 64 characters), "
                                                                       "a name and a platform"_s});
        return;
    }
    for (const quint64 other : m_online.value(client.account))
        if (const Client *online = clientOf(other); online && online->device.info.id == info.id) {
            closeWith(other, {ErrorCode::InvalidArgument, u"this device logged in again on another connection"_s});
            setOnline(other, m_clients[other], false);
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
    client.device = use->device;
    client.stage = Stage::Ready;
    client.pump = {0, 0, *held, false};
    QCborMap body{{u"isTerminal"_s, isTerminal(**state, client.device.key)}, {u"pending"_s, *held}};
    if ((*state)->terminal)
        body.insert(u"terminal"_s, QCborMap{{u"device"_s, (*state)->terminal->deviceId},
                                           {u"role"_s, wire::terminalRoleName((*state)->terminal->role)}});
    answer(id, {wire::device, frame.requestId, body}, true);
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
        || record->direction != Direction::Outgoing || record->body.size() > m_config.maxBodyChars) {
        answerError(id, frame.requestId, {ErrorCode::InvalidRecord,
                                          u"a message to send needs an id, this account as account and sender, "
                                          "direction out and at most %1 characters"_s.arg(m_config.maxBodyChars)});
        return;
    }
    auto allowed = m_database->contacts().areContacts(client.account, record->contact);
    if (!allowed || !*allowed) {
        answerError(id, frame.requestId, allowed ? Error{ErrorCode::Forbidden, u"%1 is not your contact"_s.arg(record->contact)}
                                                 : allowed.error());
        return;
    }
    const qint64 at = now();
    Mailbox::Message message{0, record->id, client.account, record->contact, client.device.info.id,
                             record->body, record->deviceTime, at, {}};
    Mailbox::Stored stored;
    QList<quint64> live; // online devices to hand it to once it is stored
    Result<void> done = write();
    if (done)
        done = m_database->sql().savepoint([&]() -> Result<void> {
            auto kept = m_database->mailbox().store(message);
            if (!kept)
                return std::unexpected(kept.error());
            stored = *kept;
            if (stored.duplicate) // a resend after a lost ack: stored and delivered before
                return {};
            message.seq = stored.seq;
            return fanOut(message, client, live);
        });
    if (!done) {
        answerError(id, frame.requestId, done.error());
        return;
    }
    for (const quint64 target : std::as_const(live)) {
        Client &online = m_clients[target];
        if (online.pump.caughtUp && online.pump.inFlight < m_config.deliveryWindow)
            queueDelivery(online, message);
        else
            online.pump.caughtUp = false; // its pump reads it from the inbox in its turn
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

void Hub::queueDelivery(Client &client, const Mailbox::Message &message)
{
    const Record record = Mailbox::recordFor(message, client.account, client.device.info.id);
    client.deliveries.append(QCborMap{{u"seq"_s, message.seq}, {u"record"_s, RecordCbor::toCbor(record)}});
    client.deliveryDevices.insert(record.originDevice);
    client.pump.cursor = std::max(client.pump.cursor, message.seq);
    ++client.pump.inFlight;
    client.pump.remaining = std::max<qint64>(0, client.pump.remaining - 1);
    scheduleFlush();
}

void Hub::pump(quint64 id, Client &client)
{
    while (!client.pump.caughtUp && client.pump.inFlight < m_config.deliveryWindow) {
        const int limit = std::min<int>(m_config.deliveryBatch,
                                        static_cast<int>(m_config.deliveryWindow - client.pump.inFlight));
        auto batch = m_database->mailbox().pending(client.device.key, client.pump.cursor, limit);
        if (!batch) {
            closeWith(id, batch.error());
            return;
        }
        for (const Mailbox::Message &message : std::as_const(*batch))
            queueDelivery(client, message);
        if (batch->size() < limit)
            client.pump.caughtUp = true;
        if (!client.deliveries.isEmpty() && client.pump.inFlight >= m_config.deliveryBatch)
            break; // send this batch before reading more
    }
}

void Hub::onAck(quint64 id, Client &client, const Frame &frame)
{
    QList<qint64> seqs;
    for (const QCborValue &seq : frame.body.value(u"seqs"_s).toArray())
        if (seq.isInteger())
            seqs.append(seq.toInteger());
    Result<void> done = write();
    if (done)
        done = m_database->mailbox().acknowledge(client.device.key, client.device.info.id, client.account, seqs);
    if (!done) {
        closeWith(id, done.error());
        return;
    }
    client.pump.inFlight = std::max<qint64>(0, client.pump.inFlight - seqs.size());
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

// ---- contacts, the device list and the storage terminal (claims 6-8) ----

void Hub::onContacts(quint64 id, Client &client, const Frame &frame)
{
    const QString other = frame.body.value(u"user"_s).toString();
    const qint64 at = now();
    ContactBook &book = m_database->contacts();
    std::optional<wire::ContactState> mine; // the asking side's state after the change; none: removed
    Result<void> done = frame.type == wire::contacts ? Result<void>{} : write();
    if (done && frame.type == wire::contactAdd) {
        auto state = book.request(client.account, other, at);
        done = state ? Result<void>{} : std::unexpected(state.error());
        if (state)
            mine = *state;
    } else if (done && frame.type == wire::contactAccept) {
        done = book.accept(client.account, other, at);
        mine = wire::ContactState::Accepted;
    } else if (done && frame.type == wire::contactRemove) {
        done = book.remove(client.account, other);
    }
    if (!done) {
        answerError(id, frame.requestId, done.error());
        return;
    }
    if (frame.type == wire::contacts) {
        auto contacts = contactsWithPresence(client.account);
        if (!contacts)
            answerError(id, frame.requestId, contacts.error());
        else
            answer(id, {wire::contacts, frame.requestId, QCborMap{{u"contacts"_s, wire::toCbor(*contacts)}}});
        return;
    }
    // Both people's devices learn the new state; presence comes with an acceptance.
    const auto push = [&](const QString &to, const QString &about, std::optional<wire::ContactState> state, quint64 except) {
        QCborMap body{{u"user"_s, about}};
        if (state) {
            body.insert(u"state"_s, wire::contactStateName(*state));
            body.insert(u"online"_s, *state == wire::ContactState::Accepted && m_online.contains(about));
        } else {
            body.insert(u"removed"_s, true);
        }
        pushToAccount(to, {wire::contact, 0, body}, except);
    };
    std::optional<wire::ContactState> theirs;
    if (mine)
        theirs = *mine == wire::ContactState::Outgoing ? wire::ContactState::Incoming : *mine;
    push(client.account, other, mine, id);
    push(other, client.account, theirs, 0);
    QCborMap body{{u"user"_s, other}};
    if (mine)
        body.insert(u"state"_s, wire::contactStateName(*mine));
    answer(id, {frame.type, frame.requestId, body}, true);
}

void Hub::onDevices(quint64 id, Client &client, const Frame &frame)
{
    const QString sort = frame.body.value(u"sort"_s).toString(u"frequency"_s);
    const auto order = wire::deviceOrderFromName(sort);
    const qint64 window = frame.body.value(u"window"_s).toInteger(30);
    if (!order || window < 1 || window > 3650) {
        answerError(id, frame.requestId, {ErrorCode::InvalidArgument,
                                          u"sort is frequency or recency, and the window 1 to 3650 days"_s});
        return;
    }
    auto entries = m_database->devices().list(client.account, *order, static_cast<int>(window), now());
    if (!entries) {
        answerError(id, frame.requestId, entries.error());
        return;
    }
    QCborArray devices;
    for (wire::DeviceEntry &entry : *entries) {
        for (const quint64 other : m_online.value(client.account))
            if (const Client *online = clientOf(other); online && online->device.info.id == entry.info.id)
                entry.online = true;
        devices.append(wire::toCbor(entry));
    }
    answer(id, {wire::devices, frame.requestId,
                QCborMap{{u"devices"_s, devices}, {u"this"_s, client.device.info.id}}});
}

void Hub::onTerminalSet(quint64 id, Client &client, const Frame &frame)
{
    const QString deviceId = frame.body.value(u"device"_s).toString(client.device.info.id);
    const auto role = wire::terminalRoleFromName(frame.body.value(u"role"_s).toString(u"primary"_s));
    if (role != wire::TerminalRole::Primary) {
        answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"this server takes primary storage terminals only"_s});
        return;
    }
    auto state = account(client.account);
    if (!state) {
        answerError(id, frame.requestId, state.error());
        return;
    }
    const std::optional<DeviceRegistry::Terminal> before = (*state)->terminal;
    DeviceRegistry::Terminal chosen;
    Result<void> done = write();
    if (done)
        done = m_database->sql().savepoint([&]() -> Result<void> {
            auto set = m_database->devices().setTerminal(client.account, deviceId, *role, now());
            if (!set)
                return std::unexpected(set.error());
            chosen = *set;
            // What waits for the new terminal is held from now on; what waited for the old one
            // gets the ordinary retention.
            if (before && before->key != chosen.key)
                if (auto released = m_database->mailbox().release(
                        before->key, now() + qint64{m_config.retentionDays} * DeviceRegistry::dayMs);
                    !released)
                    return released;
            return m_database->mailbox().hold(chosen.key);
        });
    if (!done) {
        answerError(id, frame.requestId, done.error());
        return;
    }
    (*state)->terminal = chosen;
    qCInfo(lcServerRelay) << client.account << "chose storage terminal" << chosen.deviceId;
    const QCborMap body{{u"device"_s, chosen.deviceId}, {u"role"_s, wire::terminalRoleName(chosen.role)}};
    pushToAccount(client.account, {wire::terminal, 0, body});
    answer(id, {wire::terminalSet, frame.requestId, body}, true);
}

void Hub::onTerminalClear(quint64 id, Client &client, const Frame &frame)
{
    auto state = account(client.account);
    if (!state) {
        answerError(id, frame.requestId, state.error());
        return;
    }
    const std::optional<DeviceRegistry::Terminal> before = (*state)->terminal;
    Result<void> done = write();
    if (done)
        done = m_database->sql().savepoint([&]() -> Result<void> {
            if (auto cleared = m_database->devices().clearTerminal(client.account); !cleared)
                return cleared;
            if (!before)
                return {};
            return m_database->mailbox().release(before->key,
                                                 now() + qint64{m_config.retentionDays} * DeviceRegistry::dayMs);
        });
    if (!done) {
        answerError(id, frame.requestId, done.error());
        return;
    }
    (*state)->terminal.reset();
    qCInfo(lcServerRelay) << client.account << "cleared the storage terminal";
    pushToAccount(client.account, {wire::terminal, 0, QCborMap{}});
    answer(id, {wire::terminalClear, frame.requestId, QCborMap{}}, true);
}

} // namespace huiji

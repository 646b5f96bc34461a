#include "server/modules/LoginRequests.h"

#include "server/ServerLog.h"
#include "server/db/ServerDatabase.h"
#include "server/engine/Hub.h"
#include "server/engine/SessionToken.h"
#include "server/modules/AccountRequests.h"
#include "server/modules/CollectionRequests.h"
#include "server/modules/ForwardRequests.h"
#include "server/modules/LinkRequests.h"
#include "server/modules/TerminalRequests.h"

#include "protocol/FrameCodec.h"
#include "protocol/Wire.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

void LoginRequests::registerOn(Dispatcher &dispatcher)
{
    using enum Dispatcher::Size;
    using enum Dispatcher::Rate;
    dispatcher.add(wire::hello, {Peer::Stage::New, Control, Free, &onHello});
    dispatcher.add(wire::registerAccount, {Peer::Stage::Greeted, Control, Free, &onRegister});
    dispatcher.add(wire::login, {Peer::Stage::Greeted, Control, Free, &onLogin});
    dispatcher.add(wire::device, {Peer::Stage::Authenticated, Control, Free, &onDevice});
}

void LoginRequests::onHello(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    const qint64 version = frame.body.value(u"version"_s).toInteger(-1);
    if (version != FrameCodec::protocolVersion) {
        hub.closeWith(id, {ErrorCode::UnsupportedVersion,
                       u"this server speaks protocol version %1, the client %2"_s.arg(FrameCodec::protocolVersion).arg(version)});
        return;
    }
    client.stage = Peer::Stage::Greeted;
    QCborMap body = hub.config().limits().toCbor(); // what both sides cut their frames by from now on
    body.insert(u"version"_s, FrameCodec::protocolVersion);
    body.insert(u"server"_s, u"huijid"_s);
    body.insert(u"registration"_s, hub.config().registrationOpen);
    hub.answer(id, {wire::hello, frame.requestId, body});
}

void LoginRequests::onRegister(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    const QString user = frame.body.value(u"user"_s).toString();
    const QByteArray password = frame.body.value(u"password"_s).toString().toUtf8();
    if (!hub.config().registrationOpen) {
        hub.answerError(id, frame.requestId, {ErrorCode::RegistrationClosed, u"this server does not take new accounts"_s});
        return;
    }
    if (!AccountDirectory::isValidName(user) || password.size() < 8) {
        hub.answerError(id, frame.requestId, {ErrorCode::InvalidArgument,
                                          u"a user name is 1 to 64 letters, digits, '.', '_' or '-', "
                                          "and a password at least 8 characters"_s});
        return;
    }
    if (auto room = hub.quotas().admitRegistration(client.address); !room) {
        qCInfo(lcServerAuth) << "registration from" << client.address << "refused:" << room.error().message;
        hub.answerError(id, frame.requestId, room.error());
        return;
    }
    // A taken name costs no hash; one taken while this hash runs is still refused when stored.
    auto taken = hub.database().accounts().exists(user);
    if (!taken || *taken) {
        hub.answerError(id, frame.requestId,
                    taken ? Error{ErrorCode::AlreadyExists, u"the user name \"%1\" is taken"_s.arg(user)} : taken.error());
        return;
    }
    auto started = hub.passwords().create(password, [&hub, id, user, requestId = frame.requestId](Result<QByteArray> hash) {
        Peer *registering = hub.sessions().find(id);
        if (!registering)
            return;
        registering->busy = false;
        Result<void> created = hash ? hub.write() : std::unexpected(hash.error());
        if (created)
            created = hub.database().accounts().create(user, *hash, hub.now());
        if (!created) {
            hub.answerError(id, requestId, created.error());
            return;
        }
        qCInfo(lcServerAuth) << "registered" << user << "from" << registering->address;
        hub.answer(id, {wire::registerAccount, requestId, QCborMap{{u"user"_s, user}}}, true);
    });
    if (!started) {
        qCInfo(lcServerAuth) << "registration from" << client.address << "refused: too busy";
        hub.answerError(id, frame.requestId, started.error());
        return;
    }
    hub.quotas().registered(client.address);
    client.busy = true;
}

void LoginRequests::onLogin(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    const QString user = frame.body.value(u"user"_s).toString();
    const QString address = client.address;
    const qint64 requestId = frame.requestId;
    const auto refuse = [id, user, address, requestId](Hub &checked) {
        qCInfo(lcServerAuth) << "failed login of" << user << "from" << address;
        checked.answerError(id, requestId, {ErrorCode::BadCredentials, u"unknown user or wrong password"_s});
    };
    const QCborValue token = frame.body.value(u"token"_s);
    if (token.isString()) {
        // A device's credential logs in as that device only: the device step must name it. A
        // refused one is no guess (256 bits are not guessed), so it does not count in the throttle.
        const auto refuseCredential = [&] {
            qCInfo(lcServerAuth) << "refused a credential of" << user << "from" << address;
            hub.answerError(id, requestId, {ErrorCode::BadCredentials, u"unknown user or wrong password"_s});
        };
        const QByteArray hash = SessionToken::hashOf(token.toString().toLatin1());
        auto credential = hub.database().accounts().credential(hash);
        if (!credential) {
            hub.answerError(id, requestId, credential.error());
            return;
        }
        if (!*credential || (*credential)->account != user) {
            refuseCredential();
            return;
        }
        if (hub.now() - (*credential)->lastUsed > hub.config().credentialExpiryMs()) {
            const Result<void> opened = hub.write();
            const Result<qint64> expired = opened ? hub.database().accounts().revokeCredentials({(*credential)->deviceKey})
                                                  : Result<qint64>(std::unexpected(opened.error()));
            if (!expired)
                qCWarning(lcServerAuth) << "could not drop an expired credential:" << expired.error().message;
            qCInfo(lcServerAuth) << "expired credential of" << user << "device" << (*credential)->deviceId;
            refuseCredential();
            return;
        }
        client.credential = hash;
        client.credentialDevice = (*credential)->deviceId;
        finishLogin(hub, id, requestId, user);
        return;
    }
    // Only password guesses are throttled: a 256-bit token cannot be guessed, and a user's own
    // devices must still reconnect with theirs while someone guesses the password. No name that
    // cannot exist is hashed, nor remembered by the throttle.
    if (!AccountDirectory::isValidName(user)) {
        refuse(hub);
        return;
    }
    hub.passwords().login(id, client, requestId, user, frame.body.value(u"password"_s).toString().toUtf8(),
                          [id, user, requestId, refuse](Hub &checked, bool matches) {
                              if (matches)
                                  finishLogin(checked, id, requestId, user);
                              else
                                  refuse(checked);
                          });
}

void LoginRequests::finishLogin(Hub &hub, quint64 id, qint64 requestId, const QString &user)
{
    Peer &client = *hub.sessions().find(id); // the caller found it
    QCborMap body{{u"user"_s, user}};
    auto contacts = AccountRequests::contactsWithPresence(hub, user);
    if (!contacts) {
        hub.answerError(id, requestId, contacts.error());
        return;
    }
    body.insert(u"contacts"_s, wire::toCbor(*contacts)); // S230: the contact list with presence
    auto forwarding = ForwardRequests::policy(hub, user); // claim 12
    if (!forwarding) {
        hub.answerError(id, requestId, forwarding.error());
        return;
    }
    body.insert(u"forwarding"_s, wire::toCbor(*forwarding));
    client.account = user;
    client.stage = Peer::Stage::Authenticated;
    qCInfo(lcServerAuth) << user << "logged in from" << client.address;
    hub.answer(id, {wire::login, requestId, body});
}

void LoginRequests::onDevice(Hub &hub, quint64 id, Peer &client, const Frame &frame)
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
        hub.answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"a device needs an id (at most 64 characters), "
                                                                       "a name and a platform"_s});
        return;
    }
    // Checked before anything else, before all the device's other connections are closed: a
    // credential never speaks for another device, and one revoked since the login is no more.
    if (!client.credential.isEmpty()) {
        if (info.id != client.credentialDevice) {
            qCInfo(lcServerAuth) << "refused" << client.account << "device" << client.credentialDevice
                                 << "posing as another device from" << client.address;
            hub.answerError(id, frame.requestId, {ErrorCode::Forbidden, u"this credential is another device's: a device "
                                                                    "logs in with its own, or with the password"_s});
            return;
        }
        const Result<void> opened = hub.write();
        const Result<bool> used = opened ? hub.database().accounts().useCredential(client.credential, hub.now())
                                         : Result<bool>(std::unexpected(opened.error()));
        if (!used || !*used) {
            hub.answerError(id, frame.requestId, used ? Error{ErrorCode::BadCredentials, u"this device was signed out"_s}
                                                  : used.error());
            return;
        }
    }
    auto known = hub.accounts().get(client.account);
    Result<void> room = known ? hub.quotas().admitDevice((*known)->devices, info.id) : std::unexpected(known.error());
    if (!room) {
        hub.answerError(id, frame.requestId, room.error());
        return;
    }
    for (const quint64 other : hub.sessions().online(client.account))
        if (const Peer *online = hub.sessions().find(other); online && online->device.info.id == info.id)
            hub.closeWith(other, {ErrorCode::InvalidArgument, u"this device logged in again on another connection"_s});
    if (auto announced = LinkRequests::announce(client, frame.body.value(u"direct"_s).toMap()); !announced) {
        hub.answerError(id, frame.requestId, announced.error());
        return;
    }
    Result<void> opened = hub.write();
    Result<DeviceRegistry::Use> use = opened ? hub.database().devices().recordUse(client.account, info, macHash, hub.now())
                                             : std::unexpected(opened.error());
    if (!use) {
        hub.answerError(id, frame.requestId, use.error());
        return;
    }
    if (use->isNew)
        hub.accounts().forget(client.account);
    // After a password, the device gets its own credential; one it had before is revoked (a
    // reinstalled device, or the owner taking a device id back from whoever held its credential).
    std::optional<SessionToken::Issued> issued;
    if (client.credential.isEmpty()) {
        issued = SessionToken::issue();
        if (auto stored = hub.database().accounts().issueCredential(use->device.key, issued->hash, hub.now()); !stored) {
            hub.answerError(id, frame.requestId, stored.error());
            return;
        }
    }
    auto state = hub.accounts().get(client.account);
    if (!state) {
        hub.answerError(id, frame.requestId, state.error());
        return;
    }
    if (!use->isNew) // a rename shows in labels from now on
        for (DeviceRegistry::Device &device : (*state)->devices)
            if (device.key == use->device.key)
                device.info = info;
    auto held = hub.database().mailbox().pendingCount(use->device.key);
    if (!held) {
        hub.answerError(id, frame.requestId, held.error());
        return;
    }
    auto owed = CollectionRequests::owed(hub, use->device.key, **state); // claim 13
    if (!owed) {
        hub.answerError(id, frame.requestId, owed.error());
        return;
    }
    client.device = use->device;
    client.stage = Peer::Stage::Ready;
    if (issued) {
        client.credential = issued->hash;
        client.credentialDevice = info.id;
    }
    client.stream = DeliveryStream(client.device.key, client.account, client.device.info.id, *held,
                                   DeliveryStream::limitsOf(hub.config()));
    QCborMap body{{u"isTerminal"_s, (*state)->isPrimary(client.device.key)}, {u"pending"_s, *held},
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
    hub.answer(id, {wire::device, frame.requestId, body}, true);
    if (*owed)
        CollectionRequests::ask(hub, id, *(*state)->terminal);
    hub.setOnline(id, client, true);
    hub.delivery().pump(id, client);
}

} // namespace huiji

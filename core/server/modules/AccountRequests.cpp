#include "server/modules/AccountRequests.h"

#include "server/db/ServerDatabase.h"
#include "server/engine/Hub.h"
#include "server/ServerLog.h"
#include "sql/SqlDatabase.h"

#include "protocol/Wire.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype maxDeviceName = 64;

} // namespace

void AccountRequests::registerOn(Dispatcher &dispatcher)
{
    using enum Dispatcher::Size;
    using enum Dispatcher::Rate;
    for (const QString &type : {wire::contacts, wire::contactAdd, wire::contactAccept, wire::contactRemove})
        dispatcher.add(type, {Peer::Stage::Ready, Control, Counted, &contacts});
    dispatcher.add(wire::devices, {Peer::Stage::Ready, Control, Counted, &devices});
    dispatcher.add(wire::deviceRename, {Peer::Stage::Ready, Control, Counted, &renameDevice});
}

Result<QList<wire::ContactEntry>> AccountRequests::contactsWithPresence(Hub &hub, const QString &account)
{
    auto contacts = hub.database().contacts().list(account);
    if (!contacts)
        return contacts;
    for (wire::ContactEntry &contact : *contacts)
        contact.online = contact.state == wire::ContactState::Accepted && hub.sessions().isOnline(contact.user);
    return contacts;
}

void AccountRequests::contacts(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    const QString other = frame.body.value(u"user"_s).toString();
    const qint64 at = hub.now();
    ContactBook &book = hub.database().contacts();
    std::optional<wire::ContactState> mine; // the asking side's state after the change; none: removed
    Result<void> done = frame.type == wire::contacts ? Result<void>{} : hub.write();
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
        hub.answerError(id, frame.requestId, done.error());
        return;
    }
    if (frame.type != wire::contacts) { // who may write to whom has changed
        hub.accounts().forget(client.account);
        hub.accounts().forget(other);
    }
    if (frame.type == wire::contacts) {
        auto contacts = contactsWithPresence(hub, client.account);
        if (!contacts)
            hub.answerError(id, frame.requestId, contacts.error());
        else
            hub.answer(id, {wire::contacts, frame.requestId, QCborMap{{u"contacts"_s, wire::toCbor(*contacts)}}});
        return;
    }
    // Every device of both people learns the new state, the asking one too (a session keeps its
    // contact list from pushes); presence comes with an acceptance.
    const auto push = [&](const QString &to, const QString &about, std::optional<wire::ContactState> state) {
        QCborMap body{{u"user"_s, about}};
        if (state) {
            body.insert(u"state"_s, wire::contactStateName(*state));
            body.insert(u"online"_s, *state == wire::ContactState::Accepted && hub.sessions().isOnline(about));
        } else {
            body.insert(u"removed"_s, true);
        }
        hub.sessions().push(to, {wire::contact, 0, body});
    };
    std::optional<wire::ContactState> theirs;
    if (mine)
        theirs = *mine == wire::ContactState::Outgoing ? wire::ContactState::Incoming : *mine;
    push(client.account, other, mine);
    push(other, client.account, theirs);
    QCborMap body{{u"user"_s, other}};
    if (mine)
        body.insert(u"state"_s, wire::contactStateName(*mine));
    hub.answer(id, {frame.type, frame.requestId, body}, true);
}

void AccountRequests::devices(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    const QString sort = frame.body.value(u"sort"_s).toString(u"frequency"_s);
    const auto order = wire::deviceOrderFromName(sort);
    const qint64 window = frame.body.value(u"window"_s).toInteger(30);
    if (!order || window < 1 || window > 3650) {
        hub.answerError(id, frame.requestId, {ErrorCode::InvalidArgument,
                                          u"sort is frequency or recency, and the window 1 to 3650 days"_s});
        return;
    }
    auto entries = hub.database().devices().list(client.account, *order, static_cast<int>(window), hub.now());
    if (!entries) {
        hub.answerError(id, frame.requestId, entries.error());
        return;
    }
    QCborArray devices;
    for (wire::DeviceEntry &entry : *entries) {
        for (const quint64 other : hub.sessions().online(client.account))
            if (const Peer *online = hub.sessions().find(other); online && online->device.info.id == entry.info.id)
                entry.online = true;
        devices.append(wire::toCbor(entry));
    }
    hub.answer(id, {wire::devices, frame.requestId,
                QCborMap{{u"devices"_s, devices}, {u"this"_s, client.device.info.id}}});
}

void AccountRequests::renameDevice(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    const QString name = frame.body.value(u"name"_s).toString().simplified();
    if (name.isEmpty() || name.size() > maxDeviceName) {
        hub.answerError(id, frame.requestId, {ErrorCode::InvalidArgument,
                                              u"a device name has 1 to %1 characters"_s.arg(maxDeviceName)});
        return;
    }
    Result<void> done = hub.write();
    if (done)
        done = hub.database().devices().rename(client.device.key, name);
    if (!done) {
        hub.answerError(id, frame.requestId, done.error());
        return;
    }
    client.device.info.name = name;
    if (AccountState *state = hub.accounts().cached(client.account))
        for (DeviceRegistry::Device &device : state->devices)
            if (device.key == client.device.key)
                device.info.name = name;
    hub.answer(id, {wire::deviceRename, frame.requestId, QCborMap{{u"name"_s, name}}}, true);
}

} // namespace huiji

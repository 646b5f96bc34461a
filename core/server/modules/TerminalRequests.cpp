#include "server/modules/TerminalRequests.h"

#include "server/engine/Hub.h"

#include "server/modules/CollectionRequests.h"
#include "server/db/ServerDatabase.h"
#include "server/ServerLog.h"
#include "sql/SqlDatabase.h"

#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

#include <QCborValue>
#include <QCryptographicHash>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype maxDeviceId = 64; // as the device step takes them

// The message id a synchronised record is stored under: made of the account and the record's id
// (or content key), so that the same record sent again is one row, and it never meets the relayed
// message of the same id, which may be another account's view of it.
QUuid syncId(const QString &account, const Record &record)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("huiji-sync"));
    hash.addData(account.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(ServerArchive::keyOf(record));
    QByteArray bytes = hash.result().left(16);
    bytes[6] = static_cast<char>(0x80 | (bytes[6] & 0x0f)); // version 8
    bytes[8] = static_cast<char>(0x80 | (bytes[8] & 0x3f)); // RFC 9562 variant
    return QUuid::fromRfc4122(bytes);
}

const DeviceRegistry::Device *deviceNamed(const QList<DeviceRegistry::Device> &devices, const QString &deviceId)
{
    const auto found = std::ranges::find_if(devices, [&](const DeviceRegistry::Device &device) {
        return device.info.id == deviceId;
    });
    return found == devices.cend() ? nullptr : &*found;
}

QList<qint64> keysOf(const QList<DeviceRegistry::Terminal> &terminals)
{
    QList<qint64> keys;
    for (const DeviceRegistry::Terminal &terminal : terminals)
        keys.append(terminal.key);
    return keys;
}

} // namespace

void TerminalRequests::registerOn(Dispatcher &dispatcher)
{
    using enum Dispatcher::Size;
    using enum Dispatcher::Rate;
    dispatcher.add(wire::terminalSet, {Peer::Stage::Ready, Control, Counted, &setTerminal});
    dispatcher.add(wire::terminalRemove, {Peer::Stage::Ready, Control, Counted, &removeTerminal});
    dispatcher.add(wire::terminalClear, {Peer::Stage::Ready, Control, Counted, &clearTerminals});
    dispatcher.add(wire::syncUpload, {Peer::Stage::Ready, Bulk, Free, &syncUpload});
}

QCborMap TerminalRequests::describe(const AccountState &state)
{
    QList<wire::TerminalEntry> terminals;
    QCborMap body;
    if (state.terminal) {
        body.insert(u"device"_s, state.terminal->deviceId);
        body.insert(u"role"_s, wire::terminalRoleName(wire::TerminalRole::Primary));
        terminals.append({state.terminal->deviceId, wire::TerminalRole::Primary});
    }
    for (const DeviceRegistry::Terminal &secondary : state.secondaries)
        terminals.append({secondary.deviceId, wire::TerminalRole::Secondary});
    body.insert(u"terminals"_s, wire::toCbor(terminals));
    body.insert(u"archive"_s, state.archived);
    return body;
}

wire::TerminalRole TerminalRequests::roleOf(const AccountState &state, qint64 deviceKey)
{
    if (state.terminal && state.terminal->key == deviceKey)
        return wire::TerminalRole::Primary;
    return std::ranges::any_of(state.secondaries, [&](const auto &secondary) { return secondary.key == deviceKey; })
               ? wire::TerminalRole::Secondary
               : wire::TerminalRole::None;
}

Result<AccountState *> TerminalRequests::changed(Hub &hub, const QString &account)
{
    hub.accounts().forget(account);
    auto state = hub.accounts().get(account);
    if (state)
        hub.sessions().push(account, {wire::terminal, 0, describe(**state)});
    return state;
}

Result<void> TerminalRequests::relayed(Hub &hub, const Peer &from, const Mailbox::Message &message)
{
    auto found = hub.accounts().get(from.account);
    if (!found)
        return std::unexpected(found.error());
    const AccountState &state = **found;
    if (roleOf(state, from.device.key) != wire::TerminalRole::Primary)
        return {};
    if (!state.secondaries.isEmpty())
        if (auto held = hub.database().terminals().holdFor(keysOf(state.secondaries), message.seq); !held)
            return held;
    if (!state.archived)
        return {};
    return hub.database().archive().add(message.sender, Mailbox::recordFor(message, message.sender, {}),
                                         message.serverTime);
}

void TerminalRequests::setTerminal(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    if (!hub.passwords().reauthenticated(id, client, frame, &TerminalRequests::setTerminal))
        return; // asked for the password, or checking it: this runs again once it matches
    const QString deviceId = frame.body.value(u"device"_s).toString(client.device.info.id);
    const auto role = wire::terminalRoleFromName(frame.body.value(u"role"_s).toString(u"primary"_s));
    if (!role || *role == wire::TerminalRole::None) {
        hub.answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"a storage terminal is primary or secondary"_s});
        return;
    }
    auto state = hub.accounts().get(client.account);
    if (!state) {
        hub.answerError(id, frame.requestId, state.error());
        return;
    }
    const DeviceRegistry::Device *device = deviceNamed((*state)->devices, deviceId);
    if (!device) {
        hub.answerError(id, frame.requestId, {ErrorCode::NotFound, u"\"%1\" is not a device of %2"_s.arg(deviceId, client.account)});
        return;
    }
    const qint64 key = device->key;
    if (*role == wire::TerminalRole::Secondary && roleOf(**state, key) == wire::TerminalRole::Primary) {
        hub.answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"this device is the primary storage terminal: "
                                                                          "choose another primary first"_s});
        return;
    }
    const qint64 at = hub.now();
    QList<qint64> moved;
    Result<void> done = hub.write();
    if (done)
        done = hub.database().sql().savepoint([&]() -> Result<void> {
            if (*role == wire::TerminalRole::Secondary)
                return hub.database().terminals().addSecondary(client.account, key, at);
            if (auto set = hub.database().devices().setTerminal(client.account, deviceId, *role, at); !set)
                return std::unexpected(set.error());
            if (auto removed = hub.database().terminals().removeSecondary(client.account, key); !removed)
                return std::unexpected(removed.error());
            // What waits for the new primary is held from now on, and so is what waited for a
            // primary it replaces, even one that never comes back (claim 3: lost for good).
            if (auto held = hub.database().mailbox().hold(key); !held)
                return held;
            auto retargeted = hub.database().terminals().retargetHeld(client.account, key);
            if (!retargeted)
                return std::unexpected(retargeted.error());
            moved = *retargeted;
            return {};
        });
    auto after = done ? changed(hub, client.account) : Result<AccountState *>(std::unexpected(done.error()));
    if (!after) {
        hub.answerError(id, frame.requestId, after.error());
        return;
    }
    qCInfo(lcServerRelay) << client.account << "chose" << deviceId << "as" << wire::terminalRoleName(*role)
                          << "storage terminal;" << moved.size() << "held records moved to it";
    hub.delivery().feed(client.account, {key}, moved);
    hub.answer(id, {wire::terminalSet, frame.requestId,
                    QCborMap{{u"device"_s, deviceId}, {u"role"_s, wire::terminalRoleName(*role)}}},
               true);
    if (auto now = hub.accounts().get(client.account); now && *role == wire::TerminalRole::Primary)
        CollectionRequests::askOwing(hub, client.account, **now);
}

Result<void> TerminalRequests::remove(Hub &hub, const QString &account, const AccountState &state,
                                      qint64 deviceKey)
{
    switch (roleOf(state, deviceKey)) {
    case wire::TerminalRole::Primary:
        return hub.database().devices().clearTerminal(account);
    case wire::TerminalRole::Secondary:
        if (auto removed = hub.database().terminals().removeSecondary(account, deviceKey); !removed)
            return std::unexpected(removed.error());
        return hub.database().mailbox().release(deviceKey,
                                                 hub.now() + qint64{hub.config().retentionDays} * DeviceRegistry::dayMs);
    case wire::TerminalRole::None: break;
    }
    return fail(ErrorCode::NotFound, u"this device is not a storage terminal"_s);
}

void TerminalRequests::removeTerminal(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    if (!hub.passwords().reauthenticated(id, client, frame, &TerminalRequests::removeTerminal))
        return; // asked for the password, or checking it: this runs again once it matches
    const QString deviceId = frame.body.value(u"device"_s).toString(client.device.info.id);
    auto state = hub.accounts().get(client.account);
    const DeviceRegistry::Device *device = state ? deviceNamed((*state)->devices, deviceId) : nullptr;
    Result<void> done = !state ? Result<void>(std::unexpected(state.error()))
                        : device ? hub.write()
                                 : fail(ErrorCode::NotFound, u"\"%1\" is not a device of %2"_s.arg(deviceId, client.account));
    if (done)
        done = hub.database().sql().savepoint([&] { return remove(hub, client.account, **state, device->key); });
    auto after = done ? changed(hub, client.account) : Result<AccountState *>(std::unexpected(done.error()));
    if (!after) {
        hub.answerError(id, frame.requestId, after.error());
        return;
    }
    qCInfo(lcServerRelay) << client.account << "removed storage terminal" << deviceId;
    hub.answer(id, {wire::terminalRemove, frame.requestId, QCborMap{{u"device"_s, deviceId}}}, true);
}

void TerminalRequests::clearTerminals(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    if (!hub.passwords().reauthenticated(id, client, frame, &TerminalRequests::clearTerminals))
        return; // asked for the password, or checking it: this runs again once it matches
    auto state = hub.accounts().get(client.account);
    Result<void> done = state ? hub.write() : Result<void>(std::unexpected(state.error()));
    if (done)
        done = hub.database().sql().savepoint([&]() -> Result<void> {
            QList<qint64> keys = keysOf((*state)->secondaries);
            if ((*state)->terminal)
                keys.append((*state)->terminal->key);
            for (const qint64 key : std::as_const(keys))
                if (auto removed = remove(hub, client.account, **state, key); !removed)
                    return removed;
            return {};
        });
    auto after = done ? changed(hub, client.account) : Result<AccountState *>(std::unexpected(done.error()));
    if (!after) {
        hub.answerError(id, frame.requestId, after.error());
        return;
    }
    qCInfo(lcServerRelay) << client.account << "cleared its storage terminals";
    hub.answer(id, {wire::terminalClear, frame.requestId, QCborMap{}}, true);
}

void TerminalRequests::syncUpload(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    auto state = hub.accounts().get(client.account);
    if (!state) {
        hub.answerError(id, frame.requestId, state.error());
        return;
    }
    if (roleOf(**state, client.device.key) != wire::TerminalRole::Primary) {
        hub.answerError(id, frame.requestId, {ErrorCode::Forbidden, u"only the primary storage terminal synchronises "
                                                                    "the secondaries"_s});
        return;
    }
    wire::CollectionCounts counts;
    auto valid = CollectionRequests::readBatch(hub, client, frame.body.value(u"records"_s), wire::maxSyncRecords, counts);
    if (!valid) {
        hub.answerError(id, frame.requestId, valid.error());
        return;
    }
    // What the secondaries hold is charged to the account like a collection's records, and the
    // primary hands over no more records an hour than any device may (Quotas).
    const QList<DeviceRegistry::Terminal> terminals = (*state)->secondaries;
    Result<void> room;
    if (!valid->isEmpty()) {
        for (const DeviceRegistry::Terminal &secondary : terminals)
            if (room)
                room = hub.quotas().admitHeld(secondary, client.account);
        if (room)
            room = hub.quotas().admitUpload(client.device.key, valid->size());
    }
    if (!room) {
        hub.answerError(id, frame.requestId, room.error());
        return;
    }
    const QList<qint64> secondaries = keysOf(terminals);
    const bool archived = (*state)->archived;
    const qint64 at = hub.now();
    QList<qint64> held;
    Result<void> done = hub.write();
    if (done)
        done = hub.database().sql().savepoint([&]() -> Result<void> {
            for (const Record &record : std::as_const(*valid)) {
                if (!secondaries.isEmpty()) {
                    const bool sent = record.direction == Direction::Outgoing;
                    // Seen by the primary already: an ack of this copy is no receipt for anyone.
                    const QByteArray kept = RecordCbor::toCbor(record).toCborValue().toCbor();
                    Mailbox::Message message{0, syncId(client.account, record), record.sender,
                                             sent ? record.contact : client.account,
                                             sent ? record.originDevice : u""_s, record.body, record.deviceTime,
                                             at, client.device.info.id, {}, std::nullopt, kept};
                    auto stored = hub.database().mailbox().store(client.account, message);
                    if (!stored)
                        return std::unexpected(stored.error());
                    if (auto holding = hub.database().terminals().holdFor(secondaries, stored->seq); !holding)
                        return holding;
                    held.append(stored->seq);
                    if (!stored->duplicate)
                        for (const qint64 key : secondaries)
                            hub.quotas().chargeHeld(key, client.account,
                                                    {1, record.body.toUtf8().size() + kept.size()});
                }
                if (archived)
                    if (auto kept = hub.database().archive().add(client.account, record, at); !kept)
                        return kept;
            }
            return {};
        });
    if (!done) {
        hub.answerError(id, frame.requestId, done.error());
        return;
    }
    hub.delivery().feed(client.account, secondaries, held);
    hub.answer(id, {wire::syncUpload, frame.requestId,
                    QCborMap{{u"received"_s, counts.received}, {u"refused"_s, counts.refused},
                             {u"held"_s, held.size()}, {u"archived"_s, archived ? valid->size() : 0}}},
               true); // once it is committed
}

} // namespace huiji

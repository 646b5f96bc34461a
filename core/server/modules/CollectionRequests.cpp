#include "server/modules/CollectionRequests.h"

#include "server/engine/Hub.h"

#include "server/db/ServerDatabase.h"
#include "server/ServerLog.h"
#include "sql/SqlDatabase.h"

#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype maxDeviceId = 64; // as the device step takes them

} // namespace

void CollectionRequests::registerOn(Dispatcher &dispatcher)
{
    using enum Dispatcher::Size;
    using enum Dispatcher::Rate;
    dispatcher.add(wire::collectNow, {Peer::Stage::Ready, Control, Counted, &collectNow});
    dispatcher.add(wire::collectUpload, {Peer::Stage::Ready, Bulk, Free, &upload});
}

Result<bool> CollectionRequests::owed(Hub &hub, qint64 deviceKey, const AccountState &state)
{
    if (!state.terminal || state.terminal->key == deviceKey)
        return false; // the storage terminal keeps its own records
    auto progress = hub.database().collections().progress(deviceKey);
    if (!progress)
        return std::unexpected(progress.error());
    return Collections::owes(*progress, *state.terminal);
}

void CollectionRequests::ask(Hub &hub, quint64 id, const DeviceRegistry::Terminal &terminal, bool again)
{
    hub.answer(id, {wire::collect, 0,
                    QCborMap{{u"terminal"_s, terminal.deviceId}, {u"since"_s, terminal.since}, {u"again"_s, again}}},
               true);
}

void CollectionRequests::askOwing(Hub &hub, const QString &account, const AccountState &state)
{
    for (const quint64 target : hub.sessions().online(account)) {
        const Peer *online = hub.sessions().find(target);
        if (!online)
            continue;
        auto owes = owed(hub, online->device.key, state);
        if (!owes)
            qCWarning(lcServerRelay) << account << "device" << online->device.info.id
                                     << "is asked for a collection at its next login:" << owes.error().message;
        else if (*owes)
            ask(hub, target, *state.terminal);
    }
}

void CollectionRequests::collectNow(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    auto state = hub.accounts().get(client.account);
    if (!state) {
        hub.answerError(id, frame.requestId, state.error());
        return;
    }
    if (!(*state)->isPrimary(client.device.key)) {
        hub.answerError(id, frame.requestId, {ErrorCode::Forbidden, u"only the storage terminal asks for a collection; "
                                                                    "this device hands its records over when asked"_s});
        return;
    }
    qint64 asked = 0;
    for (const quint64 other : hub.sessions().online(client.account))
        if (const Peer *online = hub.sessions().find(other); online && online->device.key != client.device.key) {
            ask(hub, other, *(*state)->terminal, true);
            ++asked;
        }
    qCInfo(lcServerRelay) << client.account << "asked" << asked << "devices for their records";
    hub.answer(id, {wire::collectNow, frame.requestId, QCborMap{{u"asked"_s, asked}}});
}

void CollectionRequests::upload(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    auto terminal = terminalFor(hub, client, u"this account has no storage terminal to collect for"_s,
                                u"the storage terminal keeps its own records and hands nothing over"_s);
    if (terminal && (frame.body.value(u"terminal"_s).toString() != terminal->deviceId
                     || frame.body.value(u"since"_s).toInteger() != terminal->since))
        terminal = fail(ErrorCode::NotFound, u"this collection was for a storage terminal that is no longer this "
                                             "account's; wait for the next request"_s);
    wire::CollectionCounts counts;
    Result<QList<Record>> valid = std::unexpected(Error{});
    if (terminal)
        valid = readBatch(hub, client, frame.body.value(u"records"_s), wire::maxCollectRecords, counts);
    else
        valid = std::unexpected(terminal.error());
    if (valid)
        if (auto room = admit(hub, client, *terminal, *valid); !room)
            valid = std::unexpected(room.error());
    if (!valid) {
        hub.answerError(id, frame.requestId, valid.error());
        return;
    }
    const bool restart = frame.body.value(u"start"_s).toBool();
    const bool complete = frame.body.value(u"done"_s).toBool();
    const qint64 at = hub.now();
    QList<qint64> held;
    Collections::Progress progress;
    Result<void> done = hub.write();
    if (done)
        done = hub.database().sql().savepoint([&]() -> Result<void> {
            if (auto taken = takeAll(hub, client, *terminal, *valid, at, counts, held); !taken)
                return taken;
            auto counted = hub.database().collections().count(client.device.key, *terminal, counts, restart, complete, at);
            if (!counted)
                return std::unexpected(counted.error());
            progress = *counted;
            return {};
        });
    if (!done) {
        hub.answerError(id, frame.requestId, done.error());
        return;
    }
    qCDebug(lcServerRelay) << client.account << "device" << client.device.info.id << "handed over" << counts.received
                           << "records:" << counts.added << "new," << counts.duplicates << "duplicate,"
                           << counts.refused << "refused";
    if (complete)
        qCInfo(lcServerRelay) << client.account << "device" << client.device.info.id << "completed its collection:"
                              << progress.counts.received << "records," << progress.counts.added << "new,"
                              << progress.counts.duplicates << "duplicate," << progress.counts.refused << "refused";
    feedTerminal(hub, client, *terminal, held, progress);
    QCborMap body = wire::toCbor(counts);
    body.insert(u"total"_s, wire::toCbor(progress.counts));
    body.insert(u"complete"_s, progress.completed.has_value());
    hub.answer(id, {wire::collectUpload, frame.requestId, body}, true); // once it is committed
}

void CollectionRequests::feedTerminal(Hub &hub, const Peer &from, const DeviceRegistry::Terminal &terminal,
                                      const QList<qint64> &held, const Collections::Progress &progress)
{
    QCborMap report = wire::toCbor(progress.counts);
    report.insert(u"device"_s, from.device.info.id);
    report.insert(u"complete"_s, progress.completed.has_value());
    hub.delivery().feed(from.account, {terminal.key}, held);
    hub.sessions().pushToDevice(from.account, terminal.key, {wire::collected, 0, report});
}

Result<DeviceRegistry::Terminal> CollectionRequests::terminalFor(Hub &hub, const Peer &client,
                                                                 const QString &noneMessage, const QString &selfMessage)
{
    auto state = hub.accounts().get(client.account);
    if (!state)
        return std::unexpected(state.error());
    const std::optional<DeviceRegistry::Terminal> terminal = (*state)->terminal;
    if (!terminal)
        return fail(ErrorCode::NotFound, noneMessage);
    if (terminal->key == client.device.key)
        return fail(ErrorCode::InvalidArgument, selfMessage);
    return *terminal;
}

Result<QList<Record>> CollectionRequests::readBatch(Hub &hub, const Peer &client, const QCborValue &records,
                                                    qsizetype maxRecords, wire::CollectionCounts &counts)
{
    if (!records.isUndefined() && !records.isArray())
        return fail(ErrorCode::InvalidArgument, u"records must be a list of records"_s);
    if (records.toArray().size() > maxRecords)
        return fail(ErrorCode::InvalidArgument, u"a batch holds at most %1 records"_s.arg(maxRecords));
    // Read everything before writing anything: a record of another account refuses the batch.
    // One that the relay would not take either (its body over the limit, a device id longer than
    // the device step allows) is refused alone: handing over is no way around the server's limits.
    QList<Record> valid;
    for (const QCborValue &value : records.toArray()) {
        ++counts.received;
        auto record = RecordCbor::fromCbor(value.toMap());
        if (!record || !hub.config().limits().checkRecord(*record) || record->originDevice.size() > maxDeviceId)
            ++counts.refused;
        else if (record->account != client.account)
            return fail(ErrorCode::Forbidden, u"a device hands over its own account's records only, for its own "
                                              "storage terminal"_s);
        else
            valid.append(*record);
    }
    return valid;
}

Result<void> CollectionRequests::admit(Hub &hub, const Peer &client, const DeviceRegistry::Terminal &terminal,
                                       const QList<Record> &records)
{
    if (records.isEmpty())
        return {}; // the end of a collection takes nothing
    if (auto room = hub.quotas().admitHeld(terminal, client.account); !room)
        return room;
    return hub.quotas().admitUpload(client.device.key, records.size());
}

Result<void> CollectionRequests::takeAll(Hub &hub, const Peer &client, const DeviceRegistry::Terminal &terminal,
                                         const QList<Record> &records, qint64 at, wire::CollectionCounts &counts,
                                         QList<qint64> &held)
{
    for (const Record &record : records) {
        auto taken = hub.database().collections().take(record, client.device.info.id, terminal, at);
        if (!taken)
            return std::unexpected(taken.error());
        switch (taken->outcome) {
        case Collections::Outcome::Added:
            ++counts.added;
            held.append(taken->seq);
            hub.quotas().chargeHeld(terminal.key, client.account, {1, record.body.toUtf8().size()});
            break;
        case Collections::Outcome::Duplicate: ++counts.duplicates; break;
        case Collections::Outcome::Refused: ++counts.refused; break;
        case Collections::Outcome::Conflict:
            // Never merged: whatever the device meant, the record filed first under this id stays.
            qCWarning(lcServerRelay) << client.account << "device" << client.device.info.id << "handed over record"
                                     << record.id.toString(QUuid::WithoutBraces)
                                     << "whose id was filed before with other content; refused";
            ++counts.refused;
            ++counts.conflicts;
            break;
        }
    }
    return {};
}

} // namespace huiji

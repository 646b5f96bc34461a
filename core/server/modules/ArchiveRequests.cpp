#include "server/modules/ArchiveRequests.h"

#include "server/engine/Hub.h"

#include "server/db/ServerDatabase.h"
#include "server/ServerLog.h"
#include "server/modules/TerminalRequests.h"

#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

#include <QSet>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 maxRetentionDays = 36500;

Error noArchive()
{
    return {ErrorCode::NotFound, u"this account has no archive on the server; archive-set turns it on"_s};
}

} // namespace

void ArchiveRequests::registerOn(Dispatcher &dispatcher)
{
    using enum Dispatcher::Size;
    using enum Dispatcher::Rate;
    dispatcher.add(wire::archiveSet, {Peer::Stage::Ready, Control, Counted, &setArchive});
    dispatcher.add(wire::archive, {Peer::Stage::Ready, Control, Counted, &showArchive});
    dispatcher.add(wire::archiveRestore, {Peer::Stage::Ready, Control, Counted, &restore});
}

void ArchiveRequests::setArchive(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    // Every change needs the password: turning it off or shortening the retention deletes
    // history, and turning it on hands the whole history to archive-restore.
    if (!hub.passwords().reauthenticated(id, client, frame, &ArchiveRequests::setArchive))
        return; // asked for the password, or checking it: this runs again once it matches
    const bool enabled = frame.body.value(u"enabled"_s).toBool(true);
    const qint64 retention = frame.body.value(u"retentionDays"_s).toInteger(0);
    if (retention < 0 || retention > maxRetentionDays) {
        hub.answerError(id, frame.requestId, {ErrorCode::InvalidArgument,
                                              u"retentionDays is 0 (forever) to %1"_s.arg(maxRetentionDays)});
        return;
    }
    // What the old retention let go stays gone: a longer one does not bring it back, though the
    // hourly prune may not have got to it yet.
    Result<void> done = hub.write();
    if (done) {
        auto pruned = hub.database().archive().prune(hub.now());
        done = pruned ? Result<void>{} : std::unexpected(pruned.error());
    }
    if (done && enabled) {
        auto set = hub.database().archive().enable(client.account, retention, hub.now());
        done = set ? Result<void>{} : std::unexpected(set.error());
    } else if (done) {
        done = hub.database().archive().disable(client.account);
    }
    auto after = done ? TerminalRequests::changed(hub, client.account)
                      : Result<AccountState *>(std::unexpected(done.error()));
    if (!after) {
        hub.answerError(id, frame.requestId, after.error());
        return;
    }
    qCInfo(lcServerRelay) << client.account << (enabled ? "made the server a secondary" : "dropped its server archive");
    answerSettings(hub, id, client, frame, true);
}

void ArchiveRequests::showArchive(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    answerSettings(hub, id, client, frame, false);
}

void ArchiveRequests::answerSettings(Hub &hub, quint64 id, const Peer &client, const Frame &frame, bool durable)
{
    auto settings = hub.database().archive().settings(client.account);
    auto count = settings ? hub.database().archive().count(client.account, hub.now()) : Result<qint64>(0);
    if (!settings || !count) {
        hub.answerError(id, frame.requestId, !settings ? settings.error() : count.error());
        return;
    }
    QCborMap body{{u"enabled"_s, settings->has_value()}};
    if (*settings) {
        body.insert(u"retentionDays"_s, (*settings)->retentionDays);
        body.insert(u"since"_s, (*settings)->since);
        body.insert(u"records"_s, *count);
    }
    hub.answer(id, {frame.type, frame.requestId, body}, durable);
}

void ArchiveRequests::restore(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    auto state = hub.accounts().get(client.account);
    if (!state || !(*state)->archived) {
        hub.answerError(id, frame.requestId, state ? noArchive() : state.error());
        return;
    }
    // The archive is the account's whole history: a restore starts with the account password, so
    // that a device's credential alone (a lost phone's) cannot read it. The pages after the first
    // on the same connection belong to that restore.
    if (!client.archiveUnlocked) {
        if (!hub.passwords().reauthenticated(id, client, frame, &ArchiveRequests::restore))
            return; // asked for the password, or checking it: this runs again once it matches
        client.archiveUnlocked = true; // in the run again after the check: `state` is fresh
    }
    std::optional<ServerArchive::Cursor> after;
    if (const QCborMap cursor = frame.body.value(u"after"_s).toMap(); !cursor.isEmpty())
        after = ServerArchive::Cursor{cursor.value(u"time"_s).toInteger(), cursor.value(u"key"_s).toByteArray()};
    // What is past its retention is never handed out, even before the hourly purge got to it.
    auto page = hub.database().archive().page(client.account, after, wire::maxRestoreRecords,
                                               hub.config().limits().batchBytes(), hub.now());
    if (!page) {
        hub.answerError(id, frame.requestId, page.error());
        return;
    }
    QCborArray records;
    QSet<QString> origins;
    for (const Record &record : std::as_const(page->records)) {
        records.append(RecordCbor::toCbor(record));
        origins.insert(record.originDevice);
    }
    QCborArray labels;
    for (const DeviceRegistry::Device &device : std::as_const((*state)->devices))
        if (origins.contains(device.info.id))
            labels.append(wire::toCbor(device.info));
    QCborMap body{{u"records"_s, records}, {u"devices"_s, labels}, {u"done"_s, !page->next.has_value()}};
    if (page->next)
        body.insert(u"next"_s, QCborMap{{u"time"_s, page->next->time}, {u"key"_s, page->next->key}});
    hub.answer(id, {wire::archiveRestore, frame.requestId, body});
}

} // namespace huiji

#pragma once

#include "server/db/Collections.h"
#include "server/engine/AccountCache.h"
#include "server/engine/Dispatcher.h"

#include "protocol/Record.h"
#include "protocol/Wire.h"

namespace huiji {

// The requests of collection (claim 13): the storage terminal asks the account's online devices
// for their stored records (collect-now), and a device hands a batch over (collect-upload), each
// record compared with what the server holds for the terminal and the new ones held for it. A
// device that logs in owing the current terminal a collection is asked at once.
class CollectionRequests
{
public:
    CollectionRequests() = delete;

    static void registerOn(Dispatcher &dispatcher);

    // Whether a device of the account still owes the current storage terminal a collection.
    static Result<bool> owed(Hub &hub, qint64 deviceKey, const AccountState &state);
    // Pushes `collect` to a connection; `again` when the terminal asks for a new pass.
    static void ask(Hub &hub, quint64 id, const DeviceRegistry::Terminal &terminal, bool again = false);
    // A new primary was chosen: asks the account's online devices that owe it a collection now,
    // as their next login would (claim 13).
    static void askOwing(Hub &hub, const QString &account, const AccountState &state);

    // Shared with forwarding (claim 12) and the primary's sync-upload (claim 4), which hand records
    // over the same way.
    // The storage terminal a device hands records to: NotFound when the account has none yet,
    // InvalidArgument with `selfMessage` when the device is that terminal.
    static Result<DeviceRegistry::Terminal> terminalFor(Hub &hub, const Peer &client, const QString &noneMessage,
                                                        const QString &selfMessage);
    // The records of a batch a device hands over (`records`: a list of at most maxRecords, or
    // none), counting what is received and refused; a record of another account refuses the
    // whole batch (Forbidden).
    static Result<QList<Record>> readBatch(Hub &hub, const Peer &client, const QCborValue &records,
                                           qsizetype maxRecords, wire::CollectionCounts &counts);
    // Whether the account's terminal may hold more for it, and the device hand over as many more
    // records this hour (Quotas): QuotaExceeded or RateLimited when not; counts them when so.
    static Result<void> admit(Hub &hub, const Peer &client, const DeviceRegistry::Terminal &terminal,
                              const QList<Record> &records);
    // Compares each with what the terminal has and holds the new ones for it (in the caller's
    // transaction), counting them and charging them to the account (Quotas); `held` gets the new
    // messages' seqs.
    static Result<void> takeAll(Hub &hub, const Peer &client, const DeviceRegistry::Terminal &terminal,
                                const QList<Record> &records, qint64 at, wire::CollectionCounts &counts,
                                QList<qint64> &held);

private:
    static void collectNow(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void upload(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    // Starts streaming what was just held to the terminal's connection, and tells it how the
    // uploading device's collection is going.
    static void feedTerminal(Hub &hub, const Peer &from, const DeviceRegistry::Terminal &terminal,
                             const QList<qint64> &held, const Collections::Progress &progress);
};

} // namespace huiji

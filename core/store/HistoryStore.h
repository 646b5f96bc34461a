#pragma once

#include "store/HistoryTypes.h"
#include "store/RecordQueue.h"

#include "protocol/Error.h"

#include <QString>
#include <QUuid>

#include <functional>
#include <memory>

namespace huiji {

class HistoryReader;
class HistorySearch;
class RecordMerger;
class SqlDatabase;

// The storage terminal's merged history (claims 13-15, [0093]): one SQLite file per account
// profile. Records enter only through merge(), which de-duplicates by id per sender (RecordKey)
// and by content key; everything else reads, or keeps the state of messages written here. The
// same file holds the queues of what this device still has to hand on (the outbox, the forward
// queue), so that a record and its place in a queue are written in one transaction. Not
// thread-safe: use a store from the thread that opened it.
class HistoryStore
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    // Opens or creates the store at path, migrating an older schema. A file that is not a Huiji
    // store, or one written by a newer Huiji, is refused and left untouched.
    static Result<std::unique_ptr<HistoryStore>> open(const QString &path, Mode mode = Mode::ReadWrite);
    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    static int currentSchemaVersion();
    QString path() const;

    // Runs body in one transaction: every write of the store and of its queues made in it is
    // committed together when body succeeds, and none of them otherwise. Writes that take several
    // statements (merge, markDelivered) are undone alone when they fail inside it, so a body that
    // carries on after one failed commits none of it. Transactions nest.
    Result<void> transaction(const std::function<Result<void>()> &body);
    RecordQueue &outbox() { return *m_outbox; }             // messages written here, until the server has them
    RecordQueue &forwardQueue() { return *m_forwardQueue; } // direct-link records to forward (claim 12)

    // Adds a batch in one transaction: all of it or, on error, none of it. Devices given here
    // are registered (or renamed) in the same transaction, so records arrive with their labels.
    Result<MergeResult> merge(const QList<Record> &records, const QList<DeviceInfo> &devices = {});
    // Fails with NotFound for an unknown device and InvalidArgument for a blank name.
    Result<void> renameDevice(const QString &deviceId, const QString &name);

    // Caps the file at about this many bytes (at least its current size): a merge that would grow
    // it further fails with DiskFull and writes nothing, exactly as when the disk itself is full.
    Result<void> setSizeLimit(qint64 bytes);

    Result<QList<DeviceSummary>> devices() const;
    Result<QList<ConversationSummary>> conversations() const; // most recent first

    // Up to limit records older than the cursor (or the newest ones), newest first.
    Result<HistoryPage> older(const HistoryScope &scope, std::optional<qint64> before, int limit) const;
    // Up to limit records just newer than the cursor, newest first (scrolling down after a jump).
    Result<HistoryPage> newer(const HistoryScope &scope, qint64 after, int limit) const;
    // The records around a position: up to `before` older than it and up to `after` at or after
    // it. Use positionOf() for a record, position::atTime() for a date.
    Result<HistoryPage> around(const HistoryScope &scope, qint64 anchor, int before, int after) const;
    Result<qint64> positionOf(const RecordKey &key) const;
    Result<StoredRecord> record(const RecordKey &key) const; // NotFound when this store does not hold it
    // Incoming records newer than a position: what is unread after the last one read.
    Result<qint64> countIncoming(const HistoryScope &scope, qint64 after) const;
    // Receipts for messages `sender` (the account) wrote; ids this store does not hold as that
    // sender's are left alone, a contact's message under the same id among them.
    Result<void> markDelivered(const QString &sender, const QList<QUuid> &ids, qint64 at);
    // How a record written here went after all: a message meant for a direct link that the
    // link did not ack goes through the server (claim 11), and the conversation says so.
    Result<void> setArrival(const RecordKey &key, Arrival arrival);
    // A message written here that the server refused for good (not a contact, too large), and
    // why; nullopt when it is sent again. Kept until then, whatever else happens to the record.
    Result<void> setFailure(const RecordKey &key, const std::optional<Error> &failure);

    // Full-text search, newest first; Chinese, Latin and mixed text, any substring (SearchText.h).
    Result<QList<SearchHit>> search(const SearchQuery &query) const;

private:
    explicit HistoryStore(std::unique_ptr<SqlDatabase> database);

    std::unique_ptr<SqlDatabase> m_database;
    std::unique_ptr<RecordMerger> m_merger;
    std::unique_ptr<HistoryReader> m_reader;
    std::unique_ptr<HistorySearch> m_search;
    std::unique_ptr<RecordQueue> m_outbox;
    std::unique_ptr<RecordQueue> m_forwardQueue;
    bool m_inTransaction = false;
};

} // namespace huiji

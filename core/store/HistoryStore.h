#pragma once

#include "store/HistoryTypes.h"

#include "protocol/Error.h"

#include <QString>
#include <QUuid>

#include <memory>

namespace huiji {

class HistoryReader;
class HistorySearch;
class RecordMerger;
class SqlDatabase;

// The storage terminal's merged history (claims 13-15, [0093]): one SQLite file per account
// profile. Records enter only through merge(), which de-duplicates by id and by content key;
// everything else reads. Not thread-safe: use a store from the thread that opened it.
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
    Result<qint64> positionOf(const QUuid &id) const;
    // Incoming records newer than a position: what is unread after the last one read.
    Result<qint64> countIncoming(const HistoryScope &scope, qint64 after) const;
    // Receipts for messages written here; ids this store does not hold are left alone.
    Result<void> markDelivered(const QList<QUuid> &ids, qint64 at);
    // How a record written here went after all: a message meant for a direct link that the
    // link did not ack goes through the server (claim 11), and the conversation says so.
    Result<void> setArrival(const QUuid &id, Arrival arrival);

    // Full-text search, newest first; Chinese, Latin and mixed text, any substring (SearchText.h).
    Result<QList<SearchHit>> search(const SearchQuery &query) const;

private:
    explicit HistoryStore(std::unique_ptr<SqlDatabase> database);

    std::unique_ptr<SqlDatabase> m_database;
    std::unique_ptr<RecordMerger> m_merger;
    std::unique_ptr<HistoryReader> m_reader;
    std::unique_ptr<HistorySearch> m_search;
};

} // namespace huiji

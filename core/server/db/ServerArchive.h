#pragma once

#include "protocol/Error.h"
#include "protocol/Record.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace huiji {

class SqlDatabase;

// The server as a secondary storage terminal (claim 5): for each account that opted in, a copy of
// the history its primary merged, kept after delivery for the retention the user chose (0 days:
// forever), from which a new storage terminal can be filled ("restore"). Every read names the
// account: the archive is only ever the account's own.
class ServerArchive
{
public:
    struct Settings {
        qint64 retentionDays = 0; // 0: forever
        qint64 since = 0;         // when it was enabled
    };
    // Where a restore stands: the last record sent, in the archive's order (device time, key).
    struct Cursor {
        qint64 time = 0;
        QByteArray key;
    };
    struct Page {
        QList<Record> records;
        std::optional<Cursor> next; // none: that was the end
    };

    explicit ServerArchive(SqlDatabase &database);

    // The key a record is archived under: its id, or for one without an id its content key.
    static QByteArray keyOf(const Record &record);

    Result<std::optional<Settings>> settings(const QString &account) const;
    Result<Settings> enable(const QString &account, qint64 retentionDays, qint64 now);
    Result<void> disable(const QString &account); // and drops what it kept
    // What count() and page() read is what the retention keeps at `now`, pruned or not yet.
    Result<qint64> count(const QString &account, qint64 now) const;

    // Keeps a record (the account's view); the same record again is kept once.
    Result<void> add(const QString &account, const Record &record, qint64 now);
    // Up to limit records after the cursor (from the start without one), oldest first, and no more
    // than fit maxBytes with a label for each of their devices (wire::Limits::labelBytes); the
    // first always comes, so a restore never stops at a record.
    Result<Page> page(const QString &account, const std::optional<Cursor> &after, int limit, qsizetype maxBytes,
                      qint64 now) const;
    // Drops the records older than each account's retention; returns how many (hourly).
    Result<qint64> prune(qint64 now);

private:
    SqlDatabase &m_database;
};

} // namespace huiji

#include "server/db/ServerArchive.h"

#include "server/db/DeviceRegistry.h"
#include "sql/SqlDatabase.h"

#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

#include <QCborValue>
#include <QSet>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

ServerArchive::ServerArchive(SqlDatabase &database) : m_database(database) {}

QByteArray ServerArchive::keyOf(const Record &record)
{
    return record.id.isNull() ? contentKey(record) : record.id.toRfc4122();
}

Result<std::optional<ServerArchive::Settings>> ServerArchive::settings(const QString &account) const
{
    auto select = m_database.prepare(u"SELECT retention_days, since FROM archives WHERE account = ?"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(account);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    if (!select->next())
        return std::nullopt;
    return Settings{select->value(0).toLongLong(), select->value(1).toLongLong()};
}

Result<ServerArchive::Settings> ServerArchive::enable(const QString &account, qint64 retentionDays, qint64 now)
{
    // Changing the retention keeps what is archived and when the archive began.
    auto upsert = m_database.prepare(u"INSERT INTO archives (account, retention_days, since) VALUES (?, ?, ?)"
                                     " ON CONFLICT (account) DO UPDATE SET retention_days = excluded.retention_days"
                                     " RETURNING retention_days, since"_s);
    if (!upsert)
        return std::unexpected(upsert.error());
    upsert->addBindValue(account);
    upsert->addBindValue(retentionDays);
    upsert->addBindValue(now);
    if (auto done = m_database.exec(*upsert); !done)
        return std::unexpected(done.error());
    if (!upsert->next())
        return fail(ErrorCode::ServerFailure, u"the archive setting was not written"_s);
    return Settings{upsert->value(0).toLongLong(), upsert->value(1).toLongLong()};
}

Result<void> ServerArchive::disable(const QString &account)
{
    for (const QString &table : {u"archive"_s, u"archives"_s}) {
        auto erase = m_database.prepare(u"DELETE FROM %1 WHERE account = ?"_s.arg(table));
        if (!erase)
            return std::unexpected(erase.error());
        erase->addBindValue(account);
        if (auto done = m_database.exec(*erase); !done)
            return done;
    }
    return {};
}

namespace {

// The account's archived records that its retention still keeps at `now` (bound as account, now,
// a day in ms); prune() deletes the others hourly, but until then they are neither counted nor
// handed out. By the time the record was made, as the user reads "keep a year of history".
const QString kept = u" FROM archive a JOIN archives s ON s.account = a.account WHERE a.account = ?"
                     " AND (s.retention_days = 0 OR a.device_time >= ? - s.retention_days * ?)"_s;

void bindKept(QSqlQuery &query, const QString &account, qint64 now)
{
    query.addBindValue(account);
    query.addBindValue(now);
    query.addBindValue(DeviceRegistry::dayMs);
}

} // namespace

Result<qint64> ServerArchive::count(const QString &account, qint64 now) const
{
    auto select = m_database.prepare(u"SELECT COUNT(*)"_s + kept);
    if (!select)
        return std::unexpected(select.error());
    bindKept(*select, account, now);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    return select->next() ? select->value(0).toLongLong() : 0;
}

Result<void> ServerArchive::add(const QString &account, const Record &record, qint64 now)
{
    auto insert = m_database.prepare(u"INSERT INTO archive (account, uid, device_time, archived, record)"
                                     " VALUES (?, ?, ?, ?, ?) ON CONFLICT (account, uid) DO NOTHING"_s);
    if (!insert)
        return std::unexpected(insert.error());
    insert->addBindValue(account);
    insert->addBindValue(keyOf(record));
    insert->addBindValue(record.deviceTime);
    insert->addBindValue(now);
    insert->addBindValue(RecordCbor::toCbor(record).toCborValue().toCbor());
    return m_database.exec(*insert);
}

Result<ServerArchive::Page> ServerArchive::page(const QString &account, const std::optional<Cursor> &after,
                                                int limit, qsizetype maxBytes, qint64 now) const
{
    auto select = m_database.prepare(u"SELECT a.device_time, a.uid, a.record"_s + kept
                                     + u" AND (a.device_time, a.uid) > (?, ?) ORDER BY a.device_time, a.uid LIMIT ?"_s);
    if (!select)
        return std::unexpected(select.error());
    bindKept(*select, account, now);
    select->addBindValue(after ? after->time : std::numeric_limits<qint64>::min());
    select->addBindValue(after ? after->key : QByteArray());
    select->addBindValue(limit);
    select->setForwardOnly(true); // rows past the page's bytes are never fetched
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    Page page;
    Cursor last;
    qsizetype bytes = 0;
    QSet<QString> devices;
    while (select->next()) {
        auto record = RecordCbor::fromCbor(QCborValue::fromCbor(select->value(2).toByteArray()).toMap());
        if (!record)
            return std::unexpected(Error{ErrorCode::ServerFailure, u"an archived record does not parse"_s});
        // Measured as the page will carry it: the archive may hold an older encoding.
        qsizetype size = RecordCbor::toCbor(*record).toCborValue().toCbor().size();
        if (!devices.contains(record->originDevice))
            size += wire::Limits::labelBytes;
        if (!page.records.isEmpty() && bytes + size > maxBytes) {
            page.next = last;
            return page;
        }
        bytes += size;
        devices.insert(record->originDevice);
        last = {select->value(0).toLongLong(), select->value(1).toByteArray()};
        page.records.append(*record);
    }
    if (page.records.size() == limit)
        page.next = last;
    return page;
}

Result<qint64> ServerArchive::prune(qint64 now)
{
    auto erase = m_database.prepare(u"DELETE FROM archive WHERE EXISTS (SELECT 1 FROM archives s"
                                    " WHERE s.account = archive.account AND s.retention_days > 0"
                                    " AND archive.device_time < ? - s.retention_days * ?)"_s);
    if (!erase)
        return std::unexpected(erase.error());
    erase->addBindValue(now);
    erase->addBindValue(DeviceRegistry::dayMs);
    if (auto done = m_database.exec(*erase); !done)
        return std::unexpected(done.error());
    return erase->numRowsAffected();
}

} // namespace huiji

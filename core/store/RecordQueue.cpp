#include "store/RecordQueue.h"

#include "protocol/RecordCbor.h"
#include "sql/SqlDatabase.h"

#include <QCborValue>
#include <QFile>
#include <QSqlError>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

Result<void> enqueue(SqlDatabase &database, const QString &table, const Record &record)
{
    // CBOR records: a queue only ever hands them back whole, in order.
    auto insert = database.prepare(
        u"INSERT INTO %1 (sender, uid, record) VALUES (?, ?, ?) ON CONFLICT (uid, sender) DO NOTHING"_s.arg(table));
    if (!insert)
        return std::unexpected(insert.error());
    insert->addBindValue(record.sender);
    insert->addBindValue(record.id.toRfc4122());
    insert->addBindValue(QCborValue(RecordCbor::toCbor(record)).toCbor());
    return database.exec(*insert);
}

Result<Record> decode(const QByteArray &cbor)
{
    return RecordCbor::fromCbor(QCborValue::fromCbor(cbor).toMap());
}

} // namespace

RecordQueue::RecordQueue(SqlDatabase &database, QString table) : m_database(database), m_table(std::move(table)) {}

Result<void> RecordQueue::add(const Record &record)
{
    return enqueue(m_database, m_table, record);
}

Result<QList<Record>> RecordQueue::pending() const
{
    QSqlQuery select = m_database.query();
    if (!select.exec(u"SELECT record FROM %1 ORDER BY seq"_s.arg(m_table)))
        return std::unexpected(m_database.error(select.lastError(), u"read the %1"_s.arg(m_table)));
    QList<Record> records;
    while (select.next()) {
        auto record = decode(select.value(0).toByteArray());
        if (!record)
            return std::unexpected(record.error());
        records.append(*record);
    }
    return records;
}

Result<void> RecordQueue::remove(const RecordKey &key)
{
    auto erase = m_database.prepare(u"DELETE FROM %1 WHERE uid = ? AND sender = ?"_s.arg(m_table));
    if (!erase)
        return std::unexpected(erase.error());
    erase->addBindValue(key.id.toRfc4122());
    erase->addBindValue(key.sender);
    return m_database.exec(*erase);
}

Result<qint64> RecordQueue::count() const
{
    QSqlQuery select = m_database.query();
    if (!select.exec(u"SELECT COUNT(*) FROM %1"_s.arg(m_table)) || !select.next())
        return std::unexpected(m_database.error(select.lastError(), u"count the %1"_s.arg(m_table)));
    return select.value(0).toLongLong();
}

Result<void> RecordQueue::adopt(const QString &path)
{
    auto attach = m_database.prepare(u"ATTACH DATABASE ? AS adopted"_s);
    if (!attach)
        return std::unexpected(attach.error());
    attach->addBindValue(path);
    if (auto attached = m_database.exec(*attach); !attached)
        return fail(attached.error().code, u"could not open %1: %2"_s.arg(path, attached.error().message));
    // A file cut off as it was created has no table yet, and so nothing to take over.
    QSqlQuery table = m_database.query();
    Result<void> copied;
    if (!table.exec(u"SELECT COUNT(*) FROM adopted.sqlite_master WHERE type = 'table' AND name = 'outbox'"_s)
        || !table.next()) {
        copied = std::unexpected(m_database.error(table.lastError(), u"read %1"_s.arg(path)));
    } else if (table.value(0).toInt() == 1) {
        copied = m_database.transaction([&] { return copyOlderLayout(m_database, u"adopted.outbox"_s, u"main."_s + m_table); });
    }
    table.finish();
    // Detached whatever happened: a store left with the file attached could not attach it again.
    if (auto detached = m_database.exec(u"DETACH DATABASE adopted"_s); !detached && copied)
        copied = detached;
    if (!copied)
        return fail(copied.error().code, u"could not take over %1: %2"_s.arg(path, copied.error().message));
    // Only once its records are committed here: a crash before this takes them over again.
    for (const QString &file : {path, path + u"-wal"_s, path + u"-shm"_s})
        if (QFile::exists(file) && !QFile::remove(file))
            return fail(ErrorCode::ReadOnly, u"could not delete %1, whose records the history store now keeps"_s.arg(file));
    return {};
}

Result<void> RecordQueue::copyOlderLayout(SqlDatabase &database, const QString &from, const QString &table)
{
    QSqlQuery select = database.query();
    if (!select.exec(u"SELECT record FROM %1 ORDER BY seq"_s.arg(from)))
        return std::unexpected(database.error(select.lastError(), u"read %1"_s.arg(from)));
    while (select.next()) {
        const auto record = decode(select.value(0).toByteArray());
        if (!record)
            return std::unexpected(record.error());
        if (auto copied = enqueue(database, table, *record); !copied)
            return copied;
    }
    return {};
}

} // namespace huiji

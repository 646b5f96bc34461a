#include "client/Outbox.h"

#include "protocol/RecordCbor.h"
#include "sql/SqlDatabase.h"

#include <QCborValue>
#include <QSqlError>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Outbox::Outbox(std::unique_ptr<SqlDatabase> database) : m_database(std::move(database)) {}

Outbox::~Outbox() = default;

Result<std::unique_ptr<Outbox>> Outbox::open(const QString &path)
{
    auto database = SqlDatabase::open({.path = path, .what = u"outbox"_s});
    if (!database)
        return std::unexpected(database.error());
    // One table of CBOR records: the outbox only ever hands them back whole, in order.
    for (const QString &statement : {u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = FULL"_s,
                                     u"CREATE TABLE IF NOT EXISTS outbox ("
                                     " seq INTEGER PRIMARY KEY, uid BLOB NOT NULL UNIQUE, record BLOB NOT NULL)"_s})
        if (auto done = (*database)->exec(statement); !done)
            return std::unexpected(done.error());
    return std::unique_ptr<Outbox>(new Outbox(std::move(*database)));
}

Result<void> Outbox::add(const Record &record)
{
    auto insert = m_database->prepare(u"INSERT INTO outbox (uid, record) VALUES (?, ?) ON CONFLICT (uid) DO NOTHING"_s);
    if (!insert)
        return std::unexpected(insert.error());
    insert->addBindValue(record.id.toRfc4122());
    insert->addBindValue(QCborValue(RecordCbor::toCbor(record)).toCbor());
    return m_database->exec(*insert);
}

Result<QList<Record>> Outbox::pending() const
{
    QSqlQuery select = m_database->query();
    if (!select.exec(u"SELECT record FROM outbox ORDER BY seq"_s))
        return std::unexpected(m_database->error(select.lastError(), u"read the outbox"_s));
    QList<Record> records;
    while (select.next()) {
        auto record = RecordCbor::fromCbor(QCborValue::fromCbor(select.value(0).toByteArray()).toMap());
        if (!record)
            return std::unexpected(record.error());
        records.append(*record);
    }
    return records;
}

Result<void> Outbox::remove(const QUuid &id)
{
    auto erase = m_database->prepare(u"DELETE FROM outbox WHERE uid = ?"_s);
    if (!erase)
        return std::unexpected(erase.error());
    erase->addBindValue(id.toRfc4122());
    return m_database->exec(*erase);
}

Result<qint64> Outbox::count() const
{
    auto pragma = m_database->query();
    if (!pragma.exec(u"SELECT COUNT(*) FROM outbox"_s) || !pragma.next())
        return std::unexpected(m_database->error(pragma.lastError(), u"count the outbox"_s));
    return pragma.value(0).toLongLong();
}

} // namespace huiji

#include "store/StoreDatabase.h"

#include "store/StoreLog.h"

#include <QAtomicInteger>
#include <QSqlError>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"huiji-store-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

// SQLite's primary result codes (the low byte of an extended code).
enum SqliteCode { Busy = 5, ReadOnlyCode = 8, IoError = 10, Corrupt = 11, Full = 13, CantOpen = 14, NotADb = 26 };

} // namespace

StoreDatabase::StoreDatabase(QSqlDatabase connection, QString path)
    : m_connection(std::move(connection)), m_path(std::move(path))
{
}

StoreDatabase::~StoreDatabase()
{
    const QString name = m_connection.connectionName();
    m_connection.close();
    m_connection = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<StoreDatabase>> StoreDatabase::open(const QString &path, bool readOnly)
{
    QSqlDatabase connection = QSqlDatabase::addDatabase(u"QSQLITE"_s, uniqueConnectionName());
    connection.setDatabaseName(path);
    connection.setConnectOptions(readOnly ? u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"_s
                                          : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    std::unique_ptr<StoreDatabase> database(new StoreDatabase(connection, path));
    if (!connection.open())
        return std::unexpected(database->error(connection.lastError(), u"open"_s));
    return database;
}

QSqlQuery StoreDatabase::query() const
{
    QSqlQuery query(m_connection);
    query.setForwardOnly(true);
    return query;
}

Result<QSqlQuery> StoreDatabase::prepare(const QString &sql) const
{
    QSqlQuery prepared = query();
    if (!prepared.prepare(sql))
        return std::unexpected(error(prepared.lastError(), u"prepare a query"_s));
    return prepared;
}

Result<void> StoreDatabase::exec(QSqlQuery &prepared) const
{
    if (!prepared.exec())
        return std::unexpected(error(prepared.lastError(), u"run a query"_s));
    return {};
}

Result<void> StoreDatabase::exec(const QString &sql) const
{
    QSqlQuery statement = query();
    if (!statement.exec(sql))
        return std::unexpected(error(statement.lastError(), u"run \"%1\""_s.arg(sql.left(60))));
    return {};
}

Result<qint64> StoreDatabase::pragma(const QString &name) const
{
    QSqlQuery statement = query();
    if (!statement.exec(u"PRAGMA "_s + name) || !statement.next())
        return std::unexpected(error(statement.lastError(), u"read %1"_s.arg(name)));
    return statement.value(0).toLongLong();
}

Result<void> StoreDatabase::transaction(const std::function<Result<void>()> &body)
{
    if (auto begun = exec(u"BEGIN IMMEDIATE"_s); !begun)
        return begun;
    Result<void> result = body();
    if (result)
        result = exec(u"COMMIT"_s);
    if (!result) {
        // After a failed COMMIT SQLite may already have rolled back; a second ROLLBACK is harmless.
        if (auto rolledBack = exec(u"ROLLBACK"_s); !rolledBack && m_connection.isOpen())
            qCDebug(lcStore) << "rollback after failure:" << rolledBack.error().message;
    }
    return result;
}

Error StoreDatabase::error(const QSqlError &sqlError, const QString &doing) const
{
    const int code = sqlError.nativeErrorCode().toInt() & 0xff;
    const QString detail = sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    const QString where = u"%1 (%2)"_s.arg(m_path, detail);
    switch (code) {
    case NotADb:
    case Corrupt:
        return {ErrorCode::NotADatabase, u"not a Huiji history store or damaged: %1"_s.arg(where)};
    case ReadOnlyCode:
        return {ErrorCode::ReadOnly, u"the history store is read-only: %1"_s.arg(where)};
    case Full:
        return {ErrorCode::DiskFull, u"the disk is full; nothing was written: %1"_s.arg(where)};
    case CantOpen:
        return {ErrorCode::ReadOnly, u"cannot open or create the history store: %1"_s.arg(where)};
    case Busy:
        return {ErrorCode::StorageFailure, u"the history store is in use by another program: %1"_s.arg(where)};
    case IoError:
        return {ErrorCode::StorageFailure, u"the disk failed to %1: %2"_s.arg(doing, where)};
    default:
        return {ErrorCode::StorageFailure, u"could not %1: %2"_s.arg(doing, where)};
    }
}

} // namespace huiji

#include "sql/SqlDatabase.h"

#include "sql/PrivateFiles.h"
#include "sql/SqlLog.h"

#include <QAtomicInteger>
#include <QSqlError>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"huiji-sql-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

// SQLite's primary result codes (the low byte of an extended code).
enum SqliteCode { Busy = 5, ReadOnlyCode = 8, IoError = 10, Corrupt = 11, Full = 13, CantOpen = 14, NotADb = 26 };

} // namespace

SqlDatabase::SqlDatabase(QSqlDatabase connection, Options options)
    : m_connection(std::move(connection)), m_options(std::move(options))
{
}

SqlDatabase::~SqlDatabase()
{
    const QString name = m_connection.connectionName();
    m_kept.clear(); // statements go before their connection
    m_connection.close();
    m_connection = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<SqlDatabase>> SqlDatabase::open(const Options &options)
{
    // Private before SQLite creates it (and its -wal and -shm after its mode); when this fails,
    // opening it fails too and says why.
    if (!options.readOnly)
        PrivateFiles::makeFile(options.path);
    QSqlDatabase connection = QSqlDatabase::addDatabase(u"QSQLITE"_s, uniqueConnectionName());
    connection.setDatabaseName(options.path);
    connection.setConnectOptions(options.readOnly ? u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"_s
                                                  : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    std::unique_ptr<SqlDatabase> database(new SqlDatabase(connection, options));
    if (!connection.open())
        return std::unexpected(database->error(connection.lastError(), u"open"_s));
    return database;
}

QSqlQuery SqlDatabase::query() const
{
    QSqlQuery query(m_connection);
    query.setForwardOnly(true);
    return query;
}

Result<QSqlQuery> SqlDatabase::prepare(const QString &sql) const
{
    QSqlQuery prepared = query();
    if (!prepared.prepare(sql))
        return std::unexpected(error(prepared.lastError(), u"prepare a query"_s));
    return prepared;
}

Result<void> SqlDatabase::exec(QSqlQuery &prepared) const
{
    if (!prepared.exec())
        return std::unexpected(error(prepared.lastError(), u"run a query"_s));
    return {};
}

Result<void> SqlDatabase::exec(const QString &sql) const
{
    QSqlQuery statement = query();
    if (!statement.exec(sql))
        return std::unexpected(error(statement.lastError(), u"run \"%1\""_s.arg(sql.left(60))));
    return {};
}

Result<void> SqlDatabase::execKept(const QString &sql)
{
    auto kept = m_kept.find(sql);
    if (kept == m_kept.end()) {
        auto prepared = prepare(sql);
        if (!prepared)
            return std::unexpected(prepared.error());
        kept = m_kept.insert(sql, std::move(*prepared));
    }
    if (!kept->exec())
        return std::unexpected(error(kept->lastError(), u"run \"%1\""_s.arg(sql)));
    return {};
}

Result<void> SqlDatabase::exec(const QStringList &statements) const
{
    for (const QString &statement : statements)
        if (auto done = exec(statement); !done)
            return done;
    return {};
}

Result<qint64> SqlDatabase::pragma(const QString &name) const
{
    QSqlQuery statement = query();
    if (!statement.exec(u"PRAGMA "_s + name) || !statement.next())
        return std::unexpected(error(statement.lastError(), u"read %1"_s.arg(name)));
    return statement.value(0).toLongLong();
}

Result<void> SqlDatabase::transaction(const std::function<Result<void>()> &body)
{
    if (auto begun = begin(); !begun)
        return begun;
    Result<void> result = body();
    if (result)
        result = commit();
    if (!result)
        rollback();
    return result;
}

Result<void> SqlDatabase::begin()
{
    return execKept(u"BEGIN IMMEDIATE"_s);
}

Result<void> SqlDatabase::commit()
{
    return execKept(u"COMMIT"_s);
}

void SqlDatabase::rollback()
{
    // After a failed COMMIT SQLite may already have rolled back; a second ROLLBACK is harmless.
    if (auto rolledBack = exec(u"ROLLBACK"_s); !rolledBack && m_connection.isOpen())
        qCDebug(lcSql) << "rollback after failure:" << rolledBack.error().message;
}

Result<void> SqlDatabase::savepoint(const std::function<Result<void>()> &body)
{
    if (auto begun = execKept(u"SAVEPOINT request"_s); !begun)
        return begun;
    Result<void> result = body();
    if (!result)
        (void)exec(u"ROLLBACK TO SAVEPOINT request"_s); // a failure here also fails the commit, which reports it
    if (auto released = execKept(u"RELEASE SAVEPOINT request"_s); !released && result)
        return released;
    return result;
}

Error SqlDatabase::error(const QSqlError &sqlError, const QString &doing) const
{
    const int code = sqlError.nativeErrorCode().toInt() & 0xff;
    const QString detail = sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    const QString where = u"%1 (%2)"_s.arg(m_options.path, detail);
    const QString &what = m_options.what;
    switch (code) {
    case NotADb:
    case Corrupt:
        return {ErrorCode::NotADatabase, u"not a Huiji %1 or damaged: %2"_s.arg(what, where)};
    case ReadOnlyCode:
        return {ErrorCode::ReadOnly, u"the %1 is read-only: %2"_s.arg(what, where)};
    case Full:
        return {ErrorCode::DiskFull, u"the disk is full; nothing was written: %1"_s.arg(where)};
    case CantOpen:
        return {ErrorCode::ReadOnly, u"cannot open or create the %1: %2"_s.arg(what, where)};
    case Busy:
        return {ErrorCode::StorageFailure, u"the %1 is in use by another program: %2"_s.arg(what, where)};
    case IoError:
        return {ErrorCode::StorageFailure, u"the disk failed to %1: %2"_s.arg(doing, where)};
    default:
        return {ErrorCode::StorageFailure, u"could not %1: %2"_s.arg(doing, where)};
    }
}

} // namespace huiji

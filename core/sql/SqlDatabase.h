#pragma once

#include "protocol/Error.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <memory>

namespace huiji {

// One QtSql connection to one SQLite file, with every failure turned into an Error value whose
// code says what the user can do about it (not a database, read-only, disk full, ...). Shared by
// the client's history store and the server's database; `what` names the file in messages
// ("history store", "server database"). Use it from the thread that opened it.
class SqlDatabase
{
public:
    struct Options {
        QString path;
        QString what;
        bool readOnly = false;
    };

    static Result<std::unique_ptr<SqlDatabase>> open(const Options &options);
    ~SqlDatabase();
    SqlDatabase(const SqlDatabase &) = delete;
    SqlDatabase &operator=(const SqlDatabase &) = delete;

    QString path() const { return m_options.path; }
    QString what() const { return m_options.what; }
    QSqlDatabase &connection() { return m_connection; }

    QSqlQuery query() const;                       // a forward-only query on this connection
    Result<QSqlQuery> prepare(const QString &sql) const;
    Result<void> exec(QSqlQuery &query) const;     // exec a prepared query, mapping its error
    Result<void> exec(const QString &sql) const;   // one statement without parameters
    Result<void> exec(const QStringList &statements) const;
    Result<qint64> pragma(const QString &name) const;

    // Runs body in one IMMEDIATE transaction: committed when it succeeds, rolled back otherwise.
    Result<void> transaction(const std::function<Result<void>()> &body);
    // The same, in steps, for callers that keep a transaction open across events (group commit).
    Result<void> begin();
    Result<void> commit();
    void rollback();
    // Runs body inside an open transaction so that, if it fails, its own writes are undone and the
    // rest of the transaction stands.
    Result<void> savepoint(const std::function<Result<void>()> &body);

    Error error(const QSqlError &sqlError, const QString &doing) const;

private:
    SqlDatabase(QSqlDatabase connection, Options options);
    // A statement without parameters that runs often (BEGIN, COMMIT, SAVEPOINT): prepared once and
    // kept, because parsing it again costs more than running it.
    Result<void> execKept(const QString &sql);

    QSqlDatabase m_connection;
    Options m_options;
    QHash<QString, QSqlQuery> m_kept;
};

} // namespace huiji

#pragma once

#include "protocol/Error.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <memory>

namespace huiji {

// One QtSql connection to one store file, with every failure turned into an Error value whose
// code says what the user can do about it (not a database, read-only, disk full, ...).
class StoreDatabase
{
public:
    static Result<std::unique_ptr<StoreDatabase>> open(const QString &path, bool readOnly);
    ~StoreDatabase();
    StoreDatabase(const StoreDatabase &) = delete;
    StoreDatabase &operator=(const StoreDatabase &) = delete;

    QString path() const { return m_path; }
    QSqlDatabase &connection() { return m_connection; }

    QSqlQuery query() const;                       // a forward-only query on this connection
    Result<QSqlQuery> prepare(const QString &sql) const;
    Result<void> exec(QSqlQuery &query) const;     // exec a prepared query, mapping its error
    Result<void> exec(const QString &sql) const;   // one statement without parameters
    Result<qint64> pragma(const QString &name) const;

    // Runs body in one IMMEDIATE transaction: committed when it succeeds, rolled back otherwise.
    Result<void> transaction(const std::function<Result<void>()> &body);

    Error error(const QSqlError &sqlError, const QString &doing) const;

private:
    StoreDatabase(QSqlDatabase connection, QString path);

    QSqlDatabase m_connection;
    QString m_path;
};

} // namespace huiji

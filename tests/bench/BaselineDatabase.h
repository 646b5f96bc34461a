#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace huiji::bench {

// A raw QtSql connection for the baselines, set up as HistoryStore sets up its own (WAL,
// synchronous=FULL, 64 MiB page cache, temporary tables in memory; see core/store/HistoryStore.cpp)
// so that a baseline differs from the store only in the SQL it runs. A failing call ends the
// benchmark with a message: a figure measured after an error would be meaningless.
class BaselineDatabase
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    BaselineDatabase(const QString &path, Mode mode);
    ~BaselineDatabase();
    BaselineDatabase(const BaselineDatabase &) = delete;
    BaselineDatabase &operator=(const BaselineDatabase &) = delete;

    void exec(const QString &sql);
    QSqlQuery prepare(const QString &sql);
    void exec(QSqlQuery &query); // a prepared query
    qint64 scalar(const QString &sql);
    QString path() const { return m_path; }

    [[noreturn]] static void die(const QString &message);

private:
    QString m_path;
    QString m_name;
    QSqlDatabase m_connection;
};

} // namespace huiji::bench

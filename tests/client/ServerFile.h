#pragma once

// The server's database file through a connection of the test's own beside the hub's: to read
// what the server stored and to make its writes fail (a trigger that raises).

#include "TestNetwork.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace huiji {

class ServerFile
{
public:
    explicit ServerFile(TestServer &server)
        : m_name(u"test-server-file-"_s + server.config().dataDirectory)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(QDir(server.config().dataDirectory).filePath(u"server.sqlite"_s));
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s); // the hub may be in a transaction
        m_open = db.open();
    }
    ~ServerFile()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    ServerFile(const ServerFile &) = delete;
    ServerFile &operator=(const ServerFile &) = delete;

    bool isOpen() const { return m_open; }
    bool exec(const QString &statement)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (query.exec(statement))
            return true;
        qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        return false;
    }
    // What a SELECT COUNT(*) counts, with one value bound when it has one; -1 when it cannot be read.
    qint64 count(const QString &sql, const QVariant &value = {})
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            return -1;
        if (value.isValid())
            query.addBindValue(value);
        if (!query.exec() || !query.next()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
            return -1;
        }
        return query.value(0).toLongLong();
    }

private:
    QString m_name;
    bool m_open = false;
};

} // namespace huiji

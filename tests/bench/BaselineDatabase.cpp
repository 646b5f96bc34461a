#include "BaselineDatabase.h"

#include <QSqlError>
#include <QStringList>
#include <QVariant>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace huiji::bench {

BaselineDatabase::BaselineDatabase(const QString &path, Mode mode)
    : m_path(path)
{
    static int connections = 0;
    m_name = u"bench-baseline-%1"_s.arg(++connections);
    m_connection = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
    m_connection.setDatabaseName(path);
    if (mode == Mode::ReadOnly)
        m_connection.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"_s);
    else
        m_connection.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!m_connection.open())
        die(u"cannot open %1: %2"_s.arg(path, m_connection.lastError().text()));
    QStringList settings = {u"PRAGMA synchronous = FULL"_s, u"PRAGMA foreign_keys = ON"_s,
                            u"PRAGMA cache_size = -65536"_s, u"PRAGMA temp_store = MEMORY"_s};
    if (mode == Mode::ReadWrite)
        settings.prepend(u"PRAGMA journal_mode = WAL"_s);
    for (const QString &setting : settings)
        exec(setting);
}

BaselineDatabase::~BaselineDatabase()
{
    m_connection.close();
    m_connection = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

void BaselineDatabase::exec(const QString &sql)
{
    QSqlQuery query(m_connection);
    if (!query.exec(sql))
        die(u"%1: \"%2\" failed: %3"_s.arg(m_path, sql, query.lastError().text()));
}

QSqlQuery BaselineDatabase::prepare(const QString &sql)
{
    QSqlQuery query(m_connection);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        die(u"%1: cannot prepare \"%2\": %3"_s.arg(m_path, sql, query.lastError().text()));
    return query;
}

void BaselineDatabase::exec(QSqlQuery &query)
{
    if (!query.exec())
        die(u"%1: \"%2\" failed: %3"_s.arg(m_path, query.lastQuery(), query.lastError().text()));
}

qint64 BaselineDatabase::scalar(const QString &sql)
{
    QSqlQuery query(m_connection);
    if (!query.exec(sql) || !query.next())
        die(u"%1: \"%2\" failed: %3"_s.arg(m_path, sql, query.lastError().text()));
    return query.value(0).toLongLong();
}

void BaselineDatabase::die(const QString &message)
{
    std::fprintf(stderr, "bench_store: %s\n", qUtf8Printable(message));
    std::exit(1);
}

} // namespace huiji::bench

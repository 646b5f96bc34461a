#include "server/db/ServerDatabase.h"

#include "server/db/ServerSchema.h"
#include "sql/SqlDatabase.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

ServerDatabase::ServerDatabase(std::unique_ptr<SqlDatabase> sql)
    : m_sql(std::move(sql)), m_accounts(*m_sql), m_devices(*m_sql), m_contacts(*m_sql), m_mailbox(*m_sql),
      m_collections(*m_sql, m_mailbox), m_terminals(*m_sql), m_archive(*m_sql)
{
}

ServerDatabase::~ServerDatabase() = default;

Result<std::unique_ptr<ServerDatabase>> ServerDatabase::open(const QString &path)
{
    auto sql = SqlDatabase::open({.path = path, .what = u"server database"_s});
    if (!sql)
        return std::unexpected(sql.error());
    // WAL with synchronous=FULL: an acked message survives a power cut, and the hub's group commit
    // pays one fsync for every frame that arrived in the same turn of its event loop. Requests that
    // run in a savepoint keep its undo pages in a temporary file unless temp_store is MEMORY:
    // measured under load when every send had one, that file took a quarter of the hub's time.
    for (const QString &setting : {u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = FULL"_s,
                                   u"PRAGMA foreign_keys = ON"_s, u"PRAGMA cache_size = -65536"_s,
                                   u"PRAGMA temp_store = MEMORY"_s})
        if (auto done = (*sql)->exec(setting); !done)
            return std::unexpected(done.error());
    if (auto prepared = ServerSchema::prepare(**sql); !prepared)
        return std::unexpected(prepared.error());
    std::unique_ptr<ServerDatabase> database(new ServerDatabase(std::move(*sql)));
    if (auto loaded = database->m_devices.load(); !loaded)
        return std::unexpected(loaded.error());
    if (auto loaded = database->m_mailbox.load(); !loaded)
        return std::unexpected(loaded.error());
    return database;
}

} // namespace huiji

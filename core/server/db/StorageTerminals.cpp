#include "server/db/StorageTerminals.h"

#include "sql/SqlDatabase.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// The account's devices whose held rows have no terminal to go to: neither the primary nor a
// secondary. Bound as account, the primary's key, account (bindOrphaned).
const QString orphaned = u"device_key IN (SELECT device_key FROM devices WHERE account = ?) AND device_key <> ?"
                         " AND device_key NOT IN (SELECT device_key FROM secondary_terminals WHERE account = ?)"_s;

void bindOrphaned(QSqlQuery &query, const QString &account, qint64 primary)
{
    query.addBindValue(account);
    query.addBindValue(primary);
    query.addBindValue(account);
}

} // namespace

StorageTerminals::StorageTerminals(SqlDatabase &database) : m_database(database) {}

Result<QList<DeviceRegistry::Terminal>> StorageTerminals::secondaries(const QString &account) const
{
    auto select = m_database.prepare(u"SELECT s.device_key, d.device_id, s.since FROM secondary_terminals s"
                                     " JOIN devices d ON d.device_key = s.device_key"
                                     " WHERE s.account = ? ORDER BY s.since, s.device_key"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(account);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    QList<DeviceRegistry::Terminal> found;
    while (select->next())
        found.append({select->value(0).toLongLong(), select->value(1).toString(), wire::TerminalRole::Secondary,
                      select->value(2).toLongLong()});
    return found;
}

Result<void> StorageTerminals::addSecondary(const QString &account, qint64 deviceKey, qint64 now)
{
    auto insert = m_database.prepare(u"INSERT INTO secondary_terminals (account, device_key, since) VALUES (?, ?, ?)"
                                     " ON CONFLICT (account, device_key) DO NOTHING"_s);
    if (!insert)
        return std::unexpected(insert.error());
    insert->addBindValue(account);
    insert->addBindValue(deviceKey);
    insert->addBindValue(now);
    return m_database.exec(*insert);
}

Result<bool> StorageTerminals::removeSecondary(const QString &account, qint64 deviceKey)
{
    auto erase = m_database.prepare(u"DELETE FROM secondary_terminals WHERE account = ? AND device_key = ?"_s);
    if (!erase)
        return std::unexpected(erase.error());
    erase->addBindValue(account);
    erase->addBindValue(deviceKey);
    if (auto done = m_database.exec(*erase); !done)
        return std::unexpected(done.error());
    return erase->numRowsAffected() == 1;
}

Result<QList<qint64>> StorageTerminals::retargetHeld(const QString &account, qint64 to)
{
    // Read first what `to` gains, so that its open delivery stream can be told (DeliveryStream::held).
    auto gained = m_database.prepare(u"SELECT DISTINCT seq FROM inbox WHERE expires IS NULL AND "_s + orphaned
                                     + u" AND seq NOT IN (SELECT seq FROM inbox WHERE device_key = ?) ORDER BY seq"_s);
    if (!gained)
        return std::unexpected(gained.error());
    bindOrphaned(*gained, account, to);
    gained->addBindValue(to);
    if (auto done = m_database.exec(*gained); !done)
        return std::unexpected(done.error());
    QList<qint64> seqs;
    while (gained->next())
        seqs.append(gained->value(0).toLongLong());
    gained->finish();
    auto copy = m_database.prepare(u"INSERT INTO inbox (device_key, seq, expires) SELECT ?, seq, NULL FROM inbox"
                                   " WHERE expires IS NULL AND "_s + orphaned
                                   + u" ON CONFLICT (device_key, seq) DO UPDATE SET expires = NULL"_s);
    if (!copy)
        return std::unexpected(copy.error());
    copy->addBindValue(to);
    bindOrphaned(*copy, account, to);
    if (auto done = m_database.exec(*copy); !done)
        return std::unexpected(done.error());
    auto erase = m_database.prepare(u"DELETE FROM inbox WHERE expires IS NULL AND "_s + orphaned);
    if (!erase)
        return std::unexpected(erase.error());
    bindOrphaned(*erase, account, to);
    if (auto done = m_database.exec(*erase); !done)
        return std::unexpected(done.error());
    return seqs;
}

Result<void> StorageTerminals::holdFor(const QList<qint64> &deviceKeys, qint64 seq)
{
    auto insert = m_database.prepare(u"INSERT INTO inbox (device_key, seq, expires) VALUES (?, ?, NULL)"
                                     " ON CONFLICT (device_key, seq) DO UPDATE SET expires = NULL"_s);
    if (!insert)
        return std::unexpected(insert.error());
    for (const qint64 key : deviceKeys) {
        insert->bindValue(0, key);
        insert->bindValue(1, seq);
        if (auto done = m_database.exec(*insert); !done)
            return done;
    }
    return {};
}

} // namespace huiji

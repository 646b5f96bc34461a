#include "server/db/DeviceRegistry.h"

#include "sql/SqlDatabase.h"

#include <QSqlError>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

DeviceRegistry::DeviceRegistry(SqlDatabase &database) : m_database(database) {}

Result<void> DeviceRegistry::load()
{
    QSqlQuery highest = m_database.query();
    if (!highest.exec(u"SELECT COALESCE(MAX(device_key), 0) FROM devices"_s) || !highest.next())
        return std::unexpected(m_database.error(highest.lastError(), u"read the device keys"_s));
    m_lastKey = highest.value(0).toLongLong();
    return {};
}

Result<DeviceRegistry::Use> DeviceRegistry::recordUse(const QString &account, const DeviceInfo &info,
                                                      const QString &macHash, qint64 now)
{
    auto select = m_database.prepare(u"SELECT device_key FROM devices WHERE account = ? AND device_id = ?"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(account);
    select->addBindValue(info.id);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    Use use{{0, account, info}, !select->next()};
    if (use.isNew) {
        use.device.key = ++m_lastKey;
        auto insert = m_database.prepare(
            u"INSERT INTO devices (device_key, account, device_id, name, platform, mac_hash, first_seen, last_seen)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
        if (!insert)
            return std::unexpected(insert.error());
        for (const QVariant &value : {QVariant(use.device.key), QVariant(account), QVariant(info.id),
                                      QVariant(info.name), QVariant(info.platform), QVariant(macHash),
                                      QVariant(now), QVariant(now)})
            insert->addBindValue(value);
        if (auto done = m_database.exec(*insert); !done)
            return std::unexpected(done.error());
    } else {
        use.device.key = select->value(0).toLongLong();
        auto update = m_database.prepare(
            u"UPDATE devices SET name = ?, platform = ?, mac_hash = ?, last_seen = ? WHERE device_key = ?"_s);
        if (!update)
            return std::unexpected(update.error());
        for (const QVariant &value : {QVariant(info.name), QVariant(info.platform), QVariant(macHash),
                                      QVariant(now), QVariant(use.device.key)})
            update->addBindValue(value);
        if (auto done = m_database.exec(*update); !done)
            return std::unexpected(done.error());
    }
    auto count = m_database.prepare(u"INSERT INTO device_usage (device_key, day, uses) VALUES (?, ?, 1)"
                                    " ON CONFLICT (device_key, day) DO UPDATE SET uses = device_usage.uses + 1"_s);
    if (!count)
        return std::unexpected(count.error());
    count->addBindValue(use.device.key);
    count->addBindValue(now / dayMs);
    if (auto done = m_database.exec(*count); !done)
        return std::unexpected(done.error());
    return use;
}

Result<QList<DeviceRegistry::Device>> DeviceRegistry::devicesOf(const QString &account) const
{
    auto select = m_database.prepare(
        u"SELECT device_key, device_id, name, platform FROM devices WHERE account = ? ORDER BY device_key"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(account);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    QList<Device> devices;
    while (select->next())
        devices.append({select->value(0).toLongLong(), account,
                        {select->value(1).toString(), select->value(2).toString(), select->value(3).toString()}});
    return devices;
}

Result<QList<wire::DeviceEntry>> DeviceRegistry::list(const QString &account, wire::DeviceOrder order,
                                                      int windowDays, qint64 now) const
{
    // The window counts today and the windowDays - 1 days before it.
    const qint64 today = now / dayMs;
    const qint64 firstDay = today - windowDays + 1;
    auto select = m_database.prepare(
        u"SELECT d.device_id, d.name, d.platform, d.first_seen, d.last_seen, u.day, u.uses,"
        " COALESCE((SELECT MIN(t.role) FROM terminals t WHERE t.device_key = d.device_key),"
        "  (SELECT 'secondary' FROM secondary_terminals s WHERE s.device_key = d.device_key)),"
        " EXISTS (SELECT 1 FROM device_credentials c WHERE c.device_key = d.device_key)"
        " FROM devices d LEFT JOIN device_usage u ON u.device_key = d.device_key AND u.day >= ?"
        " WHERE d.account = ? ORDER BY d.device_key"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(firstDay);
    select->addBindValue(account);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    QList<wire::DeviceEntry> entries;
    while (select->next()) {
        const QString id = select->value(0).toString();
        if (entries.isEmpty() || entries.last().info.id != id) {
            wire::DeviceEntry entry{{id, select->value(1).toString(), select->value(2).toString()},
                                    select->value(3).toLongLong(),
                                    select->value(4).toLongLong(),
                                    0,
                                    wire::terminalRoleFromName(select->value(7).toString()).value_or(wire::TerminalRole::None),
                                    false,
                                    QList<qint64>(windowDays, 0),
                                    select->value(8).toBool()};
            entries.append(entry);
        }
        if (select->isNull(5))
            continue; // not used within the window
        const qint64 day = select->value(5).toLongLong();
        const qint64 uses = select->value(6).toLongLong();
        if (day > today)
            continue; // a clock that went back: counted once it is today again
        entries.last().daily[day - firstDay] += uses;
        entries.last().uses += uses;
    }
    // Ties fall back to recency, then to the id, so that the order is the same on every call.
    const auto byRecency = [](const wire::DeviceEntry &a, const wire::DeviceEntry &b) {
        return std::tie(b.lastSeen, a.info.id) < std::tie(a.lastSeen, b.info.id);
    };
    if (order == wire::DeviceOrder::Recency) {
        std::ranges::sort(entries, byRecency);
    } else {
        std::ranges::sort(entries, [&](const wire::DeviceEntry &a, const wire::DeviceEntry &b) {
            return a.uses != b.uses ? a.uses > b.uses : byRecency(a, b);
        });
    }
    return entries;
}

Result<void> DeviceRegistry::rename(qint64 deviceKey, const QString &name)
{
    auto update = m_database.prepare(u"UPDATE devices SET name = ? WHERE device_key = ?"_s);
    if (!update)
        return std::unexpected(update.error());
    update->addBindValue(name);
    update->addBindValue(deviceKey);
    return m_database.exec(*update);
}

Result<std::optional<DeviceRegistry::Terminal>> DeviceRegistry::terminal(const QString &account) const
{
    auto select = m_database.prepare(u"SELECT t.device_key, d.device_id, t.since FROM terminals t"
                                     " JOIN devices d ON d.device_key = t.device_key"
                                     " WHERE t.account = ? AND t.role = ?"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(account);
    select->addBindValue(wire::terminalRoleName(wire::TerminalRole::Primary));
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    if (!select->next())
        return std::nullopt;
    return Terminal{select->value(0).toLongLong(), select->value(1).toString(), wire::TerminalRole::Primary,
                    select->value(2).toLongLong()};
}

Result<DeviceRegistry::Terminal> DeviceRegistry::setTerminal(const QString &account, const QString &deviceId,
                                                             wire::TerminalRole role, qint64 now)
{
    if (role == wire::TerminalRole::None)
        return fail(ErrorCode::InvalidArgument, u"a storage terminal is primary or secondary"_s);
    auto select = m_database.prepare(u"SELECT device_key FROM devices WHERE account = ? AND device_id = ?"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(account);
    select->addBindValue(deviceId);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    if (!select->next())
        return fail(ErrorCode::NotFound, u"\"%1\" is not a device of %2"_s.arg(deviceId, account));
    const Terminal chosen{select->value(0).toLongLong(), deviceId, role, now};
    // One device has one role: choosing it as primary takes it out of secondary, and back.
    auto clear = m_database.prepare(u"DELETE FROM terminals WHERE account = ? AND (role = ? OR device_key = ?)"_s);
    if (!clear)
        return std::unexpected(clear.error());
    clear->addBindValue(account);
    clear->addBindValue(wire::terminalRoleName(role));
    clear->addBindValue(chosen.key);
    if (auto done = m_database.exec(*clear); !done)
        return std::unexpected(done.error());
    auto insert = m_database.prepare(u"INSERT INTO terminals (account, role, device_key, since) VALUES (?, ?, ?, ?)"_s);
    if (!insert)
        return std::unexpected(insert.error());
    insert->addBindValue(account);
    insert->addBindValue(wire::terminalRoleName(role));
    insert->addBindValue(chosen.key);
    insert->addBindValue(now);
    if (auto done = m_database.exec(*insert); !done)
        return std::unexpected(done.error());
    return chosen;
}

Result<void> DeviceRegistry::clearTerminal(const QString &account)
{
    auto clear = m_database.prepare(u"DELETE FROM terminals WHERE account = ?"_s);
    if (!clear)
        return std::unexpected(clear.error());
    clear->addBindValue(account);
    return m_database.exec(*clear);
}

} // namespace huiji

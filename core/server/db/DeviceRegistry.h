#pragma once

#include "protocol/DeviceInfo.h"
#include "protocol/Error.h"
#include "protocol/Wire.h"

#include <QList>
#include <QString>

#include <optional>

namespace huiji {

class SqlDatabase;

// The devices of each account with their use (claim 7: first seen, last seen, logins per day)
// and the account's storage terminals (claims 1-6). A device is known by a small key the server
// assigns, so that the inbox rows that name it stay small.
class DeviceRegistry
{
public:
    static constexpr qint64 dayMs = 24 * 60 * 60 * 1000;

    struct Device {
        qint64 key = 0;
        QString account;
        DeviceInfo info;
    };
    struct Use {
        Device device;
        bool isNew = false;
    };
    struct Terminal {
        qint64 key = 0;
        QString deviceId;
        wire::TerminalRole role = wire::TerminalRole::Primary;
        qint64 since = 0; // when it became the terminal: a collection is for one device and one since
    };

    explicit DeviceRegistry(SqlDatabase &database);
    Result<void> load(); // reads the highest key in use

    // One login of a device (S240-S250): registers it the first time, updates its name and platform,
    // and counts a use on today's date.
    Result<Use> recordUse(const QString &account, const DeviceInfo &info, const QString &macHash, qint64 now);

    Result<QList<Device>> devicesOf(const QString &account) const;
    // The list the settings page shows (claim 8): uses within the last windowDays days, sorted by
    // them or by last use. Roles are filled in; presence is the caller's.
    Result<QList<wire::DeviceEntry>> list(const QString &account, wire::DeviceOrder order, int windowDays,
                                          qint64 now) const;

    Result<void> rename(qint64 deviceKey, const QString &name);
    Result<std::optional<Terminal>> terminal(const QString &account) const; // the primary one
    // NotFound when the device is not one of the account's.
    Result<Terminal> setTerminal(const QString &account, const QString &deviceId, wire::TerminalRole role,
                                 qint64 now);
    Result<void> clearTerminal(const QString &account);

private:
    SqlDatabase &m_database;
    qint64 m_lastKey = 0;
};

} // namespace huiji

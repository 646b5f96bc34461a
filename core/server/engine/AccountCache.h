#pragma once

#include "server/db/DeviceRegistry.h"

#include "protocol/Error.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace huiji {

class ServerDatabase;

// What the engine checks on every message of an account: its devices, storage terminals and
// accepted contacts.
struct AccountState {
    QList<DeviceRegistry::Device> devices;
    std::optional<DeviceRegistry::Terminal> terminal; // the primary
    QList<DeviceRegistry::Terminal> secondaries;      // claims 2-4
    bool archived = false;                            // the server is a secondary (claim 5)
    QSet<QString> contacts;                           // accepted ones: who this account may write to

    bool isPrimary(qint64 deviceKey) const { return terminal && terminal->key == deviceKey; }
};

// Accounts' states as read from the database, kept between turns. A cache, never the truth: a
// change to what it holds forgets the account, and a failed commit forgets every account.
// A pointer it hands out stays valid until the next get() of another account.
class AccountCache
{
public:
    explicit AccountCache(ServerDatabase &database) : m_database(database) {}

    Result<AccountState *> get(const QString &account);
    AccountState *cached(const QString &account); // null when it is not read in
    void forget(const QString &account) { m_accounts.remove(account); }
    void clear() { m_accounts.clear(); }

private:
    ServerDatabase &m_database;
    QHash<QString, AccountState> m_accounts;
};

} // namespace huiji

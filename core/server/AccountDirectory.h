#pragma once

#include "protocol/Error.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace huiji {

class SqlDatabase;

// Accounts and their session tokens. Holds password hashes and token hashes only: the passwords
// and tokens themselves never reach the database.
class AccountDirectory
{
public:
    explicit AccountDirectory(SqlDatabase &database);

    // Letters and digits of any script, '.', '_' and '-', 1 to 64 characters.
    static bool isValidName(const QString &name);

    Result<void> create(const QString &name, const QByteArray &passwordHash, qint64 now); // AlreadyExists
    Result<bool> exists(const QString &name) const;
    Result<std::optional<QByteArray>> passwordHash(const QString &name) const;
    // Changes the password and ends every session of the account.
    Result<void> setPassword(const QString &name, const QByteArray &passwordHash); // NotFound

    Result<void> addSession(const QByteArray &tokenHash, const QString &account, qint64 now);
    Result<std::optional<QString>> accountOfSession(const QByteArray &tokenHash) const;

private:
    SqlDatabase &m_database;
};

} // namespace huiji

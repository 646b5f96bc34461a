#pragma once

#include "protocol/Error.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace huiji {

class SqlDatabase;

// Accounts and their devices' credentials. Holds password hashes and credential hashes only: the
// passwords and credentials themselves never reach the database. A credential is bound to one
// device (its key in the device registry, so one device id of one account): it logs in as that
// device and no other, and each device has at most one.
class AccountDirectory
{
public:
    struct Credential {
        qint64 deviceKey = 0;
        QString account;
        QString deviceId;
        qint64 lastUsed = 0;
    };

    explicit AccountDirectory(SqlDatabase &database);

    // Letters and digits of any script, '.', '_' and '-', 1 to 64 characters.
    static bool isValidName(const QString &name);

    Result<void> create(const QString &name, const QByteArray &passwordHash, qint64 now); // AlreadyExists
    Result<bool> exists(const QString &name) const;
    Result<std::optional<QByteArray>> passwordHash(const QString &name) const;
    // Changes the password and revokes the credential of every device of the account.
    Result<void> setPassword(const QString &name, const QByteArray &passwordHash); // NotFound

    // Gives the device a new credential; the one it had before, if any, is revoked.
    Result<void> issueCredential(qint64 deviceKey, const QByteArray &tokenHash, qint64 now);
    Result<std::optional<Credential>> credential(const QByteArray &tokenHash) const;
    // A login with the credential: false when it is gone (revoked or expired meanwhile).
    Result<bool> useCredential(const QByteArray &tokenHash, qint64 now);
    // Sign-outs: how many credentials went.
    Result<qint64> revokeCredentials(const QList<qint64> &deviceKeys);
    Result<qint64> expireCredentials(qint64 unusedSince); // those last used before that time

private:
    SqlDatabase &m_database;
};

} // namespace huiji

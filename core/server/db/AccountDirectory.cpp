#include "server/db/AccountDirectory.h"

#include "sql/SqlDatabase.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

AccountDirectory::AccountDirectory(SqlDatabase &database) : m_database(database) {}

bool AccountDirectory::isValidName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return c.isLetterOrNumber() || c == u'.' || c == u'_' || c == u'-';
    });
}

Result<void> AccountDirectory::create(const QString &name, const QByteArray &passwordHash, qint64 now)
{
    if (!isValidName(name))
        return fail(ErrorCode::InvalidArgument,
                    u"a user name is 1 to 64 letters, digits, '.', '_' or '-'"_s);
    auto taken = exists(name);
    if (!taken)
        return std::unexpected(taken.error());
    if (*taken)
        return fail(ErrorCode::AlreadyExists, u"the user name \"%1\" is taken"_s.arg(name));
    auto insert = m_database.prepare(u"INSERT INTO accounts (name, password_hash, created) VALUES (?, ?, ?)"_s);
    if (!insert)
        return std::unexpected(insert.error());
    insert->addBindValue(name);
    insert->addBindValue(QString::fromLatin1(passwordHash));
    insert->addBindValue(now);
    return m_database.exec(*insert);
}

Result<bool> AccountDirectory::exists(const QString &name) const
{
    auto hash = passwordHash(name);
    if (!hash)
        return std::unexpected(hash.error());
    return hash->has_value();
}

Result<std::optional<QByteArray>> AccountDirectory::passwordHash(const QString &name) const
{
    auto select = m_database.prepare(u"SELECT password_hash FROM accounts WHERE name = ?"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(name);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    if (!select->next())
        return std::nullopt;
    return select->value(0).toString().toLatin1();
}

Result<void> AccountDirectory::setPassword(const QString &name, const QByteArray &passwordHash)
{
    auto update = m_database.prepare(u"UPDATE accounts SET password_hash = ? WHERE name = ?"_s);
    if (!update)
        return std::unexpected(update.error());
    update->addBindValue(QString::fromLatin1(passwordHash));
    update->addBindValue(name);
    if (auto done = m_database.exec(*update); !done)
        return done;
    if (update->numRowsAffected() != 1)
        return fail(ErrorCode::NotFound, u"there is no user \"%1\""_s.arg(name));
    auto forget = m_database.prepare(u"DELETE FROM device_credentials WHERE device_key IN"
                                     " (SELECT device_key FROM devices WHERE account = ?)"_s);
    if (!forget)
        return std::unexpected(forget.error());
    forget->addBindValue(name);
    return m_database.exec(*forget);
}

Result<void> AccountDirectory::issueCredential(qint64 deviceKey, const QByteArray &tokenHash, qint64 now)
{
    if (auto revoked = revokeCredentials({deviceKey}); !revoked)
        return std::unexpected(revoked.error());
    auto insert = m_database.prepare(
        u"INSERT INTO device_credentials (device_key, token_hash, created, last_used) VALUES (?, ?, ?, ?)"_s);
    if (!insert)
        return std::unexpected(insert.error());
    for (const QVariant &value : {QVariant(deviceKey), QVariant(tokenHash), QVariant(now), QVariant(now)})
        insert->addBindValue(value);
    return m_database.exec(*insert);
}

Result<std::optional<AccountDirectory::Credential>> AccountDirectory::credential(const QByteArray &tokenHash) const
{
    auto select = m_database.prepare(u"SELECT c.device_key, d.account, d.device_id, c.last_used"
                                     " FROM device_credentials c JOIN devices d ON d.device_key = c.device_key"
                                     " WHERE c.token_hash = ?"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(tokenHash);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    if (!select->next())
        return std::nullopt;
    return Credential{select->value(0).toLongLong(), select->value(1).toString(), select->value(2).toString(),
                      select->value(3).toLongLong()};
}

Result<bool> AccountDirectory::useCredential(const QByteArray &tokenHash, qint64 now)
{
    auto update = m_database.prepare(u"UPDATE device_credentials SET last_used = ? WHERE token_hash = ?"_s);
    if (!update)
        return std::unexpected(update.error());
    update->addBindValue(now);
    update->addBindValue(tokenHash);
    if (auto done = m_database.exec(*update); !done)
        return std::unexpected(done.error());
    return update->numRowsAffected() == 1;
}

Result<qint64> AccountDirectory::revokeCredentials(const QList<qint64> &deviceKeys)
{
    qint64 revoked = 0;
    for (const qint64 key : deviceKeys) {
        auto forget = m_database.prepare(u"DELETE FROM device_credentials WHERE device_key = ?"_s);
        if (!forget)
            return std::unexpected(forget.error());
        forget->addBindValue(key);
        if (auto done = m_database.exec(*forget); !done)
            return std::unexpected(done.error());
        revoked += forget->numRowsAffected();
    }
    return revoked;
}

Result<qint64> AccountDirectory::expireCredentials(qint64 unusedSince)
{
    auto forget = m_database.prepare(u"DELETE FROM device_credentials WHERE last_used < ?"_s);
    if (!forget)
        return std::unexpected(forget.error());
    forget->addBindValue(unusedSince);
    if (auto done = m_database.exec(*forget); !done)
        return std::unexpected(done.error());
    return forget->numRowsAffected();
}

} // namespace huiji

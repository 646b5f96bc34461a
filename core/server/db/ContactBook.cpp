#include "server/db/ContactBook.h"

#include "sql/SqlDatabase.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

ContactBook::ContactBook(SqlDatabase &database) : m_database(database) {}

Result<QList<wire::ContactEntry>> ContactBook::list(const QString &account) const
{
    auto select = m_database.prepare(u"SELECT contact, state FROM contacts WHERE account = ? ORDER BY contact"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(account);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    QList<wire::ContactEntry> entries;
    while (select->next())
        entries.append({select->value(0).toString(),
                        wire::contactStateFromName(select->value(1).toString()).value_or(wire::ContactState::Outgoing),
                        false});
    return entries;
}

Result<wire::ContactState> ContactBook::request(const QString &account, const QString &other, qint64 now)
{
    if (account == other)
        return fail(ErrorCode::InvalidArgument, u"you cannot add yourself as a contact"_s);
    auto exists = m_database.prepare(u"SELECT 1 FROM accounts WHERE name = ?"_s);
    if (!exists)
        return std::unexpected(exists.error());
    exists->addBindValue(other);
    if (auto done = m_database.exec(*exists); !done)
        return std::unexpected(done.error());
    if (!exists->next())
        return fail(ErrorCode::NotFound, u"there is no user \"%1\""_s.arg(other));
    auto mine = state(account, other);
    if (!mine)
        return std::unexpected(mine.error());
    if (*mine == wire::ContactState::Accepted || *mine == wire::ContactState::Outgoing)
        return **mine;
    if (*mine == wire::ContactState::Incoming) { // they asked first: asking back accepts
        if (auto done = accept(account, other, now); !done)
            return std::unexpected(done.error());
        return wire::ContactState::Accepted;
    }
    if (auto done = put(account, other, wire::ContactState::Outgoing, now); !done)
        return std::unexpected(done.error());
    if (auto done = put(other, account, wire::ContactState::Incoming, now); !done)
        return std::unexpected(done.error());
    return wire::ContactState::Outgoing;
}

Result<void> ContactBook::accept(const QString &account, const QString &other, qint64 now)
{
    auto mine = state(account, other);
    if (!mine)
        return std::unexpected(mine.error());
    if (*mine == wire::ContactState::Accepted)
        return {};
    if (*mine != wire::ContactState::Incoming)
        return fail(ErrorCode::NotFound, u"%1 has not asked to be your contact"_s.arg(other));
    if (auto done = put(account, other, wire::ContactState::Accepted, now); !done)
        return done;
    return put(other, account, wire::ContactState::Accepted, now);
}

Result<void> ContactBook::remove(const QString &account, const QString &other)
{
    auto erase = m_database.prepare(u"DELETE FROM contacts WHERE (account = ? AND contact = ?)"
                                    " OR (account = ? AND contact = ?)"_s);
    if (!erase)
        return std::unexpected(erase.error());
    for (const QString &name : {account, other, other, account})
        erase->addBindValue(name);
    return m_database.exec(*erase);
}

Result<std::optional<wire::ContactState>> ContactBook::state(const QString &account, const QString &other) const
{
    auto select = m_database.prepare(u"SELECT state FROM contacts WHERE account = ? AND contact = ?"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(account);
    select->addBindValue(other);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    if (!select->next())
        return std::nullopt;
    return wire::contactStateFromName(select->value(0).toString());
}

Result<void> ContactBook::put(const QString &account, const QString &other, wire::ContactState state, qint64 now)
{
    auto upsert = m_database.prepare(u"INSERT INTO contacts (account, contact, state, since) VALUES (?, ?, ?, ?)"
                                     " ON CONFLICT (account, contact) DO UPDATE SET state = excluded.state,"
                                     " since = excluded.since"_s);
    if (!upsert)
        return std::unexpected(upsert.error());
    upsert->addBindValue(account);
    upsert->addBindValue(other);
    upsert->addBindValue(wire::contactStateName(state));
    upsert->addBindValue(now);
    return m_database.exec(*upsert);
}

} // namespace huiji

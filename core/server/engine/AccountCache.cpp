#include "server/engine/AccountCache.h"

#include "server/db/ServerDatabase.h"

namespace huiji {

Result<AccountState *> AccountCache::get(const QString &account)
{
    if (const auto found = m_accounts.find(account); found != m_accounts.end())
        return &*found;
    AccountState state;
    auto devices = m_database.devices().devicesOf(account);
    if (!devices)
        return std::unexpected(devices.error());
    state.devices = *devices;
    auto terminal = m_database.devices().terminal(account);
    if (!terminal)
        return std::unexpected(terminal.error());
    state.terminal = *terminal;
    auto secondaries = m_database.terminals().secondaries(account);
    if (!secondaries)
        return std::unexpected(secondaries.error());
    state.secondaries = *secondaries;
    auto archive = m_database.archive().settings(account);
    if (!archive)
        return std::unexpected(archive.error());
    state.archived = archive->has_value();
    auto contacts = m_database.contacts().list(account);
    if (!contacts)
        return std::unexpected(contacts.error());
    for (const wire::ContactEntry &contact : std::as_const(*contacts))
        if (contact.state == wire::ContactState::Accepted)
            state.contacts.insert(contact.user);
    return &*m_accounts.insert(account, state);
}

AccountState *AccountCache::cached(const QString &account)
{
    const auto found = m_accounts.find(account);
    return found == m_accounts.end() ? nullptr : &*found;
}

} // namespace huiji

#pragma once

#include "server/db/Mailbox.h"
#include "server/engine/AccountCache.h"
#include "server/engine/Dispatcher.h"

#include <QCborMap>

namespace huiji {

// Several storage terminals (claims 2-4): one primary and any number of secondaries per account.
// Held records go to the primary; once it has merged them it sends them back (sync-upload) and the
// server holds them for every secondary, and for its own archive when the account made the server
// a secondary (claim 5). Changing or removing terminals moves held rows, never drops them, and
// needs the account password with the request (a terminal receives the whole history).
class TerminalRequests
{
public:
    TerminalRequests() = delete;

    static void registerOn(Dispatcher &dispatcher);

    // The account's terminals as the `device` answer and the `terminal` push carry them: `device`
    // and `role` of the primary when there is one, `terminals` (every one), `archive` (bool).
    static QCborMap describe(const AccountState &state);
    static wire::TerminalRole roleOf(const AccountState &state, qint64 deviceKey);
    // Drops the account's cached state, reads it again and pushes `terminal` to its devices.
    static Result<AccountState *> changed(Hub &hub, const QString &account);
    // A message was relayed. One the primary sent is part of the merged history the moment it is
    // stored, so it is held for the secondaries and archived at once.
    static Result<void> relayed(Hub &hub, const Peer &from, const Mailbox::Message &message);

private:
    static void setTerminal(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void removeTerminal(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void clearTerminals(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void syncUpload(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    // Removes one terminal: a secondary's held rows get the ordinary retention (they are copies of
    // what the primary has); a primary's stay held until the next primary takes them.
    static Result<void> remove(Hub &hub, const QString &account, const AccountState &state, qint64 deviceKey);
};

} // namespace huiji

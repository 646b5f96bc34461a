#pragma once

#include "server/engine/Dispatcher.h"

#include "protocol/Wire.h"

namespace huiji {

// The requests in which an account looks after itself: its contacts (add, accept, remove, with
// pushes to both people's devices), its device list by frequency or recency (claims 7-8), and the
// name of the device asking. Its storage terminals are TerminalRequests'.
class AccountRequests
{
public:
    AccountRequests() = delete;

    static void registerOn(Dispatcher &dispatcher);
    // The account's contacts, each accepted one with whether it is online now (S230).
    static Result<QList<wire::ContactEntry>> contactsWithPresence(Hub &hub, const QString &account);

private:
    static void contacts(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void devices(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void renameDevice(Hub &hub, quint64 id, Peer &client, const Frame &frame);
};

} // namespace huiji

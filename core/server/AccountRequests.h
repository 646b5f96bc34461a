#pragma once

#include "server/Hub.h"

namespace huiji {

// The requests in which an account looks after itself: its contacts (add, accept, remove, with
// pushes to both people's devices), its device list by frequency or recency (claims 7-8), and the
// name of the device asking. Its storage terminals are TerminalRequests'. Part of the hub, on its thread and in its turn; kept apart from login and
// relay so each reads on its own.
class AccountRequests
{
public:
    AccountRequests() = delete;

    static void contacts(Hub &hub, quint64 id, Hub::Client &client, const Frame &frame);
    static void devices(Hub &hub, quint64 id, Hub::Client &client, const Frame &frame);
    static void renameDevice(Hub &hub, quint64 id, Hub::Client &client, const Frame &frame);
};

} // namespace huiji

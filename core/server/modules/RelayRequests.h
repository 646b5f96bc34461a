#pragma once

#include "server/engine/Dispatcher.h"

namespace huiji {

// The relay (claim 10, S270): a message to a contact is stored once, queued for every device of
// both accounts but the sending one (held for storage terminals), handed to the online ones, and
// acked to the sender once it is committed. Acks of deliveries free what was held and send
// receipts to the sender's devices.
class RelayRequests
{
public:
    RelayRequests() = delete;

    static void registerOn(Dispatcher &dispatcher);

private:
    static void onSend(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void onAck(Hub &hub, quint64 id, Peer &client, const Frame &frame);
};

} // namespace huiji

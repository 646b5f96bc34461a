#pragma once

#include "server/engine/Dispatcher.h"

#include "protocol/Wire.h"

namespace huiji {

// Forwarding policies (claim 12): the account's policy (how the devices that are not its storage
// terminal forward what they saw on direct links), and the `forward` request that hands such
// records over. Forwarded records take the collection's de-duplicating path (Collections::take):
// compared by id and content key with what the terminal has or is held, the new ones held for it
// without expiry.
class ForwardRequests
{
public:
    ForwardRequests() = delete;

    static void registerOn(Dispatcher &dispatcher);

    static Result<wire::ForwardingPolicy> policy(Hub &hub, const QString &account);

private:
    static void setPolicy(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void getPolicy(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void forward(Hub &hub, quint64 id, Peer &client, const Frame &frame);
};

} // namespace huiji

#pragma once

#include "server/engine/Dispatcher.h"

namespace huiji {

// Brokering of direct links between devices of two contacts (claim 11). The server never carries
// what goes over a link: it picks an online device of the contact that takes links (it announced a
// listener in its device step), makes a one-time ticket and gives each side what it needs: the
// connecting side the address the server sees for the peer, the peer's announced port and the
// fingerprint of the peer's listener certificate (vouched for by the server); the peer the same
// ticket and who will present it. The peer checks the ticket, its expiry and that it is used once.
//
class LinkRequests
{
public:
    LinkRequests() = delete;

    static void registerOn(Dispatcher &dispatcher);

    // How long a ticket may wait for its connection.
    static constexpr qint64 ticketLifetimeMs = 60'000;
    // Each offer pushes to another account's device: a connection asks for at most this many a
    // minute, so that it cannot flood a contact with link-incoming pushes.
    static constexpr int maxOffersPerMinute = 30;

    // The `direct` field of the device step: {port, fingerprint}, or absent when links are off.
    static Result<void> announce(Peer &client, const QCborMap &direct);

private:
    static void offer(Hub &hub, quint64 id, Peer &client, const Frame &frame);
};

} // namespace huiji

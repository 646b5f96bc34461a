#pragma once

#include "server/engine/Dispatcher.h"

namespace huiji {

// Signing devices out (issue 13): a device's credential is revoked and its connections end at
// once; it logs in again only with the password. A device signs itself out freely; signing out
// another device, or all the others, needs the account password with the request, so that a
// stolen credential cannot lock the owner's devices out.
class CredentialRequests
{
public:
    CredentialRequests() = delete;

    static void registerOn(Dispatcher &dispatcher);

private:
    static void revoke(Hub &hub, quint64 id, Peer &client, const Frame &frame);
};

} // namespace huiji

#pragma once

#include "server/engine/Dispatcher.h"

namespace huiji {

// Hello, registration, login and the device step (S210-S260): how a connection becomes an
// account's online device. A device logs in with its own credential, or with the password, after
// which it is given one; the device step tells it whether it is a storage terminal and what waits.
class LoginRequests
{
public:
    LoginRequests() = delete;

    static void registerOn(Dispatcher &dispatcher);

private:
    static void onHello(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void onRegister(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void onLogin(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void finishLogin(Hub &hub, quint64 id, qint64 requestId, const QString &user);
    static void onDevice(Hub &hub, quint64 id, Peer &client, const Frame &frame);
};

} // namespace huiji

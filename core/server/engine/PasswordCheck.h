#pragma once

#include "server/engine/Dispatcher.h"
#include "server/engine/LoginThrottle.h"
#include "server/engine/PasswordWorker.h"

#include <functional>

namespace huiji {

class Hub;
struct ServerConfig;

// Every check of an account's password: at login and again with a sensitive request
// (re-authentication). Both run Argon2id on the password pool and count in the login throttle from
// the moment they start, so guesses sent in parallel, or through a stolen credential's sensitive
// requests, are limited exactly like sequential logins. Refusals (throttled, pool full) are
// answered here, with the wait.
class PasswordCheck
{
public:
    PasswordCheck(Hub &hub, const ServerConfig &config);

    // A login's password: the connection is busy until `then` runs back on the hub's thread, which
    // it does only if the connection is still there.
    void login(quint64 id, Peer &peer, qint64 requestId, const QString &account, const QByteArray &password,
               std::function<void(Hub &, bool matches)> then);
    // For sensitive requests: true when the request carried the account's password and it matched;
    // then `handler` is running again with the frame. False when this answered (no password, a
    // wrong one, throttled) or is still checking: `handler` is called again once it matches.
    bool reauthenticated(quint64 id, Peer &peer, const Frame &frame, Dispatcher::Handler handler);
    // A new account's password hash, on the same bounded pool.
    Result<void> create(const QByteArray &password, std::function<void(Result<QByteArray>)> done);

private:
    // True when the check started; otherwise the refusal was answered to `requestId`.
    bool start(quint64 id, qint64 requestId, const QString &account, const QString &address,
               const QByteArray &password, std::function<void(bool matches)> done);

    Hub &m_hub;
    LoginThrottle m_throttle;
    const Frame *m_reauthenticated = nullptr; // the request whose password matched, while it runs
    PasswordWorker m_worker;                  // last: destroyed (and waited for) first
};

} // namespace huiji

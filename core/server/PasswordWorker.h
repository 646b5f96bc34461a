#pragma once

#include "server/PasswordHash.h"

#include "protocol/Error.h"

#include <QByteArray>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace huiji {

// Argon2id off the hub's thread: each hash takes tens of milliseconds and 19 MiB, so it runs on a
// small pool of its own, and the answer comes back on the thread of `context` (the hub), which
// must outlive the worker. Destroying the worker waits for hashes still running.
class PasswordWorker
{
public:
    PasswordWorker(QObject &context, PasswordHash::Cost cost);
    ~PasswordWorker();

    // Checks a password against a stored hash. Without a stored hash (an unknown user) a hash of
    // the same cost is checked anyway, so that timing does not tell unknown users from known ones.
    void verify(const std::optional<QByteArray> &stored, const QByteArray &password, std::function<void(bool)> done);
    void create(const QByteArray &password, std::function<void(Result<QByteArray>)> done);

private:
    QObject &m_context;
    PasswordHash::Cost m_cost;
    QByteArray m_decoy;
    QThreadPool m_pool;
};

} // namespace huiji

#pragma once

#include "server/engine/PasswordHash.h"

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
// The work it takes is bounded: past `limits.queue` hashes queued or running, a new one is
// refused as Busy with an estimate of when there will be room, so that a flood of logins or
// registrations can neither grow memory nor keep every other login waiting behind it.
class PasswordWorker
{
public:
    struct Limits {
        int threads = 2; // hashes running at once
        int queue = 8;   // hashes queued or running at most (twice the pool and a few waiting)
    };

    PasswordWorker(QObject &context, PasswordHash::Cost cost, Limits limits);
    ~PasswordWorker();

    // Checks a password against a stored hash. Without a stored hash (an unknown user) a hash of
    // the same cost is checked anyway, so that timing does not tell unknown users from known ones.
    // Busy, and `done` never called, when the queue is full.
    Result<void> verify(const std::optional<QByteArray> &stored, const QByteArray &password,
                        std::function<void(bool)> done);
    Result<void> create(const QByteArray &password, std::function<void(Result<QByteArray>)> done);

private:
    Result<void> admit() const;
    // Runs `hash` on the pool and `done` with its result back on the context's thread.
    template <typename T>
    void run(std::function<T()> hash, std::function<void(T)> done);

    QObject &m_context;
    PasswordHash::Cost m_cost;
    Limits m_limits;
    QByteArray m_decoy;
    int m_outstanding = 0;     // queued or running, or done with the answer not yet delivered
    qint64 m_averageMs = 1000; // of a hash, as measured; the first guess is a pessimistic one
    QThreadPool m_pool;
};

} // namespace huiji

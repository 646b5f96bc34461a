#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace huiji {

// Limits failed logins per account and per network address within a sliding window, so that
// guessing passwords is slow for one account from many addresses and for many accounts from one.
// The clock is injected so that tests can move time.
class LoginThrottle
{
public:
    struct Limits {
        int perAccount = 5;
        int perAddress = 20;
        qint64 windowMs = 15 * 60 * 1000;
    };
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    LoginThrottle(Limits limits, Clock clock);

    // Milliseconds until this account may be tried from this address again; 0 when it may now.
    qint64 retryAfter(const QString &account, const QString &address);
    void recordFailure(const QString &account, const QString &address);
    // A successful login forgives the account's failures, not the address's.
    void recordSuccess(const QString &account);

    // Keys still remembered; stays bounded by what failed within the window.
    qsizetype trackedKeys() const { return m_failures.size(); }

private:
    qint64 wait(const QString &key, int limit);
    void forgetExpired();

    Limits m_limits;
    Clock m_clock;
    QHash<QString, QList<qint64>> m_failures; // key → failure times, oldest first
    qint64 m_lastSweep = 0;
};

} // namespace huiji

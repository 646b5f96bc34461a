#include "server/LoginThrottle.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {
QString accountKey(const QString &account) { return u"a:"_s + account; }
QString addressKey(const QString &address) { return u"n:"_s + address; }
} // namespace

LoginThrottle::LoginThrottle(Limits limits, Clock clock) : m_limits(limits), m_clock(std::move(clock)) {}

qint64 LoginThrottle::wait(const QString &key, int limit)
{
    const auto found = m_failures.find(key);
    if (found == m_failures.end())
        return 0;
    const qint64 since = m_clock() - m_limits.windowMs;
    QList<qint64> &times = *found;
    while (!times.isEmpty() && times.first() <= since)
        times.removeFirst();
    if (times.isEmpty()) {
        m_failures.erase(found);
        return 0;
    }
    if (times.size() < limit)
        return 0;
    // The attempt that would be over the limit may come when the oldest failure leaves the window.
    return times.at(times.size() - limit) - since;
}

qint64 LoginThrottle::retryAfter(const QString &account, const QString &address)
{
    return qMax(wait(accountKey(account), m_limits.perAccount), wait(addressKey(address), m_limits.perAddress));
}

void LoginThrottle::recordFailure(const QString &account, const QString &address)
{
    const qint64 now = m_clock();
    m_failures[accountKey(account)].append(now);
    m_failures[addressKey(address)].append(now);
    if (now - m_lastSweep >= m_limits.windowMs)
        forgetExpired();
}

void LoginThrottle::recordSuccess(const QString &account)
{
    m_failures.remove(accountKey(account));
}

void LoginThrottle::forgetExpired()
{
    const qint64 now = m_clock();
    m_lastSweep = now;
    const qint64 since = now - m_limits.windowMs;
    for (auto it = m_failures.begin(); it != m_failures.end();) {
        if (it->last() <= since)
            it = m_failures.erase(it);
        else
            ++it;
    }
}

} // namespace huiji

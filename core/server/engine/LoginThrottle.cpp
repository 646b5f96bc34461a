#include "server/engine/LoginThrottle.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

LoginThrottle::LoginThrottle(Limits limits, Clock clock)
    : m_limits(limits),
      m_clock(std::move(clock)),
      m_byAddress(limits.perAddress, limits.windowMs),
      m_byAccount(limits.perAccount, limits.windowMs)
{
}

QString LoginThrottle::pairKey(const QString &account, const QString &network)
{
    // A network never holds a newline, so the key is unambiguous.
    return account + u'\n' + network;
}

LoginThrottle::Pair *LoginThrottle::livePair(const QString &key, qint64 now)
{
    const auto found = m_pairs.find(key);
    if (found == m_pairs.end())
        return nullptr;
    if (found->last <= now - m_limits.windowMs) {
        m_pairs.erase(found); // quiet for a whole window: a fresh start
        return nullptr;
    }
    return &*found;
}

qint64 LoginThrottle::pairWait(const QString &key, qint64 now)
{
    const Pair *pair = livePair(key, now);
    if (!pair || pair->attempts < m_limits.freeAttempts || m_limits.firstDelayMs <= 0)
        return 0;
    qint64 delay = m_limits.firstDelayMs;
    for (int doubled = m_limits.freeAttempts; doubled < pair->attempts && delay < m_limits.maxDelayMs; ++doubled)
        delay *= 2;
    return qMax(pair->last + qMin(delay, m_limits.maxDelayMs) - now, qint64{0});
}

qint64 LoginThrottle::retryAfter(const QString &account, const QString &address)
{
    const qint64 now = m_clock();
    const QString network = networkOf(address);
    return qMax(pairWait(pairKey(account, network), now),
                qMax(m_byAddress.wait(network, now), m_byAccount.wait(account, now)));
}

LoginThrottle::Attempt LoginThrottle::begin(const QString &account, const QString &address)
{
    const qint64 now = m_clock();
    const QString network = networkOf(address);
    const QString key = pairKey(account, network);
    Pair *pair = livePair(key, now);
    if (!pair)
        pair = &*m_pairs.insert(key, {});
    ++pair->attempts;
    pair->last = now;
    m_byAddress.add(network, now);
    m_byAccount.add(account, now);
    if (now - m_lastSweep >= m_limits.windowMs)
        forgetIdlePairs(now);
    return {account, network, now};
}

void LoginThrottle::succeeded(const Attempt &attempt)
{
    m_pairs.remove(pairKey(attempt.account, attempt.network));
    uncount(attempt);
}

void LoginThrottle::withdraw(const Attempt &attempt)
{
    const auto pair = m_pairs.find(pairKey(attempt.account, attempt.network));
    if (pair != m_pairs.end() && --pair->attempts <= 0)
        m_pairs.erase(pair);
    uncount(attempt);
}

void LoginThrottle::uncount(const Attempt &attempt)
{
    m_byAddress.takeBack(attempt.network, attempt.at);
    m_byAccount.takeBack(attempt.account, attempt.at);
}

void LoginThrottle::forgetIdlePairs(qint64 now)
{
    m_lastSweep = now;
    m_pairs.removeIf([since = now - m_limits.windowMs](const auto &entry) { return entry.value().last <= since; });
}

qsizetype LoginThrottle::trackedKeys() const
{
    return m_pairs.size() + m_byAddress.trackedKeys() + m_byAccount.trackedKeys();
}

} // namespace huiji

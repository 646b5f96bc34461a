#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>

#include <atomic>

namespace huiji {

// What the server's connections share across the network threads: how many each address has
// open, so that one address cannot take every descriptor (the per-address cap), and the most
// output any connection has had waiting unsent, which the unsent-output bound keeps below it.
class ConnectionLedger
{
public:
    explicit ConnectionLedger(int perAddress) : m_perAddress(perAddress) {}

    // IPv4 addresses (also IPv6-mapped ones) count alone, IPv6 ones by their /64: one host
    // commonly has a whole /64 to pick addresses from.
    static QHostAddress keyOf(const QHostAddress &address);
    // Counts a connection from `key` unless the address has the cap's worth open already.
    bool admit(const QHostAddress &key);
    void release(const QHostAddress &key);

    void noteUnsent(qint64 bytes);
    qint64 peakUnsent() const { return m_peakUnsent.load(std::memory_order_relaxed); }

private:
    const int m_perAddress; // 0: no cap
    QMutex m_mutex;
    QHash<QHostAddress, int> m_open;
    std::atomic<qint64> m_peakUnsent = 0;
};

} // namespace huiji

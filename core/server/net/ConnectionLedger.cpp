#include "server/net/ConnectionLedger.h"

#include <QMutexLocker>

#include <algorithm>
#include <iterator>

namespace huiji {

QHostAddress ConnectionLedger::keyOf(const QHostAddress &address)
{
    bool mapped = false;
    const quint32 ipv4 = address.toIPv4Address(&mapped);
    if (mapped)
        return QHostAddress(ipv4);
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), quint8{0});
    return QHostAddress(bytes);
}

bool ConnectionLedger::admit(const QHostAddress &key)
{
    const QMutexLocker lock(&m_mutex);
    int &open = m_open[key];
    if (m_perAddress > 0 && open >= m_perAddress)
        return false;
    ++open;
    return true;
}

void ConnectionLedger::release(const QHostAddress &key)
{
    const QMutexLocker lock(&m_mutex);
    const auto found = m_open.find(key);
    if (found != m_open.end() && --*found <= 0)
        m_open.erase(found);
}

void ConnectionLedger::noteUnsent(qint64 bytes)
{
    qint64 peak = m_peakUnsent.load(std::memory_order_relaxed);
    while (bytes > peak && !m_peakUnsent.compare_exchange_weak(peak, bytes, std::memory_order_relaxed)) {
    }
}

} // namespace huiji

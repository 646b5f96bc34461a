#include "server/engine/RateWindow.h"

#include <QHostAddress>

#include <algorithm>
#include <iterator>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

QString networkOf(const QString &address)
{
    const QHostAddress parsed(address);
    bool isV4 = false;
    const quint32 v4 = parsed.toIPv4Address(&isV4); // IPv4-mapped IPv6 addresses too
    if (isV4)
        return QHostAddress(v4).toString();
    if (parsed.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    Q_IPV6ADDR network = parsed.toIPv6Address();
    std::fill(std::begin(network.c) + 8, std::end(network.c), quint8{0});
    return QHostAddress(network).toString() + u"/64"_s;
}

RateWindow::RateWindow(qint64 limit, qint64 windowMs) : m_limit(limit), m_windowMs(windowMs) {}

void RateWindow::dropExpired(Events &events, qint64 now) const
{
    const qint64 since = now - m_windowMs;
    while (!events.list.isEmpty() && events.list.first().at <= since)
        events.total -= events.list.takeFirst().count;
}

qint64 RateWindow::wait(const QString &key, qint64 now)
{
    const auto found = m_events.find(key);
    if (found == m_events.end())
        return 0;
    dropExpired(*found, now);
    if (found->list.isEmpty()) {
        m_events.erase(found);
        return 0;
    }
    // Under the limit once enough of the oldest events have left the window.
    qint64 total = found->total;
    for (const Event &event : std::as_const(found->list)) {
        if (total < m_limit)
            break;
        total -= event.count;
        if (total < m_limit)
            return event.at + m_windowMs - now;
    }
    return 0;
}

void RateWindow::add(const QString &key, qint64 now, qint64 count)
{
    if (m_limit <= 0)
        return; // no limit: nothing to remember
    Events &events = m_events[key];
    events.list.append({now, count});
    events.total += count;
    if (now - m_lastSweep >= m_windowMs)
        forgetExpired(now);
}

void RateWindow::takeBack(const QString &key, qint64 at, qint64 count)
{
    const auto found = m_events.find(key);
    if (found == m_events.end())
        return;
    for (auto event = found->list.begin(); event != found->list.end(); ++event)
        if (event->at == at) {
            const qint64 taken = qMin(count, event->count);
            event->count -= taken;
            found->total -= taken;
            if (event->count == 0)
                found->list.erase(event);
            break;
        }
    if (found->list.isEmpty())
        m_events.erase(found);
}

void RateWindow::forgetExpired(qint64 now)
{
    m_lastSweep = now;
    for (auto it = m_events.begin(); it != m_events.end();) {
        dropExpired(*it, now);
        if (it->list.isEmpty())
            it = m_events.erase(it);
        else
            ++it;
    }
}

} // namespace huiji

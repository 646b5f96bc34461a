#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace huiji {

// Events per key within a sliding window (login attempts, registrations, uploaded records): how
// long until a key may have more. A key with nothing left in the window is forgotten, so what it
// remembers stays bounded by what happened within one window. The caller gives the time
// (milliseconds, monotonic), so that tests can move it. A limit of 0 or less is no limit.
class RateWindow
{
public:
    RateWindow(qint64 limit, qint64 windowMs);

    // Milliseconds until `key` is under its limit again (0: it is now). One event more is then
    // allowed, however large its count: a batch may pass the limit once, never twice.
    qint64 wait(const QString &key, qint64 now);
    void add(const QString &key, qint64 now, qint64 count = 1);
    // Takes back an event added at `at` (an attempt that turned out not to count).
    void takeBack(const QString &key, qint64 at, qint64 count = 1);

    qint64 limit() const { return m_limit; }
    qsizetype trackedKeys() const { return m_events.size(); }

private:
    struct Event {
        qint64 at;
        qint64 count;
    };
    struct Events {
        QList<Event> list; // oldest first
        qint64 total = 0;
    };

    void dropExpired(Events &events, qint64 now) const;
    void forgetExpired(qint64 now);

    qint64 m_limit;
    qint64 m_windowMs;
    QHash<QString, Events> m_events;
    qint64 m_lastSweep = 0;
};

// What a peer's address stands for when counting: the address itself for IPv4 (mapped or not),
// its /64 for IPv6, since one host commonly has a whole /64 to pick addresses from.
QString networkOf(const QString &address);

} // namespace huiji

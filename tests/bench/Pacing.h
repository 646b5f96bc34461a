#pragma once

#include <QtGlobal>

namespace huiji::bench {

// An open-loop send schedule: message n is due at start + n / perSecond, for every n due before
// until. Senders send what is due whatever the server does and stamp each message with the time
// it was due, not the time it left, so that a late sender or a slow server shows in the latency
// instead of silently lowering the rate (no coordinated omission).
class Pacing
{
public:
    Pacing() = default;
    Pacing(qint64 startNs, qint64 untilNs, double perSecond);

    qint64 dueBy(qint64 nowNs) const; // how many messages are due at nowNs
    qint64 dueAt(qint64 n) const;     // when message n is due
    qint64 total() const { return dueBy(m_untilNs); }
    bool isOver(qint64 nowNs) const { return nowNs >= m_untilNs; }

private:
    qint64 m_startNs = 0;
    qint64 m_untilNs = 0;
    double m_perSecond = 0;
};

} // namespace huiji::bench

#include "server/engine/RequestBudget.h"

#include <algorithm>

namespace huiji {

RequestBudget::RequestBudget(int burst, int perSecond)
    : m_intervalMs(1000 / std::max(1, perSecond)),
      m_toleranceMs(std::max(0, burst - 1) * m_intervalMs)
{
}

bool RequestBudget::take(qint64 nowMs)
{
    const qint64 due = std::max(m_dueMs, nowMs);
    if (due - nowMs > m_toleranceMs)
        return false;
    m_dueMs = due + m_intervalMs;
    return true;
}

qint64 RequestBudget::retryAfter(qint64 nowMs) const
{
    return std::max<qint64>(0, m_dueMs - nowMs - m_toleranceMs);
}

} // namespace huiji

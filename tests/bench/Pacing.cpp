#include "Pacing.h"

#include <algorithm>

namespace huiji::bench {
namespace {

constexpr double nsPerSecond = 1e9;

} // namespace

Pacing::Pacing(qint64 startNs, qint64 untilNs, double perSecond)
    : m_startNs(startNs), m_untilNs(untilNs), m_perSecond(perSecond)
{
}

qint64 Pacing::dueBy(qint64 nowNs) const
{
    // Message n is due once n / perSecond has passed, so at the start one is due already.
    const qint64 at = std::min(nowNs, m_untilNs - 1);
    if (at < m_startNs || m_perSecond <= 0)
        return 0;
    return static_cast<qint64>(static_cast<double>(at - m_startNs) * m_perSecond / nsPerSecond) + 1;
}

qint64 Pacing::dueAt(qint64 n) const
{
    return m_startNs + static_cast<qint64>(static_cast<double>(n) * nsPerSecond / m_perSecond);
}

} // namespace huiji::bench

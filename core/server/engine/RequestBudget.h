#pragma once

#include <QtGlobal>

namespace huiji {

// How many control requests one connection may make: a burst at once, then a steady number a
// second (a token bucket kept as the time the next request is due, so it needs no timer).
class RequestBudget
{
public:
    RequestBudget() = default;
    RequestBudget(int burst, int perSecond);

    // Takes one request at `nowMs` (a monotonic clock); false when the budget is spent.
    bool take(qint64 nowMs);
    // Milliseconds until take() succeeds again.
    qint64 retryAfter(qint64 nowMs) const;

private:
    qint64 m_intervalMs = 0;  // between two requests at the steady rate
    qint64 m_toleranceMs = 0; // how far ahead of the steady rate a burst may run
    qint64 m_dueMs = 0;       // when the next request would be due at the steady rate
};

} // namespace huiji

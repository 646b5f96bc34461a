#pragma once

#include <functional>

namespace huiji::bench {

// Runs the calling thread's event loop until a condition holds, checked every few milliseconds.
class Wait
{
public:
    // False when the time ran out first.
    static bool until(const std::function<bool()> &done, int timeoutMs);
};

} // namespace huiji::bench

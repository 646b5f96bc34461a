#pragma once

#include "RelayFleet.h"

#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace huiji::bench {

// bench_relay's generator threads, one RelayFleet on each, driven from the main thread. The
// fleets share one count of unanswered sends, so the backlog they leave huijid stays bounded.
class FleetThreads
{
public:
    // With epoll, the threads run EpollEventDispatcher instead of Qt's.
    FleetThreads(const RelayFleet::Plan &plan, int threads, bool epoll, qint64 backlogLimit);
    ~FleetThreads(); // closes every connection, then stops the threads

    // Calls each fleet on its own thread, without waiting.
    void each(const std::function<void(RelayFleet &)> &call);
    // Starts the traffic: each fleet sends its devices' share of perSecond.
    void run(const RelayFleet::Schedule &schedule, double perSecond);
    qint64 sum(std::atomic<qint64> RelayFleet::Progress::*counter) const;
    qint64 backlog() const { return m_backlog.load(); }
    // Every fleet's totals added up; waits for each fleet's thread to hand them over.
    RelayFleet::Totals totals();

private:
    std::atomic<qint64> m_backlog{0};
    int m_devices = 0;
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<std::unique_ptr<RelayFleet>> m_fleets;
};

} // namespace huiji::bench

#include "FleetThreads.h"

#include "server/net/EpollEventDispatcher.h"

using namespace Qt::StringLiterals;

namespace huiji::bench {

FleetThreads::FleetThreads(const RelayFleet::Plan &plan, int threads, bool epoll, qint64 backlogLimit)
    : m_devices(plan.devices)
{
    for (int index = 0; index < threads; ++index) {
        RelayFleet::Plan own = plan;
        own.fleets = threads;
        own.index = index;
        own.logins = std::max(1, plan.logins / threads);
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(u"bench-fleet-%1"_s.arg(index));
        if (epoll)
            thread->setEventDispatcher(new EpollEventDispatcher);
        auto fleet = std::make_unique<RelayFleet>(own, m_backlog, backlogLimit);
        fleet->moveToThread(thread.get());
        thread->start();
        m_threads.push_back(std::move(thread));
        m_fleets.push_back(std::move(fleet));
    }
}

FleetThreads::~FleetThreads()
{
    for (std::size_t index = 0; index < m_fleets.size(); ++index) {
        RelayFleet *fleet = m_fleets[index].get();
        QMetaObject::invokeMethod(fleet, [fleet] { fleet->closeAll(); }, Qt::BlockingQueuedConnection);
        m_threads[index]->quit();
        m_threads[index]->wait();
    }
}

void FleetThreads::each(const std::function<void(RelayFleet &)> &call)
{
    for (const auto &fleet : m_fleets)
        QMetaObject::invokeMethod(fleet.get(), [fleet = fleet.get(), call] { call(*fleet); }, Qt::QueuedConnection);
}

void FleetThreads::run(const RelayFleet::Schedule &schedule, double perSecond)
{
    for (const auto &fleet : m_fleets) {
        RelayFleet::Schedule own = schedule;
        own.perSecond = perSecond * fleet->size() / m_devices;
        QMetaObject::invokeMethod(fleet.get(), [fleet = fleet.get(), own] { fleet->run(own); }, Qt::QueuedConnection);
    }
}

qint64 FleetThreads::sum(std::atomic<qint64> RelayFleet::Progress::*counter) const
{
    qint64 total = 0;
    for (const auto &fleet : m_fleets)
        total += (fleet->progress().*counter).load();
    return total;
}

RelayFleet::Totals FleetThreads::totals()
{
    RelayFleet::Totals all;
    for (const auto &fleet : m_fleets) {
        RelayFleet::Totals one;
        QMetaObject::invokeMethod(fleet.get(), [&one, fleet = fleet.get()] { one = fleet->totals(); },
                                  Qt::BlockingQueuedConnection);
        all.add(one);
    }
    return all;
}

} // namespace huiji::bench

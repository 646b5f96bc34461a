#include "server/net/EpollEventDispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <vector>

namespace huiji {
namespace {

constexpr qint64 msNs = 1'000'000;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent), m_epoll(::epoll_create1(EPOLL_CLOEXEC)),
      m_wake(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wake < 0)
        qFatal("EpollEventDispatcher: cannot create an epoll instance or an eventfd");
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wake;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &event);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wake);
    ::close(m_epoll);
}

void EpollEventDispatcher::watch(int fd, Watch &watch)
{
    const quint32 events = (watch.read ? quint32{EPOLLIN} : 0) | (watch.write ? quint32{EPOLLOUT} : 0)
                           | (watch.exception ? quint32{EPOLLPRI} : 0);
    if (events == watch.events)
        return;
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    if (events == 0) {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &event); // may be gone already with its descriptor
    } else if (watch.events == 0) {
        if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0 && errno == EEXIST)
            ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
    } else if (::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) != 0 && errno == ENOENT) {
        // The descriptor was closed and reused without its notifiers going first.
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    }
    watch.events = events;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const auto fd = static_cast<int>(notifier->socket());
    Watch &found = m_watches[fd];
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        found.read = notifier;
        break;
    case QSocketNotifier::Write:
        found.write = notifier;
        break;
    case QSocketNotifier::Exception:
        found.exception = notifier;
        break;
    }
    watch(fd, found);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const auto fd = static_cast<int>(notifier->socket());
    const auto found = m_watches.find(fd);
    if (found == m_watches.end())
        return;
    for (QSocketNotifier **slot : {&found->read, &found->write, &found->exception})
        if (*slot == notifier)
            *slot = nullptr;
    watch(fd, *found);
    if (found->events == 0)
        m_watches.erase(found);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    const qint64 due = nowNs() + interval * msNs;
    m_timers.insert(timerId, {interval, timerType, object, due, false});
    m_due.emplace(due, timerId);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return false;
    if (!found->firing)
        m_due.erase({found->dueNs, timerId});
    m_timers.erase(found);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    return m_timers.removeIf([this, object](QHash<int, Timer>::iterator timer) {
        if (timer->object != object)
            return false;
        if (!timer->firing)
            m_due.erase({timer->dueNs, timer.key()});
        return true;
    }) > 0;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it)
        if (it->object == object)
            timers.append(TimerInfo(it.key(), static_cast<int>(it->interval), it->type));
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto found = m_timers.constFind(timerId);
    if (found == m_timers.cend())
        return -1;
    return static_cast<int>(std::max<qint64>(0, (found->dueNs - nowNs() + msNs - 1) / msNs));
}

void EpollEventDispatcher::wakeUp()
{
    // One write wakes the loop however many threads post meanwhile.
    if (!m_wakePending.exchange(true)) {
        const quint64 one = 1;
        [[maybe_unused]] const auto written = ::write(m_wake, &one, sizeof one);
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted = true;
    wakeUp();
}

int EpollEventDispatcher::waitMs() const
{
    if (m_due.empty())
        return -1;
    return static_cast<int>(std::clamp<qint64>((m_due.begin()->first - nowNs() + msNs - 1) / msNs, 0, 60'000));
}

int EpollEventDispatcher::activateTimers()
{
    // Each timer due now fires once; a handler may stop or start timers, so ids are looked up again.
    const qint64 now = nowNs();
    std::vector<int> due;
    for (auto it = m_due.begin(); it != m_due.end() && it->first <= now;) {
        due.push_back(it->second);
        it = m_due.erase(it);
        m_timers[due.back()].firing = true;
    }
    for (const int id : due) {
        QTimerEvent event(id);
        const auto timer = m_timers.constFind(id);
        if (timer == m_timers.cend() || !timer->firing)
            continue; // stopped by an earlier handler of this turn, its id perhaps given to a new timer
        QCoreApplication::sendEvent(timer->object, &event);
        const auto after = m_timers.find(id);
        if (after == m_timers.end() || !after->firing)
            continue; // stopped, or stopped and its id given to a new timer, by the handler
        // The next time follows the last one, not the moment it fired, unless it fell behind.
        after->dueNs += after->interval * msNs;
        if (after->dueNs <= now)
            after->dueNs = now + after->interval * msNs;
        after->firing = false;
        m_due.emplace(after->dueNs, id);
    }
    return static_cast<int>(due.size());
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted = false;
    emit awake();
    QCoreApplication::sendPostedEvents();

    const bool timers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
    const bool notifiers = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    const bool wait = flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupted;
    if (wait)
        emit aboutToBlock();
    if (m_interrupted)
        return false;

    std::array<epoll_event, 256> events{};
    const int ready = ::epoll_wait(m_epoll, events.data(), static_cast<int>(events.size()),
                                   wait ? (timers ? waitMs() : -1) : 0);
    int handled = 0;
    // First what is ready, then the notifiers as they are now: a handler may close other sockets.
    std::vector<std::pair<int, quint32>> readiness;
    for (int index = 0; index < ready; ++index) {
        const epoll_event &event = events[static_cast<std::size_t>(index)];
        if (event.data.fd == m_wake) {
            quint64 count = 0;
            [[maybe_unused]] const auto read = ::read(m_wake, &count, sizeof count);
            m_wakePending = false;
            ++handled;
        } else {
            readiness.emplace_back(event.data.fd, event.events);
        }
    }
    if (notifiers) {
        for (const auto &[fd, happened] : readiness) {
            const quint32 failed = EPOLLERR | EPOLLHUP;
            for (const auto &[mask, type] : {std::pair(quint32{EPOLLIN} | failed, QSocketNotifier::Read),
                                             std::pair(quint32{EPOLLOUT} | failed, QSocketNotifier::Write),
                                             std::pair(quint32{EPOLLPRI}, QSocketNotifier::Exception)}) {
                if (!(happened & mask))
                    continue;
                const auto found = m_watches.constFind(fd);
                if (found == m_watches.cend())
                    break;
                QSocketNotifier *notifier = type == QSocketNotifier::Read    ? found->read
                                            : type == QSocketNotifier::Write ? found->write
                                                                             : found->exception;
                if (!notifier)
                    continue;
                QEvent event(QEvent::SockAct);
                QCoreApplication::sendEvent(notifier, &event);
                ++handled;
            }
        }
    }
    if (timers)
        handled += activateTimers();
    return handled > 0;
}

} // namespace huiji

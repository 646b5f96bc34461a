#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>

#include <atomic>
#include <set>
#include <utility>

namespace huiji {

// An event dispatcher on Linux's epoll for threads that own thousands of sockets: huijid's network
// threads and the load generator's. Qt's own UNIX dispatcher rebuilds a poll() list of every socket
// notifier of its thread on each turn and scans it afterwards, so a turn costs as much as the thread
// has sockets; measured with 500 connections a thread, that was most of huijid's CPU per message.
// Here a turn costs what is ready, and timers are ordered by when they are due, so every connection
// may have its own. Install it with QThread::setEventDispatcher before the thread starts.
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    // The notifiers of one descriptor, and the events epoll watches it for.
    struct Watch {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 events = 0;
    };
    struct Timer {
        qint64 interval = 0; // ms
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 dueNs = 0;
        bool firing = false; // its event is being handled: a nested loop must not fire it again
    };
    using Due = std::pair<qint64, int>; // when, timer id

    void watch(int fd, Watch &watch);
    int activateTimers();
    int waitMs() const; // until the next timer is due; -1 without timers

    int m_epoll = -1;
    int m_wake = -1; // an eventfd that wakeUp() writes
    std::atomic<bool> m_wakePending{false};
    std::atomic<bool> m_interrupted{false};
    QHash<int, Watch> m_watches;
    QHash<int, Timer> m_timers; // by timer id
    std::set<Due> m_due;        // the timers that are not firing, soonest first
};

} // namespace huiji

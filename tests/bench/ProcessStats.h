#pragma once

#include <QHash>
#include <QString>

namespace huiji::bench {

// What Linux's /proc tells about a process: its resident memory and the CPU time of the process
// and of each of its threads. -1 (or an empty hash) where /proc does not tell.
class ProcessStats
{
public:
    static qint64 residentKib(qint64 pid);   // VmRSS
    static qint64 cpuNs(qint64 pid);          // utime + stime, at the kernel's tick resolution
    // CPU time by thread name (threads of one name added up: Qt's pool threads share theirs).
    static QHash<QString, qint64> cpuNsByThread(qint64 pid);
    static qint64 ownCpuNs();                 // this process, to the nanosecond
    static qint64 ownResidentKib();
    // Idle time of all the machine's cores together (/proc/stat: idle and iowait): near zero over
    // a window means the CPUs, not the programs, set the pace. Sampled by the kernel's tick.
    static qint64 machineIdleNs();
    static double loadAverage(); // runnable processes, over the last minute
    static qint64 callingThreadCpuNs();       // the calling thread, to the nanosecond
};

} // namespace huiji::bench

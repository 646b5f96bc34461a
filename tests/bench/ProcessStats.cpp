#include "ProcessStats.h"

#include <QDir>
#include <QFile>

#include <ctime>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

QByteArray readProcFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qint64 ticksToNs(qint64 ticks)
{
    static const qint64 ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    return ticks * 1'000'000'000 / ticksPerSecond;
}

struct StatLine {
    QString name;
    qint64 cpuNs = -1;
};

// A /proc stat line: "pid (name) state ppid ... utime stime ...". The name may hold spaces and
// parentheses, so the fields are counted from the last ')'.
StatLine parseStat(const QByteArray &line)
{
    const qsizetype open = line.indexOf('(');
    const qsizetype close = line.lastIndexOf(')');
    if (open < 0 || close < open)
        return {};
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return {};
    const qint64 ticks = fields[11].toLongLong() + fields[12].toLongLong(); // utime, stime (fields 14, 15)
    return {QString::fromUtf8(line.sliced(open + 1, close - open - 1)), ticksToNs(ticks)};
}

qint64 clockNs(clockid_t clock)
{
    timespec now{};
    ::clock_gettime(clock, &now);
    return qint64{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

} // namespace

qint64 ProcessStats::residentKib(qint64 pid)
{
    for (const QByteArray &line : readProcFile(u"/proc/%1/status"_s.arg(pid)).split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

qint64 ProcessStats::cpuNs(qint64 pid)
{
    return parseStat(readProcFile(u"/proc/%1/stat"_s.arg(pid))).cpuNs;
}

QHash<QString, qint64> ProcessStats::cpuNsByThread(qint64 pid)
{
    QHash<QString, qint64> byName;
    const QString tasks = u"/proc/%1/task"_s.arg(pid);
    for (const QString &thread : QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const StatLine stat = parseStat(readProcFile(tasks + u'/' + thread + u"/stat"_s));
        if (stat.cpuNs >= 0)
            byName[stat.name] += stat.cpuNs;
    }
    return byName;
}

qint64 ProcessStats::ownCpuNs()
{
    return clockNs(CLOCK_PROCESS_CPUTIME_ID);
}

qint64 ProcessStats::ownResidentKib()
{
    return residentKib(::getpid());
}

qint64 ProcessStats::machineIdleNs()
{
    // "cpu  user nice system idle iowait irq softirq steal ...", in ticks.
    const QList<QByteArray> fields = readProcFile(u"/proc/stat"_s).split('\n').value(0).simplified().split(' ');
    if (fields.size() < 6 || fields[0] != "cpu")
        return -1;
    return ticksToNs(fields[4].toLongLong() + fields[5].toLongLong());
}

double ProcessStats::loadAverage()
{
    bool ok = false;
    const double load = readProcFile(u"/proc/loadavg"_s).split(' ').value(0).toDouble(&ok);
    return ok ? load : -1;
}

qint64 ProcessStats::callingThreadCpuNs()
{
    return clockNs(CLOCK_THREAD_CPUTIME_ID);
}

} // namespace huiji::bench

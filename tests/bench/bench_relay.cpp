// bench_relay: the real huijid under load from a separate process. Starts huijid on a fresh data
// folder, connects --devices TLS sessions (one account each, logged in with a password), makes
// accounts 2k and 2k+1 contacts, and has every pair exchange 1 KiB messages at a fixed total
// rate, acking deliveries as a client does. Prints one JSON object per line on stdout, each with
// the baseline it compares with, measured in the same run: TLS echo of the same frames through
// this generator without huijid. Progress goes to stderr. Not a test: run it by hand, in a
// release build, e.g.  bench_relay --devices 10000 --seconds 10
#include "EchoBench.h"
#include "FleetThreads.h"
#include "JsonLine.h"
#include "LoadMessage.h"
#include "ProcessStats.h"
#include "RelayFleet.h"
#include "ServerProcess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <memory>
#include <optional>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace huiji;
using namespace huiji::bench;

namespace {

constexpr qint64 msNs = 1'000'000;
constexpr double nsPerSecond = 1e9;
constexpr int pollMs = 20;
// No answer and no delivery for this long: what is missing stays missing. Long, because an
// overloaded huijid answers a whole backlog in one turn of its hub, seconds after it came.
constexpr qint64 stalledDrainNs = 30'000 * msNs;
constexpr qint64 longestDrainNs = 90'000 * msNs;
constexpr qint64 longestSetupNs = 1'800'000 * msNs;

// The goals this benchmark reports against.
constexpr int goalSessions = 10000;
constexpr double goalPerSecond = 20000;
constexpr double goalP99Ms = 10;
constexpr double goalServerCpuUs = 40;
constexpr double goalKibPerSession = 32;

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_relay: %s\n", qUtf8Printable(message));
    std::exit(1);
}

// Every connection is a descriptor in this process and one in huijid, which inherits the limit.
void raiseFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

qint64 fileLimit()
{
    rlimit limit{};
    return ::getrlimit(RLIMIT_NOFILE, &limit) == 0 ? static_cast<qint64>(limit.rlim_cur) : -1;
}

double number(const QCommandLineParser &parser, const QCommandLineOption &option, double lowest)
{
    bool ok = false;
    const double value = parser.value(option).toDouble(&ok);
    if (!ok || value < lowest)
        die(u"--%1 wants a number of at least %2, not \"%3\""_s.arg(option.names().constFirst()).arg(lowest).arg(
            parser.value(option)));
    return value;
}

double perSecond(qint64 count, qint64 ns)
{
    return ns > 0 ? static_cast<double>(count) * nsPerSecond / static_cast<double>(ns) : 0;
}

double usPer(qint64 ns, qint64 count)
{
    return count > 0 ? static_cast<double>(ns) / 1000.0 / static_cast<double>(count) : 0;
}

double kib(qint64 bytesKib, qint64 count)
{
    return count > 0 ? static_cast<double>(bytesKib) / static_cast<double>(count) : 0;
}

// huijid's CPU time by what its threads do (core/server/Server.cpp names them).
struct ServerCpu {
    qint64 total = 0;
    qint64 hub = 0;
    qint64 network = 0;

    static ServerCpu of(qint64 pid)
    {
        ServerCpu cpu{ProcessStats::cpuNs(pid), 0, 0};
        const QHash<QString, qint64> threads = ProcessStats::cpuNsByThread(pid);
        for (auto it = threads.cbegin(); it != threads.cend(); ++it) {
            if (it.key() == u"huiji-hub"_s)
                cpu.hub += it.value();
            else if (it.key().startsWith(u"huiji-net"_s))
                cpu.network += it.value();
        }
        return cpu;
    }
};

Latencies latenciesOf(const std::vector<qint64> &samples)
{
    Latencies latencies;
    for (const qint64 sample : samples)
        latencies.add(sample);
    return latencies;
}

} // namespace

int main(int argc, char *argv[])
{
    raiseFileLimit();
    // Qt's glib dispatcher scans every socket of a thread on each turn; the plain one is cheaper.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_relay"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Loads a real huijid with TLS sessions exchanging 1 KiB messages."_s);
    parser.addHelpOption();
    const QCommandLineOption huijid(u"huijid"_s, u"The huijid binary (default: the one built with this)."_s,
                                    u"path"_s, QStringLiteral(HUIJID_PATH));
    const QCommandLineOption devices(u"devices"_s, u"TLS sessions, one account each; even (default 1000)."_s,
                                     u"count"_s, u"1000"_s);
    const QCommandLineOption rate(u"rate"_s, u"Messages per second, all pairs together (default 20000)."_s,
                                  u"count"_s, u"20000"_s);
    const QCommandLineOption seconds(u"seconds"_s, u"Measured seconds (default 20)."_s, u"seconds"_s, u"20"_s);
    const QCommandLineOption warmup(u"warmup"_s, u"Seconds of traffic before measuring (default 3)."_s,
                                    u"seconds"_s, u"3"_s);
    const QCommandLineOption threads(u"threads"_s, u"Generator threads (default 2)."_s, u"count"_s, u"2"_s);
    const QCommandLineOption logins(u"logins"_s, u"Logins at once (default 8)."_s, u"count"_s, u"8"_s);
    const QCommandLineOption body(u"body"_s, u"Characters per message body (default 1024)."_s, u"count"_s,
                                  u"1024"_s);
    const QCommandLineOption backlog(u"backlog"_s,
                                     u"Unanswered sends allowed, in seconds of --rate; beyond, sends are skipped "
                                     "and counted (default 2)."_s,
                                     u"seconds"_s, u"2"_s);
    const QCommandLineOption dispatcher(u"dispatcher"_s,
                                        u"The generator threads' event dispatcher: epoll (default) or qt, Qt's own, "
                                        "which polls every socket of a thread on each turn."_s,
                                        u"name"_s, u"epoll"_s);
    const QCommandLineOption nodelay(u"nodelay"_s,
                                     u"TCP_NODELAY on the generator's sockets (Session does not set it)."_s);
    const QCommandLineOption pin(u"pin-server"_s, u"Run huijid under taskset -c CPU."_s, u"cpu"_s);
    const QCommandLineOption workers(u"workers"_s, u"huijid --workers (default: huijid's)."_s, u"count"_s);
    const QCommandLineOption keep(u"keep"_s, u"Keep the data folder and huijid's log."_s);
    parser.addOptions({huijid, devices, rate, seconds, warmup, threads, logins, body, backlog, dispatcher, nodelay, pin,
                       workers, keep});
    parser.process(app);

    const auto deviceCount = static_cast<int>(number(parser, devices, 2));
    if (deviceCount % 2 != 0)
        die(u"--devices must be even: devices go in pairs"_s);
    const double messagesPerSecond = number(parser, rate, 1);
    const auto measuredNs = static_cast<qint64>(number(parser, seconds, 1) * nsPerSecond);
    const auto warmupNs = static_cast<qint64>(number(parser, warmup, 0) * nsPerSecond);
    const auto threadCount = static_cast<int>(number(parser, threads, 1));
    const auto bodyChars = static_cast<int>(number(parser, body, 32));
    const QString dispatcherName = parser.value(dispatcher);
    if (dispatcherName != u"epoll"_s && dispatcherName != u"qt"_s)
        die(u"--dispatcher is epoll or qt"_s);

    QTemporaryDir temporary(QDir::tempPath() + u"/bench_relay-XXXXXX"_s);
    if (!temporary.isValid())
        die(u"cannot make a temporary folder: %1"_s.arg(temporary.errorString()));
    temporary.setAutoRemove(!parser.isSet(keep));
    ServerProcess::Options serverOptions;
    serverOptions.program = parser.value(huijid);
    serverOptions.dataDirectory = temporary.filePath(u"server"_s);
    serverOptions.logPath = temporary.filePath(u"huijid.log"_s);
    if (parser.isSet(pin))
        serverOptions.pinCpu = static_cast<int>(number(parser, pin, 0));
    if (parser.isSet(workers))
        serverOptions.workers = static_cast<int>(number(parser, workers, 1));
    // From here on a failure returns from main, so that the generator's threads stop and huijid
    // is terminated on the way out.
    const auto giveUp = [](const QString &why) {
        std::fprintf(stderr, "bench_relay: %s\n", qUtf8Printable(why));
        return 1;
    };
    ServerProcess server(serverOptions);
    if (auto started = server.start(); !started)
        return giveUp(started.error().message);
    const qint64 pid = server.pid();
    std::fprintf(stderr, "bench_relay: huijid pid %lld on port %d, files in %s, descriptors allowed %lld\n",
                 static_cast<long long>(pid), server.port(), qUtf8Printable(temporary.path()),
                 static_cast<long long>(fileLimit()));

    // The baseline first, while huijid idles.
    EchoBench::Options echoOptions;
    echoOptions.certificate = server.certificate();
    echoOptions.key = server.privateKey();
    echoOptions.perSecond = messagesPerSecond;
    echoOptions.bodyChars = bodyChars;
    echoOptions.lowDelay = parser.isSet(nodelay);
    const auto measuredEcho = EchoBench(echoOptions).run();
    if (!measuredEcho)
        return giveUp(measuredEcho.error().message);
    const EchoBench::Figures &echo = *measuredEcho;
    JsonLine(u"relay_baseline"_s)
        .add(u"baseline"_s, u"tls_echo_in_generator"_s)
        .add(u"what"_s, u"the same send frames over loopback TLS to an echo thread in the generator that decodes "
                        "and re-encodes them: no huijid, no database; huijid's certificate and key"_s)
        .add(u"handshakes_per_s"_s, echo.handshakesPerSecond, 0)
        .add(u"kib_per_connection_end"_s, echo.kibPerConnection, 1)
        .add(u"offered_per_s"_s, echo.offeredPerSecond, 0)
        .add(u"echoed"_s, echo.echoed)
        .add(u"p50_ms"_s, echo.latencies.percentileMs(50), 3)
        .add(u"p99_ms"_s, echo.latencies.percentileMs(99), 3)
        .add(u"max_round_trips_per_s"_s, echo.maxPerSecond, 0)
        .add(u"generator_cpu_us_per_msg"_s, echo.clientCpuUsPerMessage, 1)
        .add(u"echo_cpu_us_per_msg"_s, echo.echoCpuUsPerMessage, 1)
        .print();

    // Connect and log in every device, then pair them.
    const qint64 idleKib = ProcessStats::residentKib(pid);
    RelayFleet::Plan plan;
    plan.port = server.port();
    plan.certificate = server.certificate();
    QByteArray seed(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(seed.data()), 4);
    plan.passwordSeed = seed.toHex();
    plan.devices = deviceCount;
    plan.logins = static_cast<int>(number(parser, logins, 1));
    plan.bodyChars = bodyChars;
    plan.lowDelay = parser.isSet(nodelay);
    const qint64 backlogLimit =
        std::max<qint64>(1000, static_cast<qint64>(messagesPerSecond * number(parser, backlog, 0.01)));
    FleetThreads fleets(plan, std::min(threadCount, deviceCount / 2), dispatcherName == u"epoll"_s, backlogLimit);
    QString failure;
    // How long until done(), or nothing with `failure` saying why not.
    const auto waitFor = [&](const char *what, auto done) -> std::optional<qint64> {
        const qint64 begin = LoadMessage::nowNs();
        qint64 reported = begin;
        while (!done()) {
            if (!server.isRunning())
                failure = u"huijid ended while %1: %2\n%3"_s.arg(QLatin1StringView(what), server.stop(),
                                                                   server.logTail(20));
            else if (fleets.sum(&RelayFleet::Progress::failed) > 0)
                failure = u"%1: %2"_s.arg(QLatin1StringView(what), fleets.totals().firstError);
            const qint64 now = LoadMessage::nowNs();
            if (now - begin > longestSetupNs)
                failure = u"%1 took too long"_s.arg(QLatin1StringView(what));
            if (!failure.isEmpty())
                return std::nullopt;
            if (now - reported > 5'000 * msNs) {
                reported = now;
                std::fprintf(stderr, "bench_relay: %s: %lld ready, %lld paired\n", what,
                             static_cast<long long>(fleets.sum(&RelayFleet::Progress::ready)),
                             static_cast<long long>(fleets.sum(&RelayFleet::Progress::paired)));
            }
            QThread::msleep(pollMs);
        }
        return LoadMessage::nowNs() - begin;
    };
    // A first few logins make huijid's lasting allocations (Argon2's 19 MiB per pool thread, the
    // database's cache); memory measured from there on is what sessions cost.
    const qint64 warmDevices = std::min<qint64>(deviceCount, std::max(16, deviceCount / 20));
    qint64 warmKib = -1;
    qint64 warmReady = 0;
    fleets.each([](RelayFleet &fleet) { fleet.logIn(); });
    const auto loggedIn = waitFor("logging in", [&] {
        const qint64 ready = fleets.sum(&RelayFleet::Progress::ready);
        if (warmKib < 0 && ready >= warmDevices) {
            warmKib = ProcessStats::residentKib(pid);
            warmReady = fleets.sum(&RelayFleet::Progress::ready);
        }
        return ready == deviceCount;
    });
    if (!loggedIn)
        return giveUp(failure);
    const qint64 loginNs = *loggedIn;
    fleets.each([](RelayFleet &fleet) { fleet.pair(); });
    const auto paired = waitFor("pairing", [&] { return fleets.sum(&RelayFleet::Progress::paired) == deviceCount; });
    if (!paired)
        return giveUp(failure);
    const qint64 pairNs = *paired;
    QThread::msleep(500); // presence pushes settle
    const qint64 connectedKib = ProcessStats::residentKib(pid);
    JsonLine(u"relay_connect"_s)
        .add(u"devices"_s, deviceCount)
        .add(u"accounts"_s, deviceCount)
        .add(u"login_seconds"_s, static_cast<double>(loginNs) / nsPerSecond, 1)
        .add(u"logins_per_s"_s, perSecond(deviceCount, loginNs), 1)
        .add(u"argon2_hashes"_s, 2 * deviceCount) // register, then the password login
        .add(u"logins_at_once"_s, plan.logins)
        .add(u"pair_seconds"_s, static_cast<double>(pairNs) / nsPerSecond, 2)
        .add(u"baseline"_s, u"tls_handshakes_to_echo"_s)
        .add(u"baseline_handshakes_per_s"_s, echo.handshakesPerSecond, 0)
        .print();

    // Traffic: a warm-up, then the measured window; then what is still on its way arrives.
    RelayFleet::Schedule schedule;
    schedule.startNs = LoadMessage::nowNs() + 200 * msNs;
    schedule.measureFromNs = schedule.startNs + warmupNs;
    schedule.untilNs = schedule.measureFromNs + measuredNs;
    fleets.run(schedule, messagesPerSecond);
    const auto sleepUntil = [&](qint64 ns) {
        while (LoadMessage::nowNs() < ns) {
            if (!server.isRunning())
                return false;
            QThread::msleep(1);
        }
        return true;
    };
    std::fprintf(stderr, "bench_relay: sending %.0f messages/s: %.0f s warm-up, %.0f s measured\n", messagesPerSecond,
                 static_cast<double>(warmupNs) / nsPerSecond, static_cast<double>(measuredNs) / nsPerSecond);
    bool serverUp = sleepUntil(schedule.measureFromNs);
    const ServerCpu serverBefore = ServerCpu::of(pid);
    const qint64 generatorBefore = ProcessStats::ownCpuNs();
    const qint64 idleBefore = ProcessStats::machineIdleNs();
    serverUp = serverUp && sleepUntil(schedule.untilNs);
    const ServerCpu serverAfter = ServerCpu::of(pid);
    const qint64 generatorAfter = ProcessStats::ownCpuNs();
    const qint64 idleAfter = ProcessStats::machineIdleNs();
    const double loadAverage = ProcessStats::loadAverage();
    const qint64 drainStart = LoadMessage::nowNs();
    qint64 lastChange = drainStart;
    qint64 lastCount = -1;
    while (serverUp) {
        const qint64 now = LoadMessage::nowNs();
        const qint64 delivered = fleets.sum(&RelayFleet::Progress::delivered);
        const qint64 confirmed = fleets.sum(&RelayFleet::Progress::confirmed);
        if (fleets.backlog() == 0 && delivered >= confirmed)
            break;
        if (delivered + confirmed != lastCount) {
            lastCount = delivered + confirmed;
            lastChange = now;
        }
        if (now - lastChange > stalledDrainNs || now - drainStart > longestDrainNs)
            break;
        QThread::msleep(pollMs);
        serverUp = server.isRunning();
    }
    const qint64 drainNs = LoadMessage::nowNs() - drainStart;
    const qint64 afterRunKib = serverUp ? ProcessStats::residentKib(pid) : -1;
    const RelayFleet::Totals totals = fleets.totals();

    const double offered = perSecond(totals.sentMeasured, measuredNs);
    const double delivered = perSecond(totals.deliveredMeasured, measuredNs);
    const Latencies latencies = latenciesOf(totals.latencies);
    const Latencies confirmations = latenciesOf(totals.confirmLatencies);
    const Latencies lateness = latenciesOf(totals.lateness);
    const bool atScale = deviceCount >= goalSessions;
    JsonLine(u"relay_throughput"_s)
        .add(u"devices"_s, deviceCount)
        .add(u"rate"_s, messagesPerSecond, 0)
        .add(u"seconds"_s, static_cast<double>(measuredNs) / nsPerSecond, 1)
        .add(u"offered_per_s"_s, offered, 0)
        .add(u"delivered_per_s"_s, delivered, 0)
        .add(u"skipped_backlog_full"_s, totals.skipped)
        .add(u"drain_seconds"_s, static_cast<double>(drainNs) / nsPerSecond, 1)
        .add(u"baseline"_s, u"tls_echo_max_round_trips_one_connection"_s)
        .add(u"baseline_per_s"_s, echo.maxPerSecond, 0)
        .add(u"goal"_s, u"10000 sessions, delivered_per_s >= 19600 (20000 less 2% for the window's edges)"_s)
        .add(u"met"_s, atScale && delivered >= goalPerSecond * 0.98)
        .print();
    JsonLine(u"relay_latency"_s)
        .add(u"devices"_s, deviceCount)
        .add(u"samples"_s, latencies.count())
        .add(u"p50_ms"_s, latencies.percentileMs(50), 3)
        .add(u"p99_ms"_s, latencies.percentileMs(99), 3)
        .add(u"p999_ms"_s, latencies.percentileMs(99.9), 3)
        .add(u"max_ms"_s, latencies.percentileMs(100), 3)
        .add(u"send_answer_p50_ms"_s, confirmations.percentileMs(50), 3)
        .add(u"send_answer_p99_ms"_s, confirmations.percentileMs(99), 3)
        // Latency counts from when a message was due; this much of it the generator was late.
        .add(u"generator_nodelay"_s, plan.lowDelay)
        .add(u"generator_late_p50_ms"_s, lateness.percentileMs(50), 3)
        .add(u"generator_late_p99_ms"_s, lateness.percentileMs(99), 3)
        .add(u"baseline"_s, u"tls_echo_in_generator_at_the_same_rate"_s)
        .add(u"baseline_p50_ms"_s, echo.latencies.percentileMs(50), 3)
        .add(u"baseline_p99_ms"_s, echo.latencies.percentileMs(99), 3)
        .add(u"goal"_s, u"10000 sessions at 20000 msg/s, p99_ms <= 10"_s)
        .add(u"met"_s, atScale && delivered >= goalPerSecond * 0.98 && latencies.count() > 0
                           && latencies.percentileMs(99) <= goalP99Ms)
        .print();
    JsonLine(u"relay_loss"_s)
        .add(u"devices"_s, deviceCount)
        .add(u"sent"_s, totals.sent)
        .add(u"confirmed"_s, totals.confirmed)
        .add(u"delivered"_s, totals.delivered)
        .add(u"lost"_s, totals.lost)
        .add(u"duplicated"_s, totals.duplicated)
        .add(u"unconfirmed_undelivered"_s, totals.unconfirmed)
        .add(u"send_errors"_s, totals.sendErrors)
        .add(u"foreign"_s, totals.foreign)
        .add(u"disconnects"_s, totals.disconnects)
        .add(u"first_error"_s, totals.firstError)
        .add(u"baseline"_s, u"tls_echo_in_generator"_s)
        .add(u"baseline_lost"_s, echo.sent - echo.echoed)
        .add(u"goal"_s, u"lost == 0 and duplicated == 0, every send answered and delivered"_s)
        .add(u"met"_s, serverUp && totals.lost == 0 && totals.duplicated == 0 && totals.unconfirmed == 0)
        .print();
    const double perSession = kib(connectedKib - idleKib, deviceCount);
    const double afterWarmUp = kib(connectedKib - warmKib, deviceCount - warmReady);
    JsonLine(u"relay_memory"_s)
        .add(u"devices"_s, deviceCount)
        .add(u"server_rss_connected_kib"_s, connectedKib)
        .add(u"kib_per_session"_s, perSession, 1)
        .add(u"kib_per_session_after_warm_up"_s, afterWarmUp, 1)
        .add(u"warm_up_sessions"_s, warmReady)
        .add(u"server_rss_after_run_kib"_s, afterRunKib)
        .add(u"kib_per_session_after_run"_s, kib(afterRunKib - idleKib, deviceCount), 1)
        .add(u"server_rss_idle_kib"_s, idleKib)
        .add(u"baseline"_s, u"qt_openssl_tls_connection_end_in_generator"_s)
        .add(u"baseline_kib_per_connection"_s, echo.kibPerConnection, 1)
        .add(u"goal"_s, u"kib_per_session <= 32"_s)
        .add(u"met"_s, perSession <= goalKibPerSession)
        .print();
    const qint64 deliveredMeasured = totals.deliveredMeasured;
    const double serverUs = usPer(serverAfter.total - serverBefore.total, deliveredMeasured);
    JsonLine(u"relay_cpu"_s)
        .add(u"devices"_s, deviceCount)
        .add(u"server_cpu_us_per_msg"_s, serverUs, 1)
        .add(u"server_hub_us_per_msg"_s, usPer(serverAfter.hub - serverBefore.hub, deliveredMeasured), 1)
        .add(u"server_network_us_per_msg"_s, usPer(serverAfter.network - serverBefore.network, deliveredMeasured), 1)
        .add(u"server_cores_busy"_s,
             static_cast<double>(serverAfter.total - serverBefore.total) / static_cast<double>(measuredNs), 2)
        .add(u"server_hub_core_busy"_s,
             static_cast<double>(serverAfter.hub - serverBefore.hub) / static_cast<double>(measuredNs), 2)
        .add(u"generator_cpu_us_per_msg"_s, usPer(generatorAfter - generatorBefore, deliveredMeasured), 1)
        .add(u"generator_dispatcher"_s, dispatcherName)
        .add(u"generator_cores_busy"_s,
             static_cast<double>(generatorAfter - generatorBefore) / static_cast<double>(measuredNs), 2)
        .add(u"cores"_s, QThread::idealThreadCount())
        // The machine during the window: no idle core means the CPUs set the pace, and a load
        // above what huijid and the generator make means other programs shared them.
        .add(u"machine_idle_cores"_s, static_cast<double>(idleAfter - idleBefore) / static_cast<double>(measuredNs), 2)
        .add(u"load_average"_s, loadAverage, 2)
        .add(u"server_pinned_cpu"_s, serverOptions.pinCpu.value_or(-1))
        .add(u"baseline"_s, u"tls_echo_thread_cpu_per_frame_in_and_out"_s)
        .add(u"baseline_us_per_msg"_s, echo.echoCpuUsPerMessage, 1)
        .add(u"baseline_generator_us_per_msg"_s, echo.clientCpuUsPerMessage, 1)
        .add(u"goal"_s, u"server_cpu_us_per_msg <= 40"_s)
        .add(u"met"_s, deliveredMeasured > 0 && serverUs <= goalServerCpuUs)
        .print();

    const QString exit = server.stop();
    JsonLine(u"relay_server"_s)
        .add(u"exit"_s, exit)
        .add(u"ran_through"_s, serverUp)
        .print();
    if (!serverUp)
        std::fprintf(stderr, "bench_relay: huijid's log ends:\n%s\n", qUtf8Printable(server.logTail(30)));
    return serverUp ? 0 : 1;
}

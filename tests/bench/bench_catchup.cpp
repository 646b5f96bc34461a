// bench_catchup: how fast a storage terminal catches up. An in-process huiji::Server holds
// --records messages that alice's laptop, phone and tablet sent to bob while her desktop, the
// storage terminal, was off; then the desktop logs in with a real Session on a real Profile and
// the time from login to Session::caughtUp, with every record merged into its HistoryStore, is
// measured. The baseline, in the same run, merges the same records straight into a fresh
// HistoryStore in batches of the server's deliveryBatch: the store-only ceiling. Prints one JSON
// object per line on stdout; progress goes to stderr. Not a test: run it by hand, in a release
// build, e.g.  bench_catchup --records 100000
#include "HeldRecords.h"
#include "JsonLine.h"
#include "LoadMessage.h"
#include "ProcessStats.h"
#include "Wait.h"

#include "client/Profile.h"
#include "client/Session.h"
#include "server/net/Server.h"
#include "store/HistoryStore.h"

#include "protocol/Wire.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>
#include <optional>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace huiji;
using namespace huiji::bench;

namespace {

constexpr int stepTimeoutMs = 600'000;
constexpr double goalRecordsPerSecond = 20000;

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_catchup: %s\n", qUtf8Printable(message));
    std::exit(1);
}

QByteArray madeUpPassword()
{
    return QByteArray::number(QRandomGenerator::system()->generate64(), 36)
           + QByteArray::number(QRandomGenerator::system()->generate64(), 36);
}

double perSecond(qint64 count, qint64 ns)
{
    return ns > 0 ? static_cast<double>(count) * 1e9 / static_cast<double>(ns) : 0;
}

double seconds(qint64 ns)
{
    return static_cast<double>(ns) / 1e9;
}

// CPU time of this process's threads by what they do: the main thread runs the Session and its
// store, the others are the server's (core/server/Server.cpp names them).
struct ThreadCpu {
    qint64 client = 0;
    qint64 hub = 0;
    qint64 network = 0;

    static ThreadCpu now()
    {
        ThreadCpu cpu;
        cpu.client = ProcessStats::callingThreadCpuNs();
        const QHash<QString, qint64> threads = ProcessStats::cpuNsByThread(::getpid());
        for (auto it = threads.cbegin(); it != threads.cend(); ++it) {
            if (it.key() == u"huiji-hub"_s)
                cpu.hub += it.value();
            else if (it.key().startsWith(u"huiji-net"_s))
                cpu.network += it.value();
        }
        return cpu;
    }
};

// The desktop's session, started with the password: the time to ready and to caught up.
struct CatchUp {
    qint64 readyNs = -1;
    qint64 caughtUpNs = -1;
    qint64 pending = -1;
    qint64 merged = 0;
    qint64 deliveries = 0; // deliver frames
    QString failure;
};

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_NO_GLIB", "1"); // as huijid runs its server (app/server/main.cpp)
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_catchup"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures a storage terminal's catch-up against a store-only baseline."_s);
    parser.addHelpOption();
    const QCommandLineOption recordsOption(u"records"_s, u"Records held for the terminal (default 100000)."_s,
                                           u"count"_s, u"100000"_s);
    const QCommandLineOption keep(u"keep"_s, u"Keep the server's and the profiles' files."_s);
    parser.addOptions({recordsOption, keep});
    parser.process(app);
    bool ok = false;
    const qsizetype records = parser.value(recordsOption).toLongLong(&ok);
    if (!ok || records <= 0)
        die(u"--records wants a positive number"_s);

    QTemporaryDir temporary(QDir::tempPath() + u"/bench_catchup-XXXXXX"_s);
    if (!temporary.isValid())
        die(u"cannot make a temporary folder: %1"_s.arg(temporary.errorString()));
    temporary.setAutoRemove(!parser.isSet(keep));
    std::fprintf(stderr, "bench_catchup: files in %s\n", qUtf8Printable(temporary.path()));

    ServerConfig config;
    config.dataDirectory = temporary.filePath(u"server"_s);
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    auto started = Server::start(config);
    if (!started)
        die(started.error().message);
    std::unique_ptr<Server> server = std::move(*started);
    const auto certificates = QSslCertificate::fromPath(QDir(config.dataDirectory).filePath(u"server.crt"_s));
    if (certificates.size() != 1)
        die(u"cannot read the server's certificate"_s);

    // The desktop registers alice and becomes her storage terminal, then goes offline.
    const QString alice = u"alice"_s;
    const QByteArray alicePassword = madeUpPassword();
    auto opened = Profile::open(temporary.filePath(u"desktop"_s));
    if (!opened)
        die(opened.error().message);
    std::unique_ptr<Profile> desktop = std::move(*opened);
    desktop->setDeviceName(u"Desktop"_s);
    desktop->setServer(u"127.0.0.1"_s, server->port(), alice);
    {
        Session first(*desktop);
        std::optional<QString> failure;
        bool ready = false;
        QObject::connect(&first, &Session::ready, [&ready] { ready = true; });
        QObject::connect(&first, &Session::failed, [&failure](const Error &error) { failure = error.message; });
        first.start(alicePassword, true);
        if (!Wait::until([&] { return ready || failure; }, stepTimeoutMs) || failure)
            die(u"the desktop's first login: %1"_s.arg(failure.value_or(u"timed out"_s)));
        std::optional<Result<QCborMap>> terminal;
        first.request(wire::terminalSet, QCborMap{{u"password"_s, QString::fromUtf8(alicePassword)}}, // re-auth
                      [&terminal](Result<QCborMap> answer) { terminal = std::move(answer); });
        if (!Wait::until([&] { return terminal.has_value(); }, stepTimeoutMs) || !*terminal)
            die(u"terminal-set: %1"_s.arg(terminal ? terminal->error().message : u"timed out"_s));
        first.stop();
        if (!Wait::until([&] { return first.state() == Session::State::Offline; }, stepTimeoutMs))
            die(u"the desktop did not go offline"_s);
    }

    HeldRecords::Options heldOptions;
    heldOptions.port = server->port();
    heldOptions.certificate = certificates.first();
    heldOptions.alice = alice;
    heldOptions.alicePassword = alicePassword;
    heldOptions.bob = u"bob"_s;
    heldOptions.bobPassword = madeUpPassword();
    heldOptions.records = records;
    HeldRecords held(heldOptions);
    if (auto made = held.make(); !made)
        die(u"setup: %1"_s.arg(made.error().message));
    std::fprintf(stderr, "bench_catchup: %lld records held for the desktop, sent in %.1f s\n",
                 static_cast<long long>(records), held.sendSeconds());
    // Let the server see the senders go before the clock starts.
    Wait::until([&] { return server->connectionCount() == 0; }, stepTimeoutMs);

    // Measured: the desktop logs in with its password and merges what was held for it.
    CatchUp catchUp;
    const ThreadCpu cpuBefore = ThreadCpu::now();
    const qint64 idleBefore = ProcessStats::machineIdleNs();
    const qint64 start = LoadMessage::nowNs();
    {
        Session session(*desktop);
        QObject::connect(&session, &Session::ready, [&](bool, qint64 pending) {
            catchUp.readyNs = LoadMessage::nowNs() - start;
            catchUp.pending = pending;
        });
        QObject::connect(&session, &Session::recordsMerged, [&](const QList<Record> &merged, qint64) {
            catchUp.merged += merged.size();
            ++catchUp.deliveries;
        });
        QObject::connect(&session, &Session::caughtUp, [&] { catchUp.caughtUpNs = LoadMessage::nowNs() - start; });
        QObject::connect(&session, &Session::failed, [&](const Error &error) { catchUp.failure = error.message; });
        session.start(alicePassword);
        if (!Wait::until([&] { return catchUp.caughtUpNs >= 0 || !catchUp.failure.isEmpty(); }, stepTimeoutMs))
            catchUp.failure = u"not caught up within %1 s"_s.arg(stepTimeoutMs / 1000);
        if (!catchUp.failure.isEmpty())
            die(u"catch-up: %1"_s.arg(catchUp.failure));
        session.stop();
        Wait::until([&] { return session.state() == Session::State::Offline; }, stepTimeoutMs);
    }
    const ThreadCpu cpuAfter = ThreadCpu::now();
    const qint64 idleNs = ProcessStats::machineIdleNs() - idleBefore;
    server.reset();

    // Verified: every record is in the desktop's store, each under the device that sent it.
    qint64 stored = 0;
    if (auto conversations = desktop->history().conversations())
        for (const ConversationSummary &conversation : *conversations)
            if (conversation.account == alice && conversation.contact == heldOptions.bob)
                stored = conversation.recordCount;
    bool labelled = true;
    if (auto devices = desktop->history().devices()) {
        for (const DeviceInfo &sender : held.devices()) {
            const auto summary = std::find_if(devices->cbegin(), devices->cend(), [&](const DeviceSummary &device) {
                return device.device.id == sender.id;
            });
            labelled = labelled && summary != devices->cend() && summary->label == sender.name
                       && summary->recordCount >= records / 3;
        }
    } else {
        labelled = false;
    }

    // The baseline: the same records into a fresh store, in the server's batches; and the ceiling:
    // in batches of the server's whole delivery window, to show what the batch size is worth.
    const QList<Record> &expected = held.records();
    const QList<DeviceInfo> devices = held.devices();
    const auto mergeAll = [&](const QString &name, qsizetype batch, qint64 &added) {
        auto store = HistoryStore::open(temporary.filePath(name));
        if (!store)
            die(store.error().message);
        const qint64 begin = LoadMessage::nowNs();
        for (qsizetype from = 0; from < expected.size(); from += batch) {
            auto merged = (*store)->merge(expected.mid(from, batch), devices);
            if (!merged)
                die(u"merge into %1: %2"_s.arg(name, merged.error().message));
            added += merged->added;
        }
        return LoadMessage::nowNs() - begin;
    };
    const qsizetype batch = config.deliveryBatch;
    qint64 baselineAdded = 0;
    const qint64 baselineNs = mergeAll(u"baseline.sqlite"_s, batch, baselineAdded);
    qint64 ceilingAdded = 0;
    const qint64 ceilingNs = mergeAll(u"ceiling.sqlite"_s, config.deliveryWindow, ceilingAdded);

    const double recordsPerSecond = perSecond(stored, catchUp.caughtUpNs);
    const double baselinePerSecond = perSecond(baselineAdded, baselineNs);
    const bool complete = stored == records && catchUp.merged == records && catchUp.pending == records && labelled
                          && baselineAdded == records && ceilingAdded == records;
    // Cores' worth of a CPU time over the catch-up.
    const auto busy = [&](qint64 ns) { return static_cast<double>(ns) / static_cast<double>(catchUp.caughtUpNs); };
    JsonLine(u"catchup_setup"_s)
        .add(u"records"_s, records)
        .add(u"senders"_s, static_cast<qint64>(devices.size()))
        .add(u"send_seconds"_s, held.sendSeconds(), 1)
        .add(u"sends_per_s"_s, static_cast<double>(records) / held.sendSeconds(), 0)
        .add(u"pending_at_login"_s, catchUp.pending)
        .print();
    JsonLine(u"catchup"_s)
        .add(u"records"_s, records)
        .add(u"merged"_s, catchUp.merged)
        .add(u"stored"_s, stored)
        .add(u"complete"_s, complete)
        .add(u"deliver_frames"_s, catchUp.deliveries)
        .add(u"batch"_s, static_cast<qint64>(batch))
        .add(u"login_ms"_s, static_cast<double>(catchUp.readyNs) / 1e6, 1)
        .add(u"seconds"_s, seconds(catchUp.caughtUpNs), 2)
        .add(u"records_per_s"_s, recordsPerSecond, 0)
        .add(u"after_login_records_per_s"_s, perSecond(stored, catchUp.caughtUpNs - catchUp.readyNs), 0)
        .add(u"client_thread_busy"_s, busy(cpuAfter.client - cpuBefore.client), 2)
        .add(u"server_hub_busy"_s, busy(cpuAfter.hub - cpuBefore.hub), 2)
        .add(u"server_network_busy"_s, busy(cpuAfter.network - cpuBefore.network), 2)
        // The machine meanwhile: idle cores, and the load other programs add to this one.
        .add(u"machine_idle_cores"_s, busy(idleNs), 2)
        .add(u"load_average"_s, ProcessStats::loadAverage(), 2)
        .add(u"baseline"_s, u"store_merge_in_batches_of_200"_s)
        .add(u"baseline_seconds"_s, seconds(baselineNs), 2)
        .add(u"baseline_records_per_s"_s, baselinePerSecond, 0)
        .add(u"ratio"_s, baselinePerSecond > 0 ? recordsPerSecond / baselinePerSecond : 0, 3)
        .add(u"ceiling"_s, u"store_merge_in_batches_of_2000"_s)
        .add(u"ceiling_records_per_s"_s, perSecond(ceilingAdded, ceilingNs), 0)
        .add(u"goal"_s, u"records_per_s >= 20000"_s)
        .add(u"met"_s, complete && recordsPerSecond >= goalRecordsPerSecond)
        .print();
    return complete ? 0 : 1;
}

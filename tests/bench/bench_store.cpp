// bench_store: how fast the history store merges, pages and searches a large history, each
// figure next to a baseline measured in the same run (DESIGN.md, "Benchmarks"). Prints one JSON
// object per line on stdout; progress goes to stderr. Not a test: run it by hand, in a release
// build, e.g.  bench_store --records 100000
#include "BaselineDatabase.h"
#include "HistoryGenerator.h"
#include "JsonLine.h"
#include "MergeBench.h"
#include "ReadBench.h"

#include "store/HistoryStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
using namespace huiji;
using namespace huiji::bench;

namespace {

// The process's peak resident set (VmHWM) in MiB, or -1 where /proc does not tell.
double peakRssMegabytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            const QByteArray kilobytes = line.mid(6).trimmed().split(' ').value(0);
            return static_cast<double>(kilobytes.toLongLong()) / 1024.0;
        }
    }
    return -1;
}

qint64 positiveNumber(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    bool ok = false;
    const qint64 value = parser.value(option).toLongLong(&ok);
    if (!ok || value <= 0)
        BaselineDatabase::die(u"--%1 wants a positive number, not \"%2\""_s.arg(option.names().constFirst(),
                                                                                parser.value(option)));
    return value;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_store"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Benchmarks the history store against plain SQL in the same run."_s);
    parser.addHelpOption();
    const QCommandLineOption records(u"records"_s, u"Unique records to generate (default 1000000)."_s,
                                     u"count"_s, u"1000000"_s);
    const QCommandLineOption batch(u"batch"_s, u"Records per merge call (default 2000)."_s, u"count"_s,
                                   u"2000"_s);
    const QCommandLineOption seed(u"seed"_s, u"Seed of the generated history (default 20120120)."_s,
                                  u"number"_s, u"20120120"_s);
    const QCommandLineOption pageTries(u"page-tries"_s, u"Tries of each page query (default 1000)."_s,
                                       u"count"_s, u"1000"_s);
    const QCommandLineOption searchTries(u"search-tries"_s, u"Tries of each search (default 200)."_s,
                                         u"count"_s, u"200"_s);
    const QCommandLineOption directory(u"dir"_s, u"Folder for the database files (default: a new temporary one)."_s,
                                       u"path"_s);
    const QCommandLineOption keep(u"keep"_s, u"Keep the database files for a look with sqlite3."_s);
    parser.addOptions({records, batch, seed, pageTries, searchTries, directory, keep});
    parser.process(app);

    HistoryGenerator::Options generatorOptions;
    generatorOptions.records = positiveNumber(parser, records);
    generatorOptions.batchSize = positiveNumber(parser, batch);
    generatorOptions.seed = static_cast<quint64>(positiveNumber(parser, seed));
    if (generatorOptions.records > 100000000)
        BaselineDatabase::die(u"--records: at most 100000000"_s);

    std::optional<QTemporaryDir> temporary;
    QString folder = parser.value(directory);
    if (folder.isEmpty()) {
        temporary.emplace(QDir::tempPath() + u"/bench_store-XXXXXX"_s);
        if (!temporary->isValid())
            BaselineDatabase::die(u"cannot make a temporary folder: %1"_s.arg(temporary->errorString()));
        temporary->setAutoRemove(!parser.isSet(keep));
        folder = temporary->path();
    } else if (!QDir().mkpath(folder) || !QDir(folder).isEmpty()) {
        BaselineDatabase::die(u"--dir %1 must be an empty folder"_s.arg(folder));
    }
    std::fprintf(stderr, "bench_store: files in %s\n", qUtf8Printable(folder));

    QElapsedTimer timer;
    timer.start();
    const HistoryGenerator generator(generatorOptions);
    std::fprintf(stderr, "generated the plan of %lld records (%lld offered, %zu batches) in %.1f s\n",
                 static_cast<long long>(generator.uniqueCount()), static_cast<long long>(generator.offeredCount()),
                 generator.batches().size(), static_cast<double>(timer.elapsed()) / 1000.0);
    const double generatorRss = peakRssMegabytes();

    const QString storePath = folder + u"/store.db"_s;
    auto opened = HistoryStore::open(storePath);
    if (!opened)
        BaselineDatabase::die(u"cannot open the store: %1"_s.arg(opened.error().message));
    HistoryStore &store = **opened;

    MergeBench merge(generator, folder);
    merge.run(store, storePath);
    const double mergeRss = peakRssMegabytes();
    merge.print(storePath);

    ReadBench::Options readOptions;
    readOptions.pageTries = static_cast<int>(positiveNumber(parser, pageTries));
    readOptions.searchTries = static_cast<int>(positiveNumber(parser, searchTries));
    readOptions.seed = generatorOptions.seed + 1;
    {
        ReadBench reads(generator, store, storePath, merge.positions(), readOptions);
        reads.firstPages();
        reads.windows();
        reads.searches();
    }

    JsonLine(u"peak_rss"_s)
        .add(u"peak_rss_mb"_s, std::max(peakRssMegabytes(), mergeRss), 1) // the kernel's count lags a little
        .add(u"after_merge_mb"_s, mergeRss, 1) // the store and both baseline connections
        .add(u"baseline"_s, u"generator_only"_s)
        .add(u"baseline_mb"_s, generatorRss, 1)
        .print();
    std::fprintf(stderr, "bench_store: done in %.1f s\n", static_cast<double>(timer.elapsed()) / 1000.0);
    return 0;
}

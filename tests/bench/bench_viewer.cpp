// bench_viewer: the merged history viewer on a large history ("stays smooth on a 1,000,000-record
// history: paged models, never all rows in memory; opening a contact shows its newest page at
// once"). Its timeline and search models and the whole HistoryViewer window, on the busiest
// conversation, each figure next to a baseline measured in the same run: the store call a model
// wraps, or the same window on an empty profile (DESIGN.md, "Benchmarks"). Prints one JSON object
// per line on stdout; progress goes to stderr. Not a test: run it by hand, in a release build, e.g.
//   QT_QPA_PLATFORM=offscreen bench_viewer --records 1000000
// Generating the history takes minutes, so the store is kept (by default under /tmp, named by
// the record count) and reused by later runs.
#include "BaselineDatabase.h"
#include "HistoryGenerator.h"
#include "MessageText.h"
#include "ViewerModelBench.h"
#include "ViewerWidgetBench.h"

#include "client/Profile.h"
#include "store/HistoryStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace huiji;
using namespace huiji::bench;

namespace {

int positiveOption(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value <= 0)
        BaselineDatabase::die(u"--%1 wants a positive number, not \"%2\""_s.arg(option.names().constFirst(),
                                                                                parser.value(option)));
    return value;
}

// Merges the generated history batch by batch, as a storage terminal receives it, into a file that
// gets its final name only when complete: a run cut short leaves nothing that looks reusable.
void buildStore(const QString &path, qsizetype records)
{
    HistoryGenerator::Options options;
    options.records = records;
    QElapsedTimer timer;
    timer.start();
    const HistoryGenerator generator(options);
    const QString partial = path + u".partial"_s;
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::remove(partial + suffix);
    {
        auto store = HistoryStore::open(partial);
        if (!store)
            BaselineDatabase::die(u"cannot create %1: %2"_s.arg(partial, store.error().message));
        const QList<DeviceInfo> devices = generator.devices();
        const auto &batches = generator.batches();
        const std::size_t tenth = std::max<std::size_t>(1, batches.size() / 10);
        for (std::size_t b = 0; b < batches.size(); ++b) {
            if (auto merged = (*store)->merge(generator.records(batches[b]), devices); !merged)
                BaselineDatabase::die(u"merge of batch %1 failed: %2"_s.arg(b).arg(merged.error().message));
            if ((b + 1) % tenth == 0)
                std::fprintf(stderr, "store: %zu of %zu batches merged after %.0f s\n", b + 1, batches.size(),
                             static_cast<double>(timer.elapsed()) / 1000.0);
        }
    } // closing the only connection checkpoints the write-ahead log into the file
    if (QFile::exists(partial + u"-wal"_s) || !QFile::rename(partial, path))
        BaselineDatabase::die(u"cannot complete %1"_s.arg(path));
    std::fprintf(stderr, "store: %lld records in %s, built in %.0f s\n", static_cast<long long>(records),
                 qUtf8Printable(path), static_cast<double>(timer.elapsed()) / 1000.0);
}

// A profile folder whose history.sqlite is a link to the store (Profile names its store file
// itself; SQLite resolves the link, so the log and the locks sit beside the real file), or
// without a store path a profile with a new, empty history.
std::unique_ptr<Profile> profileOn(const QString &folder, const QString &storePath)
{
    if (!storePath.isEmpty() && !QFile::link(QFileInfo(storePath).absoluteFilePath(), folder + u"/history.sqlite"_s))
        BaselineDatabase::die(u"cannot link %1 into %2"_s.arg(storePath, folder));
    auto profile = Profile::open(folder);
    if (!profile)
        BaselineDatabase::die(u"cannot open the profile in %1: %2"_s.arg(folder, profile.error().message));
    return std::move(*profile);
}

} // namespace

int main(int argc, char *argv[])
{
    // Painting into memory: no display needed, and no compositor in the figures.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"bench_viewer"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Benchmarks the history viewer's models and window against the store."_s);
    parser.addHelpOption();
    const QCommandLineOption records(u"records"_s, u"Unique records to generate (default 1000000)."_s,
                                     u"count"_s, u"1000000"_s);
    const QCommandLineOption storeOption(u"store"_s,
                                         u"Store file to use, built when missing (default: one under the "
                                         "temporary folder, named by the record count)."_s,
                                         u"path"_s);
    const QCommandLineOption tries(u"tries"_s, u"Tries of each model call (default 21)."_s, u"count"_s, u"21"_s);
    const QCommandLineOption scrollRows(u"scroll-rows"_s, u"Rows to page through upwards (default 20000)."_s,
                                        u"count"_s, u"20000"_s);
    const QCommandLineOption windowTries(u"window-tries"_s, u"Openings of the viewer window (default 5)."_s,
                                         u"count"_s, u"5"_s);
    parser.addOptions({records, storeOption, tries, scrollRows, windowTries});
    parser.process(app);

    const int recordCount = positiveOption(parser, records);
    QString storePath = parser.value(storeOption);
    if (storePath.isEmpty())
        storePath = QDir::tempPath() + u"/bench_viewer-%1.sqlite"_s.arg(recordCount);
    if (!QFile::exists(storePath))
        buildStore(storePath, recordCount);
    else
        std::fprintf(stderr, "store: reusing %s\n", qUtf8Printable(storePath));

    auto opened = HistoryStore::open(storePath, HistoryStore::Mode::ReadOnly);
    if (!opened)
        BaselineDatabase::die(u"cannot open %1: %2"_s.arg(storePath, opened.error().message));
    HistoryStore &store = **opened;
    const auto conversations = store.conversations();
    if (!conversations || conversations->isEmpty())
        BaselineDatabase::die(u"%1 holds no conversations"_s.arg(storePath));
    qint64 stored = 0;
    for (const ConversationSummary &conversation : *conversations)
        stored += conversation.recordCount;
    if (stored != recordCount)
        BaselineDatabase::die(u"%1 holds %2 records, not %3: delete it or pass --records %2"_s.arg(storePath)
                                  .arg(stored)
                                  .arg(recordCount));
    const ConversationSummary busiest = *std::max_element(
        conversations->cbegin(), conversations->cend(),
        [](const ConversationSummary &a, const ConversationSummary &b) { return a.recordCount < b.recordCount; });
    std::fprintf(stderr, "busiest conversation: %s, %lld of %lld records\n", qUtf8Printable(busiest.contact),
                 static_cast<long long>(busiest.recordCount), static_cast<long long>(stored));

    ViewerModelBench::Options modelOptions;
    modelOptions.tries = positiveOption(parser, tries);
    modelOptions.scrollRows = positiveOption(parser, scrollRows);
    ViewerModelBench models(store, busiest, modelOptions);
    models.openNewest();
    models.scrollOlder();
    models.jumpToDate();
    models.search(u"search_han2"_s, MessageText::hanPairs());

    const QTemporaryDir profileFolder(QDir::tempPath() + u"/bench_viewer-profile-XXXXXX"_s);
    const QTemporaryDir emptyFolder(QDir::tempPath() + u"/bench_viewer-empty-XXXXXX"_s);
    if (!profileFolder.isValid() || !emptyFolder.isValid())
        BaselineDatabase::die(u"cannot make a temporary profile folder"_s);
    const auto profile = profileOn(profileFolder.path(), storePath);
    const auto emptyProfile = profileOn(emptyFolder.path(), {});
    ViewerWidgetBench::Options windowOptions;
    windowOptions.tries = positiveOption(parser, windowTries);
    windowOptions.scrollRows = modelOptions.scrollRows;
    ViewerWidgetBench window(*profile, *emptyProfile, busiest, windowOptions);
    window.firstPaint();
    window.scrollUp();
    return 0;
}

#include "HistoryTestData.h"

#include "ui/DeviceColors.h"
#include "ui/HistoryExporter.h"

#include "protocol/HistoryFile.h"

#include <QDir>
#include <QFile>
#include <QPalette>
#include <QRegularExpression>
#include <QTextDocument>

using namespace huiji;
using namespace huiji::test;

class TstHistoryExporter : public QObject
{
    Q_OBJECT

private:
    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // What HistoryFile itself makes of the store's devices and a conversation read in one go.
    static QByteArray historyFileOf(HistoryStore &store, const QList<ConversationSummary> &conversations)
    {
        HistoryFile file;
        for (const DeviceSummary &summary : store.devices().value_or(QList<DeviceSummary>()))
            file.devices.append(summary.device);
        for (const ConversationSummary &conversation : conversations) {
            auto page = store.older({conversation.account, conversation.contact, {}}, std::nullopt, 100000);
            if (!page)
                return {};
            for (auto it = page->records.crbegin(); it != page->records.crend(); ++it)
                file.records.append(it->record);
        }
        return file.toJson();
    }

private slots:
    void jsonReadsBackAsStored()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryExporter exporter(fixture.store());
        exporter.setPageSize(4); // several pages for 20 records
        const QString path = fixture.path(u"bob.json"_s);
        const auto written = exporter.exportConversation(account, u"bob"_s, HistoryExporter::Format::Json, path);
        HUIJI_VERIFY_OK(written);
        QCOMPARE(*written, fixture.of(u"bob"_s).size());

        const QByteArray json = readAll(path);
        const auto file = HistoryFile::fromJson(json);
        HUIJI_VERIFY_OK(file);
        QCOMPARE(file->records, fixture.of(u"bob"_s));
        QCOMPARE(file->devices.size(), 3);
        QVERIFY(file->devices.contains(laptop));
        QVERIFY(file->devices.contains(phone));
        QVERIFY(file->devices.contains(fixture.desktop()));
        // Byte for byte what HistoryFile::toJson makes, though written a page at a time.
        const auto conversations = fixture.store().conversations();
        HUIJI_VERIFY_OK(conversations);
        const auto bob = std::find_if(conversations->cbegin(), conversations->cend(),
                                      [](const ConversationSummary &c) { return c.contact == u"bob"_s; });
        QVERIFY(bob != conversations->cend());
        QCOMPARE(json, historyFileOf(fixture.store(), {*bob}));
    }

    void everythingImportsIntoAnotherStore()
    {
        HistoryFixture fixture(120);
        HUIJI_CHECK_CREATE(fixture);
        HistoryExporter exporter(fixture.store());
        exporter.setPageSize(25);
        const QString path = fixture.path(u"everything.json"_s);
        QList<std::pair<qint64, qint64>> progress;
        const auto written = exporter.exportEverything(HistoryExporter::Format::Json, path,
                                                       [&](qint64 done, qint64 total) { progress.append({done, total}); });
        HUIJI_VERIFY_OK(written);
        QCOMPARE(*written, fixture.records.size());
        QVERIFY(progress.size() >= 120 / 25);
        QCOMPARE(progress.last(), (std::pair<qint64, qint64>{fixture.records.size(), fixture.records.size()}));

        // As `huiji-cli import` does: read the file, merge it into a store.
        const auto file = HistoryFile::fromJson(readAll(path));
        HUIJI_VERIFY_OK(file);
        auto other = HistoryStore::open(fixture.path(u"imported.sqlite"_s));
        HUIJI_VERIFY_OK(other);
        const auto merged = (*other)->merge(file->records, file->devices);
        HUIJI_VERIFY_OK(merged);
        QCOMPARE(merged->added, fixture.records.size());
        QCOMPARE(merged->duplicates, 0);
        // The imported store exports the very same file.
        const QString again = fixture.path(u"again.json"_s);
        HUIJI_VERIFY_OK(HistoryExporter(**other).exportEverything(HistoryExporter::Format::Json, again));
        QCOMPARE(readAll(again), readAll(path));
    }

    void htmlIsSelfContainedAndEscaped()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        const QString path = fixture.path(u"bob.html"_s);
        HUIJI_VERIFY_OK(
            HistoryExporter(fixture.store()).exportConversation(account, u"bob"_s, HistoryExporter::Format::Html, path));
        const QString html = QString::fromUtf8(readAll(path));
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
        QVERIFY(html.contains(u"<meta charset=\"utf-8\">"_s));
        // Nothing to fetch: no links, scripts, images or style sheets from elsewhere.
        for (const QString &external : {u"http:"_s, u"https:"_s, u"src="_s, u"<link"_s, u"<script"_s, u"@import"_s})
            QVERIFY2(!html.contains(external), qPrintable(external));
        QVERIFY(html.contains(u"The CI build is red again: &lt;tests&gt; &amp; &quot;lint&quot; fail"_s));
        QVERIFY(!html.contains(u"<tests>"_s));
        // Device labels and colours inline, as in the viewer.
        const QPalette light(Qt::white);
        for (const DeviceInfo &device : {fixture.desktop(), laptop, phone}) {
            QVERIFY(html.contains(u">%1</span>"_s.arg(device.name.toHtmlEscaped())));
            QVERIFY(html.contains(u"background:%1"_s.arg(DeviceColors::of(device.id, light).name())));
        }
        // Read as HTML, every body is there as text, Chinese and multi-line ones too.
        QTextDocument document;
        document.setHtml(html);
        const QString text = document.toPlainText();
        for (const Record &record : fixture.of(u"bob"_s))
            for (const QString &line : record.body.split(u'\n'))
                QVERIFY2(text.contains(line), qPrintable(line));
        QVERIFY(!text.contains(u"Perfect, booking it."_s)); // carol's, not in bob's export
    }

    void textHasALinePerRecord()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        const QString path = fixture.path(u"all.txt"_s);
        HUIJI_VERIFY_OK(HistoryExporter(fixture.store()).exportEverything(HistoryExporter::Format::Text, path));
        const QStringList lines = QString::fromUtf8(readAll(path)).split(u'\n');
        // A heading and a blank line before each conversation, one after it; a line per record
        // plus one per extra line of a body; the file ends with a newline.
        qsizetype expected = 3 * 3 + 1;
        for (const Record &record : fixture.records)
            expected += record.body.count(u'\n') + 1;
        QCOMPARE(lines.size(), expected);
        const QRegularExpression recordLine(u"^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  \\[(.+)\\]  (\\S+): (.*)$"_s);
        qsizetype recordLines = 0;
        for (const QString &line : lines)
            if (recordLine.match(line).hasMatch())
                ++recordLines;
        QCOMPARE(recordLines, fixture.records.size());
        QVERIFY(lines.contains(u"Conversation of alice with 王芳"_s));
        const QString agenda = QDateTime::fromMSecsSinceEpoch(utc(20, QTime(9, 30)) + 350).toString(u"yyyy-MM-dd HH:mm:ss"_s)
                               + u"  [Work laptop]  alice: Agenda for tomorrow:"_s;
        const qsizetype at = lines.indexOf(agenda);
        QVERIFY(at >= 0);
        QCOMPARE(lines.at(at + 1), u"\t1. Release 2.3"_s);
    }

    void failuresLeaveNoFile()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        HistoryExporter exporter(fixture.store());

        const QString missingFolder = fixture.path(u"no/such/folder/bob.html"_s);
        const auto intoNothing = exporter.exportConversation(account, u"bob"_s, HistoryExporter::Format::Html, missingFolder);
        QVERIFY(!intoNothing);
        QVERIFY(!intoNothing.error().message.isEmpty());
        QVERIFY(!QFile::exists(missingFolder));

        // The target is a folder: writing goes fine, putting the file in place fails at the end.
        QDir folder(fixture.path(u"out"_s));
        QVERIFY(folder.mkpath(u"taken.json"_s));
        const auto ontoFolder = exporter.exportEverything(HistoryExporter::Format::Json, folder.filePath(u"taken.json"_s));
        QVERIFY(!ontoFolder);
        QVERIFY(QFileInfo(folder.filePath(u"taken.json"_s)).isDir());
        QCOMPARE(folder.entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());

        const auto unknown = exporter.exportConversation(account, u"nobody"_s, HistoryExporter::Format::Text,
                                                         fixture.path(u"nobody.txt"_s));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        QVERIFY(!QFile::exists(fixture.path(u"nobody.txt"_s)));
    }
};

QTEST_MAIN(TstHistoryExporter)
#include "tst_historyexporter.moc"

// huiji-cli's commands, run in-process on a real profile: the demo histories of three devices are
// merged and read back as people and scripts see them.

#include "CliRun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

namespace {

QStringList demoFiles()
{
    const QString dir = QStringLiteral(HUIJI_DEMO_DIR);
    return {dir + u"/desktop.json"_s, dir + u"/laptop.json"_s, dir + u"/phone.json"_s};
}

} // namespace

class tst_CliCommands : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void importMergesDevicesOnce();
    void historyIsMergedAndLabelled();
    void historyOfOneDevice();
    void searchFindsChineseAcrossConversations();
    void devicesAndRename();
    void badInputGivesUsageOrFailure();

private:
    CliRequest request(const QString &command, const QStringList &arguments = {}) const
    {
        CliRequest request;
        request.command = command;
        request.arguments = arguments;
        request.profile = m_dir->path();
        return request;
    }
    void importDemo()
    {
        const Outcome imported = runCli(request(u"import"_s, demoFiles()));
        QCOMPARE(imported.code, 0);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_CliCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_CliCommands::importMergesDevicesOnce()
{
    CliRequest first = request(u"import"_s, demoFiles());
    first.json = true;
    const Outcome imported = runCli(first);
    QCOMPARE(imported.code, 0);
    int added = 0;
    int duplicates = 0;
    for (const QString &line : imported.out.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject result = QJsonDocument::fromJson(line.toUtf8()).object();
        added += result.value(u"added").toInt();
        duplicates += result.value(u"duplicates").toInt();
    }
    // 13 messages; 5 of them were also seen on a second device.
    QCOMPARE(added, 13);
    QCOMPARE(duplicates, 5);

    const Outcome again = runCli(first);
    QCOMPARE(again.code, 0);
    QVERIFY2(!again.out.contains(u"\"added\":1"_s), qPrintable(again.out));
    QCOMPARE(again.out.count(u"\"added\":0"_s), 3);
}

void tst_CliCommands::historyIsMergedAndLabelled()
{
    importDemo();
    CliRequest history = request(u"history"_s, {u"bob"_s});
    history.json = true;
    const Outcome shown = runCli(history);
    QCOMPARE(shown.code, 0);
    const QJsonArray records = QJsonDocument::fromJson(shown.out.toUtf8()).array();
    QCOMPARE(records.size(), 9);
    // Oldest first, from all three devices, each with its device's name.
    QStringList labels;
    qint64 previous = 0;
    for (const QJsonValue &value : records) {
        const QJsonObject record = value.toObject();
        QCOMPARE(record.value(u"contact").toString(), u"bob"_s);
        const qint64 position = record.value(u"position").toString().toLongLong();
        QVERIFY(position > previous);
        previous = position;
        labels.append(record.value(u"deviceLabel").toString());
    }
    QCOMPARE(labels.first(), u"Laptop"_s);
    QVERIFY(labels.contains(u"Desktop"_s));
    QVERIFY(labels.contains(u"Phone"_s));
    QCOMPARE(records.last().toObject().value(u"body").toString(), u"好啊，老地方见。"_s);

    const Outcome human = runCli(request(u"history"_s, {u"bob"_s}));
    QCOMPARE(human.code, 0);
    QCOMPARE(human.out.count(u'\n'), 9);
    QVERIFY2(human.out.contains(u"[Desktop]  Checked the installer"_s), qPrintable(human.out));
}

void tst_CliCommands::historyOfOneDevice()
{
    importDemo();
    CliRequest history = request(u"history"_s, {u"bob"_s});
    history.device = u"c4e7f812-5d6a-4b3c-9e8f-3a1b2c4d5e23"_s; // the phone
    history.json = true;
    const Outcome shown = runCli(history);
    QCOMPARE(shown.code, 0);
    const QJsonArray records = QJsonDocument::fromJson(shown.out.toUtf8()).array();
    QCOMPARE(records.size(), 3);
    for (const QJsonValue &value : records)
        QCOMPARE(value.toObject().value(u"deviceLabel").toString(), u"Phone"_s);

    // A device this profile never heard of is an error, not an empty history.
    history.device = u"no-such-device"_s;
    const Outcome unknown = runCli(history);
    QCOMPARE(unknown.code, CliCommands::Usage);
    QVERIFY2(unknown.err.contains(u"no-such-device"_s), qPrintable(unknown.err));
    QVERIFY(unknown.out.isEmpty());
}

void tst_CliCommands::searchFindsChineseAcrossConversations()
{
    importDemo();
    CliRequest search = request(u"history"_s);
    search.search = u"会议"_s;
    search.json = true;
    const Outcome found = runCli(search);
    QCOMPARE(found.code, 0);
    const QJsonArray hits = QJsonDocument::fromJson(found.out.toUtf8()).array();
    QCOMPARE(hits.size(), 2);
    for (const QJsonValue &hit : hits) {
        QCOMPARE(hit.toObject().value(u"contact").toString(), u"王芳"_s);
        QVERIFY(hit.toObject().value(u"body").toString().contains(u"会议"_s));
    }

    // Scoped to one contact, a word that only bob's conversation has in Latin letters.
    search.arguments = {u"bob"_s};
    search.search = u"INSTALL"_s;
    const Outcome scoped = runCli(search);
    QCOMPARE(QJsonDocument::fromJson(scoped.out.toUtf8()).array().size(), 2);

    // As text, across conversations, a line names the contact once: "王芳" for what she wrote,
    // "me → 王芳" for what went to her.
    search.arguments.clear();
    search.search = u"会议"_s;
    search.json = false;
    const Outcome text = runCli(search);
    QCOMPARE(text.code, 0);
    const QStringList lines = text.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    for (const QString &line : lines) {
        QVERIFY2(line.count(u"王芳"_s) == 1, qPrintable(line));
        QVERIFY2(!line.contains(u" · "_s), qPrintable(line));
    }
}

void tst_CliCommands::devicesAndRename()
{
    importDemo();
    const QString laptop = u"8b2d4e61-7c3f-4a9b-b1e5-2f6a8c0d4e12"_s;
    const Outcome renamed = runCli(request(u"rename-device"_s, {laptop, u"Work laptop"_s}));
    QCOMPARE(renamed.code, 0);
    QCOMPARE(renamed.out, u"The records of %1 are labelled \"Work laptop\" now.\n"_s.arg(laptop));

    CliRequest devices = request(u"history-devices"_s);
    devices.json = true;
    const Outcome listed = runCli(devices);
    QCOMPARE(listed.code, 0);
    const QJsonArray array = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QCOMPARE(array.size(), 3);
    qint64 total = 0;
    for (const QJsonValue &value : array) {
        const QJsonObject device = value.toObject();
        total += device.value(u"records").toInteger();
        if (device.value(u"id").toString() == laptop)
            QCOMPARE(device.value(u"label").toString(), u"Work laptop"_s);
    }
    QCOMPARE(total, 13);

    const Outcome history = runCli(request(u"history"_s, {u"bob"_s}));
    QVERIFY2(history.out.contains(u"[Work laptop]"_s), qPrintable(history.out));
    QVERIFY(!history.out.contains(u"[Laptop"_s));
}

void tst_CliCommands::badInputGivesUsageOrFailure()
{
    QCOMPARE(runCli(request(u"frobnicate"_s)).code, CliCommands::Usage);
    QCOMPARE(runCli(request(u"import"_s)).code, CliCommands::Usage);
    QCOMPARE(runCli(request(u"history"_s)).code, CliCommands::Usage);
    QCOMPARE(runCli(request(u"rename-device"_s, {u"only-an-id"_s})).code, CliCommands::Usage);

    const QString broken = m_dir->filePath(u"broken.json"_s);
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format":"huiji-history","version":1,"records":[{"account":"a"}]})");
    file.close();
    const Outcome failed = runCli(request(u"import"_s, {broken}));
    QCOMPARE(failed.code, CliCommands::Failure);
    QVERIFY2(failed.err.contains(u"record 1"_s), qPrintable(failed.err));

    const Outcome missing = runCli(request(u"import"_s, {m_dir->filePath(u"absent.json"_s)}));
    QCOMPARE(missing.code, CliCommands::Failure);
    QVERIFY2(missing.err.contains(u"absent.json"_s), qPrintable(missing.err));
}

QTEST_GUILESS_MAIN(tst_CliCommands)
#include "tst_clicommands.moc"

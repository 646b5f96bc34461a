// The real huijid and huiji-cli binaries, run as a user runs them: alice's desktop is the storage
// terminal, her laptop and phone talk to bob while it is off, and `sync` brings it everything; a
// tablet with older history hands it over when it logs in (claim 13).

#include "BlackBox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using huiji::blackbox::processTimeoutMs;
using huiji::blackbox::Run;

class tst_Binaries : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void storageTerminalGetsWhatOthersSaw();
    void olderHistoryIsCollected();
    void failuresHaveTheirExitCodes();
    void directLinksAndForwardingAreSettings();

private:
    Run cli(const QString &profile, const QString &passwordFile, const QStringList &arguments)
    {
        return m_box.cli(profile, passwordFile, arguments);
    }

    huiji::blackbox::BlackBox m_box;
    QString m_alicePassword, m_bobPassword;
};

void tst_Binaries::initTestCase()
{
    QVERIFY(m_box.start({u"alice"_s, u"bob"_s}));
    m_alicePassword = m_box.passwordOf(u"alice"_s);
    m_bobPassword = m_box.passwordOf(u"bob"_s);
}

void tst_Binaries::cleanupTestCase()
{
    QVERIFY(m_box.stopServer());
}

void tst_Binaries::storageTerminalGetsWhatOthersSaw()
{
    const QString server = m_box.server();
    HUIJI_CLI_OK(cli(u"desktop"_s, m_alicePassword, {u"register"_s, u"--server"_s, server, u"--user"_s, u"alice"_s, u"--name"_s, u"Desktop"_s}));
    HUIJI_CLI_OK(cli(u"bob"_s, m_bobPassword, {u"register"_s, u"--server"_s, server, u"--user"_s, u"bob"_s}));
    const Run terminal = cli(u"desktop"_s, m_alicePassword, {u"storage-terminal"_s, u"set"_s, u"--this"_s});
    HUIJI_CLI_OK(terminal);
    QCOMPARE(QJsonDocument::fromJson(terminal.out).object().value(u"this"_s).toBool(), true);
    HUIJI_CLI_OK(cli(u"desktop"_s, m_alicePassword, {u"contacts"_s, u"add"_s, u"bob"_s}));
    HUIJI_CLI_OK(cli(u"bob"_s, m_bobPassword, {u"contacts"_s, u"accept"_s, u"alice"_s}));

    HUIJI_CLI_OK(cli(u"laptop"_s, m_alicePassword, {u"login"_s, u"--server"_s, server, u"--user"_s, u"alice"_s, u"--name"_s, u"Laptop"_s}));
    HUIJI_CLI_OK(cli(u"laptop"_s, m_alicePassword, {u"send"_s, u"bob"_s, u"from the laptop"_s}));
    HUIJI_CLI_OK(cli(u"phone"_s, m_alicePassword, {u"login"_s, u"--server"_s, server, u"--user"_s, u"alice"_s, u"--name"_s, u"Phone"_s}));
    HUIJI_CLI_OK(cli(u"phone"_s, m_alicePassword, {u"send"_s, u"bob"_s, u"从手机发的"_s}));

    // bob listens and gets both, live or queued.
    const Run listened = cli(u"bob"_s, m_bobPassword, {u"listen"_s, u"--count"_s, u"2"_s});
    HUIJI_CLI_OK(listened);
    QCOMPARE(listened.out.count('\n'), 2);

    const Run devices = cli(u"phone"_s, m_alicePassword, {u"devices"_s, u"--sort"_s, u"recency"_s});
    HUIJI_CLI_OK(devices);
    const QJsonArray list = QJsonDocument::fromJson(devices.out).object().value(u"devices"_s).toArray();
    QCOMPARE(list.size(), 3);
    QCOMPARE(list.at(0).toObject().value(u"name"_s).toString(), u"Phone"_s); // used last
    QCOMPARE(list.at(0).toObject().value(u"this"_s).toBool(), true);

    const Run synced = cli(u"desktop"_s, m_alicePassword, {u"sync"_s});
    HUIJI_CLI_OK(synced);
    QCOMPARE(QJsonDocument::fromJson(synced.out).object().value(u"merged"_s).toInt(), 2);
    const Run history = cli(u"desktop"_s, {}, {u"history"_s, u"bob"_s});
    HUIJI_CLI_OK(history);
    const QJsonArray records = QJsonDocument::fromJson(history.out).array();
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(0).toObject().value(u"body"_s).toString(), u"from the laptop"_s);
    QCOMPARE(records.at(0).toObject().value(u"deviceLabel"_s).toString(), u"Laptop"_s);
    QCOMPARE(records.at(1).toObject().value(u"body"_s).toString(), u"从手机发的"_s);
    QCOMPARE(records.at(1).toObject().value(u"deviceLabel"_s).toString(), u"Phone"_s);

    // Nothing is held any more: a second sync merges nothing.
    const Run again = cli(u"desktop"_s, m_alicePassword, {u"sync"_s});
    HUIJI_CLI_OK(again);
    QCOMPARE(QJsonDocument::fromJson(again.out).object().value(u"merged"_s).toInt(), 0);
}

void tst_Binaries::olderHistoryIsCollected()
{
    // The tablet holds a history imported from a file before it ever logged in (six records).
    HUIJI_CLI_OK(cli(u"tablet"_s, {}, {u"import"_s, QStringLiteral(HUIJI_DEMO_DIR) + u"/laptop.json"_s}));
    const QString server = m_box.server();
    const Run login = cli(u"tablet"_s, m_alicePassword,
                          {u"login"_s, u"--server"_s, server, u"--user"_s, u"alice"_s, u"--name"_s, u"Tablet"_s});
    HUIJI_CLI_OK(login);
    const QJsonObject collection = QJsonDocument::fromJson(login.out).object().value(u"collection"_s).toObject();
    QCOMPARE(collection.value(u"sent"_s).toInt(), 6);
    QCOMPARE(collection.value(u"new"_s).toInt(), 6);
    QCOMPARE(collection.value(u"duplicate"_s).toInt(), 0);
    QCOMPARE(collection.value(u"complete"_s).toBool(), true);

    // The terminal receives them with its next sync; asking now finds nobody else online.
    const Run synced = cli(u"desktop"_s, m_alicePassword, {u"sync"_s});
    HUIJI_CLI_OK(synced);
    QCOMPARE(QJsonDocument::fromJson(synced.out).object().value(u"merged"_s).toInt(), 6);
    const Run asked = cli(u"desktop"_s, m_alicePassword, {u"collect"_s});
    HUIJI_CLI_OK(asked);
    QCOMPARE(QJsonDocument::fromJson(asked.out).object().value(u"asked"_s).toInt(), 0);
    // The tablet has handed over everything: nothing is pending for it.
    const Run again = cli(u"tablet"_s, m_alicePassword, {u"collect"_s});
    HUIJI_CLI_OK(again);
    QVERIFY(QJsonDocument::fromJson(again.out).object().value(u"collection"_s).isNull());
}

void tst_Binaries::failuresHaveTheirExitCodes()
{
    const QString server = m_box.server();
    const QString wrong = m_box.writePassword(u"wrong"_s);
    QCOMPARE(cli(u"desktop"_s, wrong, {u"login"_s, u"--server"_s, server, u"--user"_s, u"alice"_s}).code, 3);
    QCOMPARE(cli(u"nobody"_s, wrong, {u"login"_s, u"--server"_s, server, u"--user"_s, u"nobody"_s}).code, 3);
    // The refusal is always said; the engine's own lines about it only with --verbose.
    const QStringList stranger{u"login"_s, u"--server"_s, server, u"--user"_s, u"stranger"_s};
    const Run quiet = cli(u"stranger"_s, wrong, stranger);
    QCOMPARE(quiet.code, 3);
    QVERIFY2(quiet.err.contains("wrong password") && !quiet.err.contains("giving up"), quiet.err.constData());
    const Run verbose = cli(u"stranger"_s, wrong, stranger + QStringList{u"--verbose"_s});
    QCOMPARE(verbose.code, 3);
    QVERIFY2(verbose.err.contains("giving up"), verbose.err.constData());
    QCOMPARE(cli(u"desktop"_s, m_alicePassword, {u"storage-terminal"_s, u"set"_s}).code, 2);
    QCOMPARE(cli(u"desktop"_s, m_alicePassword, {u"devices"_s, u"--sort"_s, u"size"_s}).code, 2);
    // No server on that port: a network failure.
    QCOMPARE(cli(u"elsewhere"_s, m_alicePassword, {u"login"_s, u"--server"_s, u"127.0.0.1:1"_s, u"--user"_s, u"alice"_s}).code, 4);
    // huijid's operator commands on the same data folder.
    QProcess fingerprint;
    fingerprint.start(QStringLiteral(HUIJID_PATH), {u"--data"_s, m_box.path(u"server"_s), u"fingerprint"_s});
    QVERIFY(fingerprint.waitForFinished(processTimeoutMs));
    const Run pinned = cli(u"desktop"_s, {}, {u"server-fingerprint"_s});
    HUIJI_CLI_OK(pinned);
    QCOMPARE(QJsonDocument::fromJson(pinned.out).object().value(u"fingerprint"_s).toString(),
             QString::fromLatin1(fingerprint.readAllStandardOutput().trimmed()));
}

void tst_Binaries::directLinksAndForwardingAreSettings()
{
    // Direct links are the profile's (claim 11), off until turned on.
    const auto direct = [&](const QStringList &arguments) {
        const Run run = cli(u"laptop"_s, {}, QStringList{u"direct"_s} + arguments);
        return run.code == 0 ? QJsonDocument::fromJson(run.out).object().value(u"direct"_s) : QJsonValue();
    };
    QCOMPARE(direct({}), QJsonValue(false));
    QCOMPARE(direct({u"on"_s}), QJsonValue(true));
    QCOMPARE(direct({}), QJsonValue(true));
    QCOMPARE(cli(u"laptop"_s, {}, {u"direct"_s, u"maybe"_s}).code, 2);
    // The forwarding policy is the account's (claim 12): set on the laptop, seen on the phone.
    const Run set = cli(u"laptop"_s, m_alicePassword, {u"forwarding"_s, u"interval"_s, u"10"_s});
    HUIJI_CLI_OK(set);
    QCOMPARE(QJsonDocument::fromJson(set.out).object(),
             (QJsonObject{{u"mode"_s, u"interval"_s}, {u"amount"_s, 10}}));
    const Run seen = cli(u"phone"_s, m_alicePassword, {u"forwarding"_s});
    HUIJI_CLI_OK(seen);
    QCOMPARE(QJsonDocument::fromJson(seen.out).object(),
             (QJsonObject{{u"mode"_s, u"interval"_s}, {u"amount"_s, 10}}));
    QCOMPARE(cli(u"laptop"_s, m_alicePassword, {u"forwarding"_s, u"sometimes"_s}).code, 2);
    QCOMPARE(cli(u"laptop"_s, m_alicePassword, {u"forwarding"_s, u"threshold"_s, u"lots"_s}).code, 2);
}

QTEST_GUILESS_MAIN(tst_Binaries)
#include "tst_binaries.moc"

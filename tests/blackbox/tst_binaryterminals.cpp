// Several storage terminals (claims 2-5) with the real huijid and huiji-cli: alice's desktop is
// the primary, her tablet and phone secondaries and the server keeps an archive; bob writes while
// the primary is off, and every terminal ends with the same history, record for record, through a
// promotion and a restore of a new machine from the archive. carol sees nothing of it.

#include "BlackBox.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using huiji::blackbox::Run;

namespace {

// What must be the same on every terminal: the record, who sent it, and the device it is labelled with.
const QStringList compared = {u"id"_s, u"direction"_s, u"sender"_s, u"body"_s, u"device"_s, u"deviceLabel"_s, u"time"_s};
const QStringList readable = {u"sender"_s, u"body"_s, u"deviceLabel"_s};

} // namespace

class tst_BinaryTerminals : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void terminalsEndWithTheSameHistory();
    void promotionLosesNothing();
    void newMachineIsRestoredFromTheArchive();
    void anotherAccountSeesNoneOfTheArchive();

private:
    Run alice(const QString &profile, const QStringList &arguments) { return m_box.as(u"alice"_s, profile, arguments); }
    Run bob(const QStringList &arguments) { return m_box.as(u"bob"_s, u"bob"_s, arguments); }
    QStringList historyOf(const QString &profile, const QStringList &fields = compared)
    {
        return m_box.history(profile, u"bob"_s, fields);
    }
    // `merged` counts what was delivered, duplicates the store dropped included: a secondary gets
    // a record both as one of the account's devices and as held for it, and a new primary's whole
    // store is sent again to terminals it had not synchronised. What counts is the history.
    Run sync(const QString &profile) { return alice(profile, {u"sync"_s}); }

    huiji::blackbox::BlackBox m_box;
};

void tst_BinaryTerminals::initTestCase()
{
    QVERIFY(m_box.start({u"alice"_s, u"bob"_s, u"carol"_s}));
}

void tst_BinaryTerminals::cleanupTestCase()
{
    QVERIFY(m_box.stopServer());
}

void tst_BinaryTerminals::terminalsEndWithTheSameHistory()
{
    const QString server = m_box.server();
    HUIJI_CLI_OK(alice(u"desktop"_s, {u"register"_s, u"--server"_s, server, u"--user"_s, u"alice"_s, u"--name"_s, u"Desktop"_s}));
    HUIJI_CLI_OK(bob({u"register"_s, u"--server"_s, server, u"--user"_s, u"bob"_s, u"--name"_s, u"Bob-PC"_s}));
    HUIJI_CLI_OK(alice(u"desktop"_s, {u"contacts"_s, u"add"_s, u"bob"_s}));
    HUIJI_CLI_OK(bob({u"contacts"_s, u"accept"_s, u"alice"_s}));
    for (const QString &name : {u"Tablet"_s, u"Phone"_s, u"Laptop"_s})
        HUIJI_CLI_OK(alice(name.toLower(), {u"login"_s, u"--server"_s, server, u"--user"_s, u"alice"_s, u"--name"_s, name}));

    const Run primary = alice(u"desktop"_s, {u"storage-terminal"_s, u"set"_s, u"--this"_s});
    HUIJI_CLI_OK(primary);
    QCOMPARE(primary.object().value(u"role"_s).toString(), u"primary"_s);
    for (const QString &name : {u"tablet"_s, u"phone"_s}) {
        const Run secondary = alice(name, {u"storage-terminal"_s, u"set"_s, u"--this"_s, u"--secondary"_s});
        HUIJI_CLI_OK(secondary);
        QCOMPARE(secondary.object().value(u"role"_s).toString(), u"secondary"_s);
    }
    const Run archive = alice(u"desktop"_s, {u"archive"_s, u"on"_s, u"--retention"_s, u"0"_s});
    HUIJI_CLI_OK(archive);
    QCOMPARE(archive.object().value(u"enabled"_s).toBool(), true);
    const Run shown = alice(u"laptop"_s, {u"storage-terminal"_s, u"show"_s});
    HUIJI_CLI_OK(shown);
    QCOMPARE(shown.object().value(u"terminals"_s).toArray().size(), 3);
    QCOMPARE(shown.object().value(u"archive"_s).toBool(), true);

    // The primary is off: bob writes, and so does alice on her laptop, which acks bob's messages
    // first and so labels them (docs/protocol.md, Labels).
    for (const QString &text : {u"bob one"_s, u"鲍勃的第二条"_s, u"bob three"_s})
        HUIJI_CLI_OK(bob({u"send"_s, u"alice"_s, text}));
    HUIJI_CLI_OK(alice(u"laptop"_s, {u"send"_s, u"bob"_s, u"the laptop answers"_s}));

    // The primary comes and merges what waited for it; each secondary then has exactly the same.
    const Run synced = sync(u"desktop"_s);
    HUIJI_CLI_OK(synced);
    QCOMPARE(synced.object().value(u"merged"_s).toInt(), 4);
    const QStringList merged = historyOf(u"desktop"_s);
    QCOMPARE(historyOf(u"desktop"_s, readable),
             (QStringList{u"bob|bob one|Laptop"_s, u"bob|鲍勃的第二条|Laptop"_s, u"bob|bob three|Laptop"_s,
                          u"alice|the laptop answers|Laptop"_s}));
    for (const QString &name : {u"tablet"_s, u"phone"_s}) {
        HUIJI_CLI_OK(sync(name));
        QCOMPARE(historyOf(name), merged);
    }
}

void tst_BinaryTerminals::promotionLosesNothing()
{
    const Run promoted = alice(u"tablet"_s, {u"storage-terminal"_s, u"promote"_s, u"--this"_s});
    HUIJI_CLI_OK(promoted);
    QCOMPARE(promoted.object().value(u"role"_s).toString(), u"primary"_s);
    const Run demoted = alice(u"desktop"_s, {u"storage-terminal"_s, u"set"_s, u"--this"_s, u"--secondary"_s});
    HUIJI_CLI_OK(demoted);
    QCOMPARE(demoted.object().value(u"role"_s).toString(), u"secondary"_s);

    HUIJI_CLI_OK(bob({u"send"_s, u"alice"_s, u"after the promotion"_s}));
    HUIJI_CLI_OK(sync(u"tablet"_s));
    const QStringList merged = historyOf(u"tablet"_s);
    QCOMPARE(historyOf(u"tablet"_s, readable),
             (QStringList{u"bob|bob one|Laptop"_s, u"bob|鲍勃的第二条|Laptop"_s, u"bob|bob three|Laptop"_s,
                          u"alice|the laptop answers|Laptop"_s, u"bob|after the promotion|Tablet"_s}));
    for (const QString &name : {u"desktop"_s, u"phone"_s}) {
        HUIJI_CLI_OK(sync(name));
        QCOMPARE(historyOf(name), merged);
    }
    // Nothing twice anywhere.
    const QStringList ids = historyOf(u"desktop"_s, {u"id"_s});
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 5);
}

void tst_BinaryTerminals::newMachineIsRestoredFromTheArchive()
{
    const Run shown = alice(u"tablet"_s, {u"archive"_s});
    HUIJI_CLI_OK(shown);
    QCOMPARE(shown.object().value(u"records"_s).toInt(), 5);
    HUIJI_CLI_OK(alice(u"new-desktop"_s,
                       {u"login"_s, u"--server"_s, m_box.server(), u"--user"_s, u"alice"_s, u"--name"_s, u"New desktop"_s}));
    const Run restored = alice(u"new-desktop"_s, {u"restore"_s});
    HUIJI_CLI_OK(restored);
    QCOMPARE(restored.object(), (QJsonObject{{u"received"_s, 5}, {u"new"_s, 5}}));
    QCOMPARE(historyOf(u"new-desktop"_s), historyOf(u"tablet"_s));
    // Again from the start: the same records, nothing new.
    const Run again = alice(u"new-desktop"_s, {u"restore"_s, u"--from-start"_s});
    HUIJI_CLI_OK(again);
    QCOMPARE(again.object(), (QJsonObject{{u"received"_s, 5}, {u"new"_s, 0}}));
}

void tst_BinaryTerminals::anotherAccountSeesNoneOfTheArchive()
{
    const auto carol = [&](const QStringList &arguments) { return m_box.as(u"carol"_s, u"carol"_s, arguments); };
    HUIJI_CLI_OK(carol({u"register"_s, u"--server"_s, m_box.server(), u"--user"_s, u"carol"_s}));
    const Run shown = carol({u"archive"_s});
    HUIJI_CLI_OK(shown);
    QCOMPARE(shown.object(), (QJsonObject{{u"enabled"_s, false}, {u"retentionDays"_s, 0}, {u"records"_s, 0}}));
    // She has no archive to restore from, and none of alice's to name.
    const Run refused = carol({u"restore"_s});
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains("archive"), refused.err.constData());
    // Her own, once on, is empty.
    HUIJI_CLI_OK(carol({u"archive"_s, u"on"_s}));
    const Run restored = carol({u"restore"_s});
    HUIJI_CLI_OK(restored);
    QCOMPARE(restored.object(), (QJsonObject{{u"received"_s, 0}, {u"new"_s, 0}}));
    QCOMPARE(m_box.history(u"carol"_s, u"alice"_s, {u"body"_s}), QStringList());
    QCOMPARE(m_box.history(u"carol"_s, u"bob"_s, {u"body"_s}), QStringList());
}

QTEST_GUILESS_MAIN(tst_BinaryTerminals)
#include "tst_binaryterminals.moc"

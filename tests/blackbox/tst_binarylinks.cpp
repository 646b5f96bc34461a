// Direct links (claim 11) and forwarding (claim 12) with the real huijid and huiji-cli: bob
// listens with direct links on, alice's laptop sends over a link and says so, her desktop (the
// storage terminal) gets the message by forwarding, labelled with the laptop; with bob gone the
// laptop falls back to the server, and bob gets that message once on his next sync.

#include "BlackBox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using huiji::blackbox::BlackBox;
using huiji::blackbox::Run;

class tst_BinaryLinks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sendGoesOverTheLinkAndIsForwarded();
    void sendFallsBackToTheServer();

private:
    Run alice(const QString &profile, const QStringList &arguments) { return m_box.as(u"alice"_s, profile, arguments); }
    Run bob(const QStringList &arguments) { return m_box.as(u"bob"_s, u"bob"_s, arguments); }

    BlackBox m_box;
};

void tst_BinaryLinks::initTestCase()
{
    QVERIFY(m_box.start({u"alice"_s, u"bob"_s}));
    const QString server = m_box.server();
    HUIJI_CLI_OK(alice(u"desktop"_s, {u"register"_s, u"--server"_s, server, u"--user"_s, u"alice"_s, u"--name"_s, u"Desktop"_s}));
    HUIJI_CLI_OK(alice(u"desktop"_s, {u"storage-terminal"_s, u"set"_s, u"--this"_s}));
    HUIJI_CLI_OK(bob({u"register"_s, u"--server"_s, server, u"--user"_s, u"bob"_s, u"--name"_s, u"Bob-PC"_s}));
    HUIJI_CLI_OK(alice(u"desktop"_s, {u"contacts"_s, u"add"_s, u"bob"_s}));
    HUIJI_CLI_OK(bob({u"contacts"_s, u"accept"_s, u"alice"_s}));
    HUIJI_CLI_OK(alice(u"laptop"_s, {u"login"_s, u"--server"_s, server, u"--user"_s, u"alice"_s, u"--name"_s, u"Laptop"_s}));
    HUIJI_CLI_OK(m_box.cli(u"laptop"_s, {}, {u"direct"_s, u"on"_s}));
    HUIJI_CLI_OK(m_box.cli(u"bob"_s, {}, {u"direct"_s, u"on"_s}));
    const Run policy = alice(u"laptop"_s, {u"forwarding"_s, u"at-once"_s});
    HUIJI_CLI_OK(policy);
    QCOMPARE(policy.object().value(u"mode"_s).toString(), u"at-once"_s);
}

void tst_BinaryLinks::cleanupTestCase()
{
    QVERIFY(m_box.stopServer());
}

void tst_BinaryLinks::sendGoesOverTheLinkAndIsForwarded()
{
    const auto listening = m_box.startCli(u"bob"_s, m_box.passwordOf(u"bob"_s), {u"listen"_s, u"--count"_s, u"1"_s});
    QVERIFY(BlackBox::waitForStderr(*listening, "Listening as bob"));

    const Run sent = alice(u"laptop"_s, {u"send"_s, u"bob"_s, u"over the link 直连"_s});
    HUIJI_CLI_OK(sent);
    QCOMPARE(sent.object().value(u"via"_s).toString(), u"direct"_s);
    QVERIFY(!sent.object().contains(u"serverTime"_s)); // the server never stored it
    const QString id = sent.object().value(u"id"_s).toString();

    const Run heard = BlackBox::finish(*listening);
    HUIJI_CLI_OK(heard);
    const QList<QByteArray> lines = heard.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    const QJsonObject record = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(record.value(u"id"_s).toString(), id);
    QCOMPARE(record.value(u"body"_s).toString(), u"over the link 直连"_s);
    QCOMPARE(record.value(u"sender"_s).toString(), u"alice"_s);
    QCOMPARE(record.value(u"direction"_s).toString(), u"in"_s);
    QCOMPARE(record.value(u"arrival"_s).toString(), u"direct"_s);

    // Both ends keep it as having gone directly.
    QCOMPARE(m_box.history(u"laptop"_s, u"bob"_s, {u"id"_s, u"body"_s, u"arrival"_s}),
             QStringList{id + u"|over the link 直连|direct"_s});
    QCOMPARE(m_box.history(u"bob"_s, u"alice"_s, {u"id"_s, u"body"_s, u"arrival"_s}),
             QStringList{id + u"|over the link 直连|direct"_s});

    // The laptop forwarded it at once: the storage terminal gets it once, labelled with the laptop.
    const Run synced = alice(u"desktop"_s, {u"sync"_s});
    HUIJI_CLI_OK(synced);
    QCOMPARE(synced.object().value(u"merged"_s).toInt(), 1);
    QCOMPARE(m_box.history(u"desktop"_s, u"bob"_s, {u"id"_s, u"body"_s, u"deviceLabel"_s}),
             QStringList{id + u"|over the link 直连|Laptop"_s});
}

void tst_BinaryLinks::sendFallsBackToTheServer()
{
    // bob's listener is gone: no device of his takes links, so the message goes through the server.
    const Run sent = alice(u"laptop"_s, {u"send"_s, u"bob"_s, u"through the server"_s});
    HUIJI_CLI_OK(sent);
    QCOMPARE(sent.object().value(u"via"_s).toString(), u"server"_s);
    QVERIFY(sent.object().value(u"serverTime"_s).toInteger() > 0);
    QVERIFY(!sent.object().value(u"linkError"_s).toString().isEmpty());
    const QString id = sent.object().value(u"id"_s).toString();

    const Run synced = bob({u"sync"_s});
    HUIJI_CLI_OK(synced);
    QCOMPARE(synced.object().value(u"merged"_s).toInt(), 1);
    const QStringList direct = m_box.history(u"bob"_s, u"alice"_s, {u"body"_s, u"arrival"_s});
    QCOMPARE(direct, (QStringList{u"over the link 直连|direct"_s, u"through the server|relayed"_s}));
    QCOMPARE(m_box.history(u"bob"_s, u"alice"_s, {u"id"_s}).last(), id);
    // Nothing more waits for him.
    const Run again = bob({u"sync"_s});
    HUIJI_CLI_OK(again);
    QCOMPARE(again.object().value(u"merged"_s).toInt(), 0);

    // The storage terminal has both, each once, from the laptop.
    HUIJI_CLI_OK(alice(u"desktop"_s, {u"sync"_s}));
    QCOMPARE(m_box.history(u"desktop"_s, u"bob"_s, {u"body"_s, u"deviceLabel"_s}),
             (QStringList{u"over the link 直连|Laptop"_s, u"through the server|Laptop"_s}));
}

QTEST_GUILESS_MAIN(tst_BinaryLinks)
#include "tst_binarylinks.moc"

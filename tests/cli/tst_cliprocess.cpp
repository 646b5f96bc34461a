// huiji-cli's network commands as scripts run them, the real binaries against a real huijid
// (tests/blackbox/BlackBox.h): `listen` sleeps while nothing arrives instead of keeping a core
// busy, and a message the server refuses for good changes the result of no later send.

#include "BlackBox.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QThread>

#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using huiji::blackbox::Run;

namespace {

// The CPU time (user and system) a process has used so far, in milliseconds, from
// /proc/PID/stat; -1 when it cannot be read.
qint64 cpuTimeMs(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    // The command name (field 2) is in parentheses and may hold spaces: fields are counted after it.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong(); // utime, stime
    return ticks * 1000 / sysconf(_SC_CLK_TCK);
}

} // namespace

class tst_CliProcess : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listenSleepsWhileNothingArrives();
    void refusedSendChangesNoLaterSend();

private:
    Run cli(const QString &user, const QStringList &arguments) { return m_box->as(user, user, arguments); }
    void registerUsers();
    void makeContacts();
    QJsonArray history(const QString &user, const QString &contact);

    std::unique_ptr<huiji::blackbox::BlackBox> m_box;
};

void tst_CliProcess::init()
{
    m_box = std::make_unique<huiji::blackbox::BlackBox>();
    QVERIFY(m_box->start({u"alice"_s, u"bob"_s}));
}

void tst_CliProcess::cleanup()
{
    QVERIFY(m_box->stopServer());
    m_box.reset();
}

void tst_CliProcess::registerUsers()
{
    for (const QString &user : {u"alice"_s, u"bob"_s})
        HUIJI_CLI_OK(cli(user, {u"register"_s, u"--server"_s, m_box->server(), u"--user"_s, user}));
}

void tst_CliProcess::makeContacts()
{
    HUIJI_CLI_OK(cli(u"alice"_s, {u"contacts"_s, u"add"_s, u"bob"_s}));
    HUIJI_CLI_OK(cli(u"bob"_s, {u"contacts"_s, u"accept"_s, u"alice"_s}));
}

QJsonArray tst_CliProcess::history(const QString &user, const QString &contact)
{
    const Run run = m_box->cli(user, {}, {u"history"_s, contact});
    if (run.code != 0)
        qWarning("history failed: %s", run.err.constData());
    return run.array();
}

void tst_CliProcess::listenSleepsWhileNothingArrives()
{
    registerUsers();
    makeContacts();
    auto listener = m_box->startCli(u"bob"_s, m_box->passwordOf(u"bob"_s), {u"listen"_s, u"--count"_s, u"1"_s});
    QVERIFY(listener->waitForStarted(huiji::blackbox::processTimeoutMs));
    QVERIFY(huiji::blackbox::BlackBox::waitForStderr(*listener, "Listening as bob"));

    // A few idle seconds, after a moment to settle: what the process used in them is CPU time, a
    // resource, not a speed. A loop that polls keeps a core busy the whole time (about the whole
    // interval, and still far more than a tenth of it on a loaded machine); one asleep in the
    // kernel uses next to nothing.
    QThread::msleep(500);
    const qint64 pid = listener->processId();
    const qint64 before = cpuTimeMs(pid);
    QElapsedTimer wall;
    wall.start();
    QThread::sleep(3);
    const qint64 used = cpuTimeMs(pid) - before;
    const qint64 interval = wall.elapsed();
    QVERIFY(before >= 0);
    QVERIFY2(used * 10 < interval,
             qPrintable(u"listen used %1 ms of CPU in %2 ms while nothing arrived"_s.arg(used).arg(interval)));

    // Asleep, it still wakes for what comes: alice's message is printed and listen ends.
    HUIJI_CLI_OK(cli(u"alice"_s, {u"send"_s, u"bob"_s, u"are you awake?"_s}));
    const Run listened = huiji::blackbox::BlackBox::finish(*listener);
    HUIJI_CLI_OK(listened);
    QCOMPARE(listened.out.count('\n'), 1);
    QCOMPARE(listened.object().value(u"body"_s).toString(), u"are you awake?"_s);
}

void tst_CliProcess::refusedSendChangesNoLaterSend()
{
    registerUsers();

    // Not contacts yet: the server refuses the message for good, and send says so.
    const Run refused = cli(u"alice"_s, {u"send"_s, u"bob"_s, u"before we are contacts"_s});
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains("not your contact"), refused.err.constData());
    QVERIFY(refused.out.isEmpty());
    // Kept in alice's history, marked failed with the server's reason.
    QJsonArray alices = history(u"alice"_s, u"bob"_s);
    QCOMPARE(alices.size(), 1);
    QCOMPARE(alices.at(0)[u"body"_s].toString(), u"before we are contacts"_s);
    QVERIFY2(alices.at(0)[u"failed"_s].toString().contains(u"not your contact"_s),
             qPrintable(alices.at(0)[u"failed"_s].toString()));

    // Contacts now: each later send reports its own message, which is delivered, once.
    makeContacts();
    QStringList sentIds;
    for (const QString &text : {u"now we are"_s, u"and again"_s}) {
        const Run sent = cli(u"alice"_s, {u"send"_s, u"bob"_s, text});
        HUIJI_CLI_OK(sent);
        QCOMPARE(sent.object().value(u"via"_s).toString(), u"server"_s);
        QVERIFY(sent.err.isEmpty());
        sentIds.append(sent.object().value(u"id"_s).toString());
    }
    HUIJI_CLI_OK(cli(u"bob"_s, {u"sync"_s}));
    HUIJI_CLI_OK(cli(u"bob"_s, {u"sync"_s})); // nothing comes twice
    const QJsonArray bobs = history(u"bob"_s, u"alice"_s);
    QCOMPARE(huiji::blackbox::recordLines(bobs, {u"id"_s, u"body"_s}),
             (QStringList{sentIds.at(0) + u"|now we are"_s, sentIds.at(1) + u"|and again"_s}));

    // alice's history has all three; only the refused one is marked.
    alices = history(u"alice"_s, u"bob"_s);
    QCOMPARE(huiji::blackbox::recordLines(alices, {u"body"_s}),
             (QStringList{u"before we are contacts"_s, u"now we are"_s, u"and again"_s}));
    QVERIFY(alices.at(0).toObject().contains(u"failed"_s));
    QVERIFY(!alices.at(1).toObject().contains(u"failed"_s));
    QVERIFY(!alices.at(2).toObject().contains(u"failed"_s));
}

QTEST_GUILESS_MAIN(tst_CliProcess)
#include "tst_cliprocess.moc"

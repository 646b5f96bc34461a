// Crash consistency (issue 13) with the real huijid and huiji-cli: alice's laptop, phone and tablet
// and her contact bob send all the time while huijid and alice's storage terminal (running `listen`
// or `sync` again and again) are killed with SIGKILL at random points and started again. Once a
// round has settled (huijid up, every sender's next `send` confirmed, which resends its outbox
// first, and the terminal synced to the end), the terminal's archive holds every message a sender
// wrote exactly once, with its sender's device label, in the order each sender wrote them, and
// nothing else. A message is written when `send` put it into the outbox and the sender's store
// (a `send` that could not log in writes nothing); a confirmed one (exit 0, stored by the server)
// is one of them. One server outage per round outlasts `send`'s 30-second wait, so that messages
// written and never confirmed are resent by the next command of their profile.
//
// The schedule of kills and pauses comes from a seed printed at the start. By hand:
//   HUIJI_CRASH_SEED=N     replay a run's schedule (the processes' own timing still varies)
//   HUIJI_CRASH_ROUNDS=N   rounds, each checked once it has settled (default 1)
//   HUIJI_CRASH_SECONDS=N  seconds of kills per round (default 55); a round must end within Qt
//                          Test's QTEST_FUNCTION_TIMEOUT (300 s unless set), so raise that for
//                          rounds over about 200 s.
// e.g. HUIJI_CRASH_ROUNDS=10 HUIJI_CRASH_SECONDS=120 QTEST_FUNCTION_TIMEOUT=900000 ./tst_crashconsistency

#include "BlackBox.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using huiji::blackbox::BlackBox;
using huiji::blackbox::processTimeoutMs;
using huiji::blackbox::Run;

namespace {

// Longer than `send` waits for the server (NetCommands::networkTimeoutMs), so that what was in
// flight is written and not confirmed, left to the next command's resend.
constexpr int longOutageMs = 32'000;

int setting(const char *name, int fallback)
{
    bool isNumber = false;
    const int value = qEnvironmentVariableIntValue(name, &isNumber);
    return isNumber && value > 0 ? value : fallback;
}

// What the senders write: their device's name and the message's number, in the order sent.
const QRegularExpression &numbered()
{
    static const QRegularExpression pattern(u"^(.+) #(\\d+)$"_s);
    return pattern;
}

QString numbersText(const QList<int> &numbers)
{
    QStringList texts;
    for (const int number : numbers)
        texts.append(QString::number(number));
    return texts.join(u' ');
}

bool sanitizerReported(const QByteArray &err)
{
    return err.contains("Sanitizer") || err.contains("runtime error:");
}

// One `send` of the run: its number in its sender's sequence and how it ended.
struct Attempt {
    int number = 0;
    QString body;
    int code = -1;
    QString id; // printed when the server confirmed it
};

// A device that sends: one of alice's, or bob's.
struct Sender {
    QString user;
    QString contact;
    QString profile;
    QString name; // the device name, which labels its records
    QString deviceId;
    int next = 1;
    QProcess *running = nullptr;
    QList<Attempt> attempts = {};

    QString bodyOf(int number) const { return u"%1 #%2"_s.arg(name).arg(number); }
};

// A kill of huijid or of the terminal, due at a random time: done then or, half the time, aimed at
// the process's next sign of work (a login on huijid, a merged record on the terminal) and done a
// random moment after it, or 5 s later without one.
struct Kill {
    QTimer due;
    QTimer aimed; // from the due time to the work seen, then to the kill
    bool waiting = false;

    void disarm()
    {
        due.stop();
        aimed.stop();
        waiting = false;
    }
};

} // namespace

class tst_CrashConsistency : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void archiveSurvivesKills_data();
    void archiveSurvivesKills();

private:
    Run alice(const QString &profile, const QStringList &arguments) { return m_box.as(u"alice"_s, profile, arguments); }
    int randomMs(int from, int to) { return static_cast<int>(m_random.bounded(from, to + 1)); }
    void problem(const QString &text) { m_problems.append(text); }

    // The round's chaos: senders, terminal and the two killers run from the event loop.
    void sendNext(Sender &sender);
    void startTerminal();
    void terminalEnded();
    void scheduleServerKill();
    void killServer();
    void restartServer();
    void scheduleTerminalKill();
    void killTerminal();
    void killNowOrAimed(Kill &kill, bool canAim, void (tst_CrashConsistency::*now)());
    void sawWork(Kill &kill, int killWithinMs);
    // Ends the chaos and brings everything up again; false (with problems) when it did not settle.
    bool settle();
    // The whole archive against what the senders wrote and what the server confirmed.
    void checkArchive();
    void report() const;

    BlackBox m_box;
    quint32 m_seed = 0;
    QRandomGenerator m_random;
    int m_seconds = 0;
    QList<std::shared_ptr<Sender>> m_senders;
    QString m_terminalId;
    QHash<QString, QString> m_aliceDevices; // id -> name
    QStringList m_problems;

    bool m_chaos = false;
    QProcess *m_terminal = nullptr;
    bool m_terminalListens = false;
    bool m_terminalKilled = false;
    Kill m_serverKill;
    QTimer m_serverStart;
    QByteArray m_serverLog; // since huijid last started, for what sanitizers report
    Kill m_terminalKill;
    QTimer m_terminalStart;
    int m_serverKillsThisRound = 0;
    int m_longOutageAt = 0; // which kill of the round keeps huijid down for longOutageMs

    int m_serverKills = 0;
    int m_longOutages = 0;
    int m_terminalKills = 0;
    int m_terminalRuns = 0;
    int m_resent = 0; // written, not confirmed, brought by a later command of their profile
};

void tst_CrashConsistency::initTestCase()
{
    bool seeded = false;
    m_seed = static_cast<quint32>(qEnvironmentVariableIntValue("HUIJI_CRASH_SEED", &seeded));
    if (!seeded)
        m_seed = QRandomGenerator::system()->generate();
    m_random.seed(m_seed);
    m_seconds = setting("HUIJI_CRASH_SECONDS", 55);
    qInfo("seed %u (replay with HUIJI_CRASH_SEED=%u), %d rounds of %d s", m_seed, m_seed,
          setting("HUIJI_CRASH_ROUNDS", 1), m_seconds);

    for (QTimer *timer : {&m_serverKill.due, &m_serverKill.aimed, &m_serverStart, &m_terminalKill.due,
                          &m_terminalKill.aimed, &m_terminalStart})
        timer->setSingleShot(true);
    connect(&m_serverKill.due, &QTimer::timeout, this,
            [this] { killNowOrAimed(m_serverKill, true, &tst_CrashConsistency::killServer); });
    connect(&m_serverKill.aimed, &QTimer::timeout, this, &tst_CrashConsistency::killServer);
    connect(&m_serverStart, &QTimer::timeout, this, &tst_CrashConsistency::restartServer);
    connect(&m_terminalStart, &QTimer::timeout, this, &tst_CrashConsistency::startTerminal);
    connect(&m_terminalKill.due, &QTimer::timeout, this,
            [this] { killNowOrAimed(m_terminalKill, m_terminalListens, &tst_CrashConsistency::killTerminal); });
    connect(&m_terminalKill.aimed, &QTimer::timeout, this, &tst_CrashConsistency::killTerminal);
    // huijid logs each login: a device is about to send, or a terminal to receive.
    connect(&m_box.serverProcess(), &QProcess::readyReadStandardError, this, [this] {
        const QByteArray printed = m_box.serverProcess().readAllStandardError();
        m_serverLog += printed;
        if (printed.contains("logged in"))
            sawWork(m_serverKill, 150);
    });

    QVERIFY(m_box.start({u"alice"_s, u"bob"_s}));
    const QString server = m_box.server();
    const Run terminal =
        alice(u"terminal"_s, {u"register"_s, u"--server"_s, server, u"--user"_s, u"alice"_s, u"--name"_s, u"Desktop"_s});
    HUIJI_CLI_OK(terminal);
    m_terminalId = terminal.object().value(u"device"_s).toString();
    m_aliceDevices.insert(m_terminalId, u"Desktop"_s);
    const Run bob = m_box.as(u"bob"_s, u"bob"_s,
                             {u"register"_s, u"--server"_s, server, u"--user"_s, u"bob"_s, u"--name"_s, u"Bob-PC"_s});
    HUIJI_CLI_OK(bob);
    HUIJI_CLI_OK(alice(u"terminal"_s, {u"contacts"_s, u"add"_s, u"bob"_s}));
    HUIJI_CLI_OK(m_box.as(u"bob"_s, u"bob"_s, {u"contacts"_s, u"accept"_s, u"alice"_s}));
    HUIJI_CLI_OK(alice(u"terminal"_s, {u"storage-terminal"_s, u"set"_s, u"--this"_s}));
    for (const QString &name : {u"Laptop"_s, u"Phone"_s, u"Tablet"_s}) {
        const Run login =
            alice(name.toLower(), {u"login"_s, u"--server"_s, server, u"--user"_s, u"alice"_s, u"--name"_s, name});
        HUIJI_CLI_OK(login);
        auto sender = std::make_shared<Sender>(Sender{.user = u"alice"_s,
                                                      .contact = u"bob"_s,
                                                      .profile = name.toLower(),
                                                      .name = name,
                                                      .deviceId = login.object().value(u"device"_s).toString()});
        m_aliceDevices.insert(sender->deviceId, name);
        m_senders.append(sender);
    }
    m_senders.append(std::make_shared<Sender>(Sender{.user = u"bob"_s,
                                                     .contact = u"alice"_s,
                                                     .profile = u"bob"_s,
                                                     .name = u"Bob-PC"_s,
                                                     .deviceId = bob.object().value(u"device"_s).toString()}));
    for (const auto &sender : std::as_const(m_senders))
        QVERIFY(!sender->deviceId.isEmpty());
}

void tst_CrashConsistency::cleanupTestCase()
{
    report();
    QVERIFY(m_box.stopServer());
}

void tst_CrashConsistency::archiveSurvivesKills_data()
{
    QTest::addColumn<int>("round");
    for (int round = 1; round <= setting("HUIJI_CRASH_ROUNDS", 1); ++round)
        QTest::addRow("round %d", round) << round;
}

void tst_CrashConsistency::archiveSurvivesKills()
{
    QFETCH(int, round);
    const int serverKillsBefore = m_serverKills;
    const int terminalKillsBefore = m_terminalKills;
    m_chaos = true;
    m_serverKillsThisRound = 0;
    m_longOutageAt = randomMs(1, 3);
    for (const auto &sender : std::as_const(m_senders))
        sendNext(*sender);
    startTerminal();
    scheduleServerKill();
    scheduleTerminalKill();
    QTest::qWait(m_seconds * 1000);

    const bool settled = settle();
    if (settled)
        checkArchive();
    report();
    QVERIFY2(m_problems.isEmpty(),
             qPrintable(u"round %1, seed %2 (HUIJI_CRASH_SEED=%2 replays the schedule):\n"_s.arg(round).arg(m_seed)
                        + m_problems.join(u'\n')));
    // Something was tested: both were killed, and messages went through.
    QVERIFY(m_serverKills > serverKillsBefore);
    QVERIFY(m_terminalKills > terminalKillsBefore);
}

void tst_CrashConsistency::sendNext(Sender &sender)
{
    const int number = sender.next++;
    QProcess *process = m_box.startCli(sender.profile, m_box.passwordOf(sender.user),
                                       {u"send"_s, sender.contact, sender.bodyOf(number)})
                            .release();
    sender.running = process;
    connect(process, &QProcess::finished, this, [this, &sender, process, number] {
        const Run run = BlackBox::finish(*process);
        process->deleteLater();
        sender.running = nullptr;
        Attempt attempt{number, sender.bodyOf(number), run.code, {}};
        if (run.code == 0) {
            const QJsonObject printed = run.object();
            if (printed.value(u"via"_s).toString() != u"server"_s || !printed.contains(u"serverTime"_s))
                problem(u"%1: send exited 0 without the server's confirmation: %2"_s.arg(attempt.body,
                                                                                          QString::fromUtf8(run.out)));
            attempt.id = printed.value(u"id"_s).toString();
        }
        if (sanitizerReported(run.err))
            problem(u"huiji-cli send %1:\n%2"_s.arg(attempt.body, QString::fromUtf8(run.err)));
        else if (run.code != 0 && run.code != 4) // not huijid's absence: worth reading in a long run's log
            qInfo("%s exited %d: %s", qPrintable(attempt.body), run.code, run.err.trimmed().constData());
        sender.attempts.append(attempt);
        // A failed send (huijid down) is tried again a little later, as a script would.
        if (m_chaos)
            QTimer::singleShot(run.code == 0 ? randomMs(0, 200) : randomMs(500, 2000), this, [this, &sender] {
                if (m_chaos && !sender.running)
                    sendNext(sender);
            });
    });
}

void tst_CrashConsistency::startTerminal()
{
    // Now listening until killed, now syncing again and again: both merge and ack what is held.
    m_terminalListens = m_random.bounded(2) == 0;
    m_terminalKilled = false;
    ++m_terminalRuns;
    m_terminal = m_box.startCli(u"terminal"_s, m_box.passwordOf(u"alice"_s),
                                {m_terminalListens ? u"listen"_s : u"sync"_s})
                     .release();
    connect(m_terminal, &QProcess::finished, this, &tst_CrashConsistency::terminalEnded);
    // listen prints each record once it is merged, as its ack goes out.
    connect(m_terminal, &QProcess::readyReadStandardOutput, this, [this] { sawWork(m_terminalKill, 30); });
}

void tst_CrashConsistency::terminalEnded()
{
    const Run run = BlackBox::finish(*m_terminal);
    m_terminal->deleteLater();
    m_terminal = nullptr;
    if (sanitizerReported(run.err))
        problem(u"huiji-cli on the terminal:\n"_s + QString::fromUtf8(run.err));
    if (m_chaos)
        m_terminalStart.start(m_terminalKilled ? randomMs(0, 1000) : randomMs(100, 500));
}

void tst_CrashConsistency::killNowOrAimed(Kill &kill, bool canAim, void (tst_CrashConsistency::*now)())
{
    if (canAim && m_random.bounded(2) == 0) {
        kill.waiting = true;
        kill.aimed.start(5000);
    } else {
        (this->*now)();
    }
}

void tst_CrashConsistency::sawWork(Kill &kill, int killWithinMs)
{
    if (!kill.waiting)
        return;
    kill.waiting = false;
    kill.aimed.start(randomMs(0, killWithinMs));
}

void tst_CrashConsistency::scheduleTerminalKill()
{
    if (m_chaos)
        m_terminalKill.due.start(randomMs(300, 5000));
}

void tst_CrashConsistency::killTerminal()
{
    m_terminalKill.disarm();
    if (m_terminal) {
        m_terminalKilled = true;
        m_terminal->kill();
        ++m_terminalKills;
    }
    scheduleTerminalKill();
}

void tst_CrashConsistency::scheduleServerKill()
{
    if (m_chaos)
        m_serverKill.due.start(randomMs(1000, 6000));
}

void tst_CrashConsistency::killServer()
{
    m_serverKill.disarm();
    if (!m_box.killServer()) {
        problem(u"huijid was not running when it was to be killed"_s);
        return;
    }
    ++m_serverKills;
    m_serverLog += m_box.serverProcess().readAllStandardError();
    if (sanitizerReported(m_serverLog))
        problem(u"huijid:\n"_s + QString::fromUtf8(m_serverLog));
    m_serverLog.clear();
    const bool longOutage = ++m_serverKillsThisRound == m_longOutageAt;
    m_longOutages += longOutage ? 1 : 0;
    m_serverStart.start(longOutage ? longOutageMs : randomMs(0, 1000));
}

void tst_CrashConsistency::restartServer()
{
    if (!m_box.restartServer())
        problem(u"huijid did not start again on its port"_s);
    scheduleServerKill();
}

bool tst_CrashConsistency::settle()
{
    m_chaos = false;
    m_serverKill.disarm();
    m_terminalStart.stop();
    if (m_serverStart.isActive()) {
        m_serverStart.stop();
        if (!m_box.restartServer()) {
            problem(u"huijid did not start again on its port"_s);
            return false;
        }
    }
    killTerminal(); // if it runs
    const auto idle = [this] {
        return !m_terminal && std::ranges::none_of(m_senders, [](const auto &sender) { return sender->running; });
    };
    // A send in flight reconnects and is confirmed, or gives up after its 30 seconds.
    if (!QTest::qWaitFor(idle, 2 * processTimeoutMs)) {
        problem(u"the senders did not finish"_s);
        return false;
    }
    // Each sender's next command resends its outbox before its own message, on one connection:
    // once that message is confirmed, the server has every message the sender wrote.
    for (const auto &sender : std::as_const(m_senders)) {
        const int number = sender->next++;
        const Run run =
            m_box.as(sender->user, sender->profile, {u"send"_s, sender->contact, sender->bodyOf(number)});
        sender->attempts.append({number, sender->bodyOf(number), run.code, run.object().value(u"id"_s).toString()});
        if (run.code != 0) {
            problem(u"%1 could not send after the round: %2"_s.arg(sender->name, QString::fromUtf8(run.err)));
            return false;
        }
    }
    const Run synced = alice(u"terminal"_s, {u"sync"_s});
    if (synced.code != 0) {
        problem(u"the terminal could not sync after the round: "_s + QString::fromUtf8(synced.err));
        return false;
    }
    return true;
}

void tst_CrashConsistency::checkArchive()
{
    const Run archived = alice(u"terminal"_s, {u"history"_s, u"bob"_s, u"--limit"_s, u"10000000"_s});
    if (archived.code != 0)
        return problem(u"the terminal's history cannot be read: "_s + QString::fromUtf8(archived.err));

    QHash<QString, int> copiesOfId;
    QHash<QString, int> copiesOfBody;
    QHash<QString, QString> archivedIds;     // body -> id
    QHash<QString, QList<int>> archivedOrder; // sender's device name -> numbers, in archive order
    for (const QJsonValue &value : archived.array()) {
        const QJsonObject record = value.toObject();
        const QString id = record.value(u"id"_s).toString();
        const QString body = record.value(u"body"_s).toString();
        ++copiesOfId[id];
        ++copiesOfBody[body];
        archivedIds.insert(body, id);
        const auto match = numbered().match(body);
        const auto sender = std::ranges::find_if(m_senders, [&](const auto &candidate) {
            return match.hasMatch() && candidate->name == match.captured(1);
        });
        if (sender == m_senders.end()) {
            problem(u"in the archive and never sent: %1 (%2)"_s.arg(body, id));
            continue;
        }
        archivedOrder[(*sender)->name].append(match.captured(2).toInt());
        const bool mine = (*sender)->user == u"alice"_s;
        // alice's messages are labelled with the device that sent them; bob's with the device of
        // hers that had them first, whichever it was (docs/protocol.md, Delivery).
        const QString device = record.value(u"device"_s).toString();
        const QString label = record.value(u"deviceLabel"_s).toString();
        const bool labelled = mine ? device == (*sender)->deviceId && label == (*sender)->name
                                   : !label.isEmpty() && m_aliceDevices.value(device) == label;
        if (record.value(u"sender"_s).toString() != (*sender)->user
            || record.value(u"direction"_s).toString() != (mine ? u"out"_s : u"in"_s) || !labelled)
            problem(u"%1 (%2) has sender %3, direction %4, device %5 labelled %6"_s.arg(
                body, id, record.value(u"sender"_s).toString(), record.value(u"direction"_s).toString(), device, label));
    }
    for (auto copies = copiesOfId.cbegin(); copies != copiesOfId.cend(); ++copies)
        if (copies.value() > 1)
            problem(u"id %1 is in the archive %2 times"_s.arg(copies.key()).arg(copies.value()));

    m_resent = 0;
    for (const auto &sender : std::as_const(m_senders)) {
        // What `send` wrote is in the sender's own store, in the order it wrote it.
        const Run own = m_box.as(sender->user, sender->profile,
                                 {u"history"_s, sender->contact, u"--limit"_s, u"10000000"_s});
        if (own.code != 0)
            return problem(u"%1's history cannot be read: %2"_s.arg(sender->name, QString::fromUtf8(own.err)));
        QHash<QString, QString> written; // body -> id
        QList<int> writtenOrder;
        for (const QJsonValue &value : own.array()) {
            const QJsonObject record = value.toObject();
            if (record.value(u"device"_s).toString() != sender->deviceId
                || record.value(u"direction"_s).toString() != u"out"_s)
                continue;
            const QString body = record.value(u"body"_s).toString();
            written.insert(body, record.value(u"id"_s).toString());
            writtenOrder.append(numbered().match(body).captured(2).toInt());
        }
        for (const Attempt &attempt : std::as_const(sender->attempts)) {
            const bool wasWritten = written.contains(attempt.body);
            const QString id = written.value(attempt.body);
            if (attempt.code == 0 && id != attempt.id)
                problem(u"%1 was confirmed as %2 and written as %3"_s.arg(attempt.body, attempt.id, id));
            m_resent += wasWritten && attempt.code != 0 ? 1 : 0;
            const QString what = attempt.code == 0 ? u"confirmed"_s
                                 : wasWritten
                                     ? u"written, not confirmed (exit %1), resent from the outbox"_s.arg(attempt.code)
                                     : u"never written (exit %1)"_s.arg(attempt.code);
            const int copies = copiesOfBody.value(attempt.body);
            if (copies != (wasWritten ? 1 : 0) || (wasWritten && archivedIds.value(attempt.body) != id))
                problem(u"%1 (%2, id %3) is in the archive %4 times, as %5"_s.arg(attempt.body, what, id)
                            .arg(copies)
                            .arg(archivedIds.value(attempt.body)));
        }
        // Each sender's messages in the order it wrote them, which is its device's time order;
        // nothing of its that it did not write.
        const QList<int> order = archivedOrder.value(sender->name);
        if (order != writtenOrder || !std::ranges::is_sorted(writtenOrder))
            problem(u"%1's messages are in the archive in the order %2\n  and were written in the order %3"_s.arg(
                sender->name, numbersText(order), numbersText(writtenOrder)));
    }
}

void tst_CrashConsistency::report() const
{
    QMap<int, int> exits;
    for (const auto &sender : m_senders)
        for (const Attempt &attempt : sender->attempts)
            ++exits[attempt.code];
    QStringList codes;
    for (auto exit = exits.cbegin(); exit != exits.cend(); ++exit)
        codes.append(u"%1 exited %2"_s.arg(exit.value()).arg(exit.key()));
    qInfo("seed %u: sends: %s; %d more written and resent from the outbox; huijid killed %d times (%d long "
          "outages), the terminal killed %d times in %d runs",
          m_seed, qPrintable(codes.join(u", "_s)), m_resent, m_serverKills, m_longOutages, m_terminalKills,
          m_terminalRuns);
}

QTEST_GUILESS_MAIN(tst_CrashConsistency)
#include "tst_crashconsistency.moc"

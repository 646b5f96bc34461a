#pragma once

// The shipped binaries as a user runs them, for the black-box tests: one huijid on a free port
// with its data in a temporary folder, and huiji-cli runs against it, one profile folder per
// device, always with --json and the --fingerprint huijid printed.

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace huiji::blackbox {

constexpr int processTimeoutMs = 60'000;

// One finished huiji-cli run; code -1 when it did not finish in time or crashed.
struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject object() const; // what --json printed, as one object
    QJsonArray array() const;   // ... as one array (history)
};

// Records (as `history --json` prints them) as lines of the fields asked for, joined by |: what
// the tests compare record for record.
QStringList recordLines(const QJsonArray &records, const QStringList &fields);

class BlackBox
{
public:
    // SIGTERM, as an operator stops it: true when it committed and exited with 0.
    bool stopServer();
    // SIGKILL, as a crash or the kernel's OOM killer stops it: false when it was not running.
    bool killServer();
    // huijid again on the data and the port it had, as after a crash: the profiles' server stays
    // the same. False when it did not start.
    bool restartServer();
    bool serverIsRunning() const { return m_server.state() != QProcess::NotRunning; }
    // huijid's process, the same across restarts: for tests that read what it logs.
    QProcess &serverProcess() { return m_server; }
    QString server() const; // 127.0.0.1:PORT, for register and login
    QString path(const QString &name) const;
    // A password file of the user's, made up now (never an argument on a command line).
    QString writePassword(const QString &user);
    // Password files for the users, then the server: what every test case starts with.
    bool start(const QStringList &users);
    QString passwordOf(const QString &user) const { return m_passwords.value(user); }
    // huiji-cli on profile `profile` with the password of `user` (written by start).
    Run as(const QString &user, const QString &profile, const QStringList &arguments)
    {
        return cli(profile, passwordOf(user), arguments);
    }

    // huiji-cli on profile `profile`, waited for.
    Run cli(const QString &profile, const QString &passwordFile, const QStringList &arguments);
    // The whole conversation with `contact` in the profile's store, oldest first; a line saying
    // why when it cannot be read.
    QStringList history(const QString &profile, const QString &contact, const QStringList &fields);
    // huiji-cli on profile `profile`, started and not waited for (listen).
    std::unique_ptr<QProcess> startCli(const QString &profile, const QString &passwordFile, const QStringList &arguments);
    // Until a started one has printed `text` on stderr (where listen says it is listening).
    static bool waitForStderr(QProcess &process, const QByteArray &text);
    // Waits for a started one (if it still runs) and collects what it printed.
    static Run finish(QProcess &process);

private:
    // Starts huijid on `port` (0: any free one) and reads the port it got; false when it did not start.
    bool startServer(quint16 port);
    QStringList cliArguments(const QString &profile, const QString &passwordFile, const QStringList &arguments) const;

    QTemporaryDir m_directory;
    QHash<QString, QString> m_passwords;
    QProcess m_server;
    quint16 m_port = 0;
    QString m_fingerprint; // of the server's certificate, as huijid printed it
};

} // namespace huiji::blackbox

#define HUIJI_CLI_OK(run)                                                                          \
    do {                                                                                           \
        const huiji::blackbox::Run &ran = (run);                                                   \
        QVERIFY2(ran.code == 0, ran.err.constData());                                              \
    } while (false)

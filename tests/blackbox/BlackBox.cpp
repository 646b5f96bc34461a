#include "BlackBox.h"

#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>

namespace huiji::blackbox {

using namespace Qt::Literals::StringLiterals;

QJsonObject Run::object() const
{
    return QJsonDocument::fromJson(out).object();
}

QJsonArray Run::array() const
{
    return QJsonDocument::fromJson(out).array();
}

QStringList recordLines(const QJsonArray &records, const QStringList &fields)
{
    QStringList lines;
    for (const QJsonValue &record : records) {
        QStringList values;
        for (const QString &field : fields)
            values.append(record.toObject().value(field).toString());
        lines.append(values.join(u'|'));
    }
    return lines;
}

bool BlackBox::startServer(quint16 port)
{
    if (!m_directory.isValid())
        return false;
    m_server.setProgram(QStringLiteral(HUIJID_PATH));
    m_server.setArguments(
        {u"--data"_s, path(u"server"_s), u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(port)});
    m_server.start();
    if (!m_server.waitForStarted(processTimeoutMs))
        return false;
    // huijid prints the port it got (port 0 means any free one) and its certificate's fingerprint,
    // which every huiji-cli run is given, as a user who checked it would.
    static const QRegularExpression listening(u"listening on \\S+ port (\\d+)"_s);
    static const QRegularExpression fingerprint(u"fingerprint \\(SHA-256\\)[^:]*: ([0-9A-F:]{95})"_s);
    QByteArray printed;
    // What this start printed: a restart must not take the last start's words for its own.
    quint16 got = 0;
    QString presented;
    while ((got == 0 || presented.isEmpty()) && m_server.waitForReadyRead(processTimeoutMs)) {
        printed += m_server.readAllStandardOutput();
        if (const auto match = listening.match(QString::fromUtf8(printed)); match.hasMatch())
            got = static_cast<quint16>(match.captured(1).toUInt());
        if (const auto match = fingerprint.match(QString::fromUtf8(printed)); match.hasMatch())
            presented = match.captured(1);
    }
    if (got == 0 || presented.isEmpty())
        return false;
    m_port = got;
    m_fingerprint = presented;
    return true;
}

bool BlackBox::killServer()
{
    if (!serverIsRunning())
        return false;
    m_server.kill();
    return m_server.waitForFinished(processTimeoutMs);
}

bool BlackBox::restartServer()
{
    // The port was huijid's a moment ago; an outgoing connection of a client may hold its number
    // for a short while, so a refused start is tried again.
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (startServer(m_port))
            return true;
        m_server.kill();
        m_server.waitForFinished(processTimeoutMs);
        QThread::msleep(100);
    }
    return false;
}

bool BlackBox::stopServer()
{
    m_server.terminate(); // SIGTERM: huijid commits and stops cleanly
    return m_server.waitForFinished(processTimeoutMs) && m_server.exitStatus() == QProcess::NormalExit
           && m_server.exitCode() == 0;
}

QString BlackBox::server() const
{
    return u"127.0.0.1:%1"_s.arg(m_port);
}

QString BlackBox::path(const QString &name) const
{
    return m_directory.filePath(name);
}

QString BlackBox::writePassword(const QString &user)
{
    const QString file = path(user + u".password"_s);
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    out.write(user.toUtf8() + '-' + QByteArray::number(QRandomGenerator::global()->generate64(), 36) + '\n');
    m_passwords.insert(user, file);
    return file;
}

bool BlackBox::start(const QStringList &users)
{
    for (const QString &user : users)
        if (writePassword(user).isEmpty())
            return false;
    return startServer(0);
}

QStringList BlackBox::cliArguments(const QString &profile, const QString &passwordFile, const QStringList &arguments) const
{
    QStringList all = {u"--profile"_s, path(profile), u"--json"_s, u"--fingerprint"_s, m_fingerprint};
    if (!passwordFile.isEmpty())
        all << u"--password-file"_s << passwordFile;
    return all + arguments;
}

Run BlackBox::cli(const QString &profile, const QString &passwordFile, const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(HUIJI_CLI_PATH), cliArguments(profile, passwordFile, arguments));
    return finish(process);
}

QStringList BlackBox::history(const QString &profile, const QString &contact, const QStringList &fields)
{
    const Run run = cli(profile, {}, {u"history"_s, contact, u"--limit"_s, u"100000"_s});
    if (run.code != 0)
        return {u"history failed: "_s + QString::fromUtf8(run.err)};
    return recordLines(run.array(), fields);
}

std::unique_ptr<QProcess> BlackBox::startCli(const QString &profile, const QString &passwordFile,
                                             const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->start(QStringLiteral(HUIJI_CLI_PATH), cliArguments(profile, passwordFile, arguments));
    return process;
}

bool BlackBox::waitForStderr(QProcess &process, const QByteArray &text)
{
    process.setReadChannel(QProcess::StandardError);
    QByteArray printed;
    while (!printed.contains(text) && process.waitForReadyRead(processTimeoutMs))
        printed += process.readAllStandardError();
    process.setReadChannel(QProcess::StandardOutput);
    return printed.contains(text);
}

Run BlackBox::finish(QProcess &process)
{
    Run run;
    // One whose finished signal came already is only read.
    const bool finished = process.state() == QProcess::NotRunning ? process.error() != QProcess::FailedToStart
                                                                  : process.waitForFinished(processTimeoutMs);
    if (!finished)
        return run;
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace huiji::blackbox

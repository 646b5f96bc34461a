#include "ServerProcess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

constexpr int startTimeoutMs = 30'000;
constexpr int stopTimeoutMs = 60'000;

QString fingerprintOf(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace

ServerProcess::ServerProcess(Options options) : m_options(std::move(options)) {}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        stop();
}

Result<void> ServerProcess::start()
{
    // Every simulated device connects from the loopback address: lift the per-address cap.
    if (!QDir().mkpath(m_options.dataDirectory))
        return fail(ErrorCode::ReadOnly, u"cannot make %1"_s.arg(m_options.dataDirectory));
    QFile config(QDir(m_options.dataDirectory).filePath(u"huijid.conf"_s));
    if (!config.open(QIODevice::WriteOnly) || config.write("[server]\nconnections-per-address=0\n") < 0)
        return fail(ErrorCode::ReadOnly, u"cannot write %1: %2"_s.arg(config.fileName(), config.errorString()));
    config.close();
    QStringList arguments = {u"--data"_s, m_options.dataDirectory, u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s};
    if (m_options.workers)
        arguments << u"--workers"_s << QString::number(*m_options.workers);
    if (m_options.pinCpu) {
        // taskset execs huijid in its own process, so the pid stays huijid's.
        m_process.setProgram(u"taskset"_s);
        m_process.setArguments(QStringList{u"-c"_s, QString::number(*m_options.pinCpu), m_options.program} + arguments);
    } else {
        m_process.setProgram(m_options.program);
        m_process.setArguments(arguments);
    }
    m_process.setStandardErrorFile(m_options.logPath);
    // huijid goes with the generator, even when the generator is killed or crashes.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process.start();
    if (!m_process.waitForStarted(startTimeoutMs))
        return fail(ErrorCode::NetworkFailure,
                    u"cannot start %1: %2"_s.arg(m_process.program(), m_process.errorString()));

    // huijid prints the port it got and the certificate's fingerprint (app/server/main.cpp).
    static const QRegularExpression listening(u"listening on \\S+ port (\\d+)"_s);
    static const QRegularExpression fingerprint(u"((?:[0-9A-F]{2}:){31}[0-9A-F]{2})"_s);
    QString printed;
    while (m_fingerprint.isEmpty() && m_process.waitForReadyRead(startTimeoutMs)) {
        printed += QString::fromUtf8(m_process.readAllStandardOutput());
        const auto port = listening.match(printed);
        const auto digest = fingerprint.match(printed);
        if (port.hasMatch() && digest.hasMatch()) {
            m_port = static_cast<quint16>(port.captured(1).toUInt());
            m_fingerprint = digest.captured(1);
        }
    }
    if (m_fingerprint.isEmpty())
        return fail(ErrorCode::NetworkFailure,
                    u"huijid did not say where it listens: %1 %2"_s.arg(printed, logTail(5)));

    const QDir data(m_options.dataDirectory);
    const auto certificates = QSslCertificate::fromPath(data.filePath(u"server.crt"_s));
    QFile key(data.filePath(u"server.key"_s));
    if (certificates.size() != 1 || fingerprintOf(certificates.first()) != m_fingerprint
        || !key.open(QIODevice::ReadOnly))
        return fail(ErrorCode::InvalidArgument,
                    u"the certificate in %1 is not the one huijid printed"_s.arg(data.path()));
    m_certificate = certificates.first();
    m_key = QSslKey(&key, QSsl::Ec);
    if (m_key.isNull())
        return fail(ErrorCode::InvalidArgument, u"cannot read huijid's key in %1"_s.arg(data.path()));
    return {};
}

bool ServerProcess::isRunning()
{
    m_process.waitForFinished(0); // lets QProcess notice an exit without an event loop
    return m_process.state() == QProcess::Running;
}

QString ServerProcess::stop()
{
    if (m_process.state() == QProcess::Running) {
        m_process.terminate();
        if (!m_process.waitForFinished(stopTimeoutMs)) {
            m_process.kill();
            m_process.waitForFinished(stopTimeoutMs);
            return u"did not stop within %1 s of SIGTERM; killed"_s.arg(stopTimeoutMs / 1000);
        }
    }
    if (m_process.exitStatus() == QProcess::CrashExit)
        return u"crashed (%1)"_s.arg(m_process.errorString());
    return u"exit code %1"_s.arg(m_process.exitCode());
}

QString ServerProcess::logTail(int lines) const
{
    QFile log(m_options.logPath);
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> all = log.readAll().trimmed().split('\n');
    return QString::fromUtf8(all.mid(std::max<qsizetype>(0, all.size() - lines)).join('\n'));
}

} // namespace huiji::bench

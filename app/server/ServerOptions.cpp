#include "ServerOptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>

#include <limits>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

ServerOptions::ServerOptions(QCommandLineParser &parser)
    : m_parser(parser),
      m_data(u"data"_s, tr("The data folder (database, certificate)."), u"DIR"_s,
             QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(u"huijid"_s)),
      m_config(u"config"_s, tr("A config file (INI); default <data>/huijid.conf."), u"FILE"_s),
      m_listen(u"listen"_s, tr("The address to listen on."), u"ADDRESS"_s),
      m_port(u"port"_s, tr("The TCP port (0: any free one)."), u"PORT"_s),
      m_certificate(u"certificate"_s, tr("The TLS certificate (PEM)."), u"FILE"_s),
      m_key(u"key"_s, tr("The TLS private key (PEM)."), u"FILE"_s),
      m_workers(u"workers"_s, tr("Network threads."), u"N"_s),
      m_registration(u"registration"_s, tr("open or closed: new accounts over the wire."), u"POLICY"_s),
      m_retention(u"retention-days"_s, tr("How long messages wait for offline devices."), u"DAYS"_s),
      m_credentialExpiry(u"credential-expiry-days"_s, tr("A device's credential unused this long expires."), u"DAYS"_s),
      m_passwordFile(u"password-file"_s, tr("add-user, passwd: read the password from FILE."), u"FILE"_s),
      m_messageBytes(u"max-message-bytes"_s, tr("The longest message body, in bytes of UTF-8."), u"BYTES"_s),
      m_frameBytes(u"max-frame-bytes"_s, tr("The longest frame; at least max-message-bytes + 4096."), u"BYTES"_s)
{
    parser.addOptions({m_data, m_config, m_listen, m_port, m_certificate, m_key, m_workers, m_registration, m_retention,
                       m_credentialExpiry, m_passwordFile, m_messageBytes, m_frameBytes});
}

QString ServerOptions::dataDirectory() const
{
    return m_parser.value(m_data);
}

QString ServerOptions::passwordFile() const
{
    return m_parser.value(m_passwordFile);
}

Result<ServerConfig> ServerOptions::read() const
{
    const QSettings file(m_parser.isSet(m_config) ? m_parser.value(m_config)
                                                  : QDir(dataDirectory()).filePath(u"huijid.conf"_s),
                         QSettings::IniFormat);
    const auto setting = [&](const QCommandLineOption &option, const QString &name, const QVariant &fallback) {
        return m_parser.isSet(option) ? QVariant(m_parser.value(option)) : file.value(u"server/"_s + name, fallback);
    };
    ServerConfig config;
    config.dataDirectory = dataDirectory();
    config.address = QHostAddress(setting(m_listen, u"listen"_s, u"0.0.0.0"_s).toString());
    config.port = static_cast<quint16>(setting(m_port, u"port"_s, config.port).toUInt());
    config.certificatePath = setting(m_certificate, u"certificate"_s, QString()).toString();
    config.keyPath = setting(m_key, u"key"_s, QString()).toString();
    config.workerThreads = setting(m_workers, u"workers"_s, config.workerThreads).toInt();
    config.registrationOpen = setting(m_registration, u"registration"_s, u"open"_s).toString() == u"open"_s;
    config.retentionDays = setting(m_retention, u"retention-days"_s, config.retentionDays).toInt();
    config.maxMessageBytes = setting(m_messageBytes, u"max-message-bytes"_s, config.maxMessageBytes).toLongLong();
    config.maxFrameSize = setting(m_frameBytes, u"max-frame-bytes"_s, config.maxFrameSize).toLongLong();
    config.credentialExpiryDays =
        setting(m_credentialExpiry, u"credential-expiry-days"_s, config.credentialExpiryDays).toInt();
    if (config.address.isNull() || config.retentionDays < 1 || config.workerThreads < 1
        || config.credentialExpiryDays < 1)
        return fail(ErrorCode::InvalidArgument,
                    tr("check --listen, --workers, --retention-days and --credential-expiry-days"));
    if (auto limits = config.check(); !limits)
        return fail(ErrorCode::InvalidArgument,
                    tr("check max-message-bytes and max-frame-bytes: %1").arg(limits.error().message));
    if (auto limits = readLimits(file, config); !limits)
        return std::unexpected(limits.error());
    return config;
}

Result<void> ServerOptions::readLimits(const QSettings &file, ServerConfig &config) const
{
    QStringList wrong;
    const auto limit = [&](const QString &name, qint64 fallback, qint64 least, qint64 most) {
        bool ok = false;
        const qint64 value = file.value(u"server/"_s + name, fallback).toLongLong(&ok);
        if (ok && value >= least && value <= most)
            return value;
        wrong.append(tr("server/%1 must be a whole number from %2 to %3").arg(name).arg(least).arg(most));
        return fallback;
    };
    const auto seconds = [&](const QString &name, int fallbackMs) {
        constexpr qint64 day = 24 * 60 * 60;
        return static_cast<int>(limit(name, fallbackMs / 1000, 1, day) * 1000);
    };
    constexpr qint64 most = std::numeric_limits<int>::max();
    // 0 turns a count off (login-first-delay-seconds 0 the delays), except that
    // login-free-attempts 0 delays from the first attempt.
    const auto count = [&](const QString &name, qint64 fallback, qint64 scale = 1) {
        return limit(name, fallback, 0, most) * scale;
    };
    config.loginTimeoutMs = seconds(u"login-timeout-seconds"_s, config.loginTimeoutMs);
    config.maxFrameSizeBeforeLogin =
        limit(u"frame-size-before-login"_s, config.maxFrameSizeBeforeLogin, 1024, config.maxFrameSize);
    config.framesBeforeLogin = static_cast<int>(limit(u"frames-before-login"_s, config.framesBeforeLogin, 4, most));
    config.connectionsPerAddress = static_cast<int>(count(u"connections-per-address"_s, config.connectionsPerAddress));
    config.idleTimeoutMs = seconds(u"ping-after-seconds"_s, config.idleTimeoutMs);
    config.pingTimeoutMs = seconds(u"ping-timeout-seconds"_s, config.pingTimeoutMs);
    config.maxUnsentBytes = limit(u"max-unsent-bytes"_s, config.maxUnsentBytes, 2 * config.maxFrameSize,
                                  std::numeric_limits<qint64>::max());
    config.maxRequestSize = limit(u"request-frame-size"_s, config.maxRequestSize, 1024, config.maxFrameSize);
    config.requestBurst = static_cast<int>(limit(u"request-burst"_s, config.requestBurst, 1, most));
    config.requestsPerSecond = static_cast<int>(limit(u"requests-per-second"_s, config.requestsPerSecond, 1, 1000));
    LoginThrottle::Limits &throttle = config.throttle;
    throttle.freeAttempts = static_cast<int>(count(u"login-free-attempts"_s, throttle.freeAttempts));
    throttle.firstDelayMs = count(u"login-first-delay-seconds"_s, throttle.firstDelayMs / 1000, 1000);
    throttle.maxDelayMs = count(u"login-max-delay-seconds"_s, throttle.maxDelayMs / 1000, 1000);
    throttle.perAddress = static_cast<int>(count(u"login-attempts-per-address"_s, throttle.perAddress));
    throttle.perAccount = static_cast<int>(count(u"login-attempts-per-account"_s, throttle.perAccount));
    throttle.windowMs = limit(u"login-window-minutes"_s, throttle.windowMs / 60'000, 1, most) * 60'000;
    PasswordWorker::Limits &hashing = config.passwordWork;
    hashing.threads = static_cast<int>(limit(u"password-threads"_s, hashing.threads, 1, 64));
    hashing.queue = static_cast<int>(limit(u"password-queue"_s, hashing.queue, 1, most));
    config.registrationsPerAddressHour =
        static_cast<int>(count(u"registrations-per-address-hour"_s, config.registrationsPerAddressHour));
    config.devicesPerAccount = static_cast<int>(count(u"devices-per-account"_s, config.devicesPerAccount));
    config.heldRecords = count(u"held-records"_s, config.heldRecords);
    config.heldBytes = count(u"held-mib"_s, config.heldBytes >> 20, qint64{1} << 20);
    config.uploadRecordsPerHour = count(u"upload-records-per-hour"_s, config.uploadRecordsPerHour);
    if (!wrong.isEmpty())
        return fail(ErrorCode::InvalidArgument, wrong.join(u"; "_s));
    return {};
}

} // namespace huiji

// huijid, the system server. This file reads options and the config file and wires objects;
// everything else is in core/server.

#include "OperatorCommands.h"

#include "server/Server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QSocketNotifier>
#include <QStandardPaths>

#include <csignal>
#include <limits>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using namespace Qt::Literals::StringLiterals;

int signalPipe[2] = {-1, -1};

// SIGINT and SIGTERM stop the server cleanly: the handler only writes a byte, and the event loop
// reads it, so the hub commits and connections close in order.
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's glib dispatcher polls every socket of a thread on each turn; the plain one scales.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"huijid"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HUIJI_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("huijid", "The Huiji server.\n\n"
                                              "  huijid                    serve (the default)\n"
                                              "  huijid add-user NAME      create an account\n"
                                              "  huijid passwd NAME        set an account's password\n"
                                              "  huijid fingerprint        print the certificate's SHA-256 fingerprint"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QString defaultData =
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(u"huijid"_s);
    const QCommandLineOption data(u"data"_s, u"The data folder (database, certificate)."_s, u"DIR"_s, defaultData);
    const QCommandLineOption config(u"config"_s, u"A config file (INI); default <data>/huijid.conf."_s, u"FILE"_s);
    const QCommandLineOption listen(u"listen"_s, u"The address to listen on."_s, u"ADDRESS"_s);
    const QCommandLineOption port(u"port"_s, u"The TCP port (0: any free one)."_s, u"PORT"_s);
    const QCommandLineOption certificate(u"certificate"_s, u"The TLS certificate (PEM)."_s, u"FILE"_s);
    const QCommandLineOption key(u"key"_s, u"The TLS private key (PEM)."_s, u"FILE"_s);
    const QCommandLineOption workers(u"workers"_s, u"Network threads."_s, u"N"_s);
    const QCommandLineOption registration(u"registration"_s, u"open or closed: new accounts over the wire."_s, u"POLICY"_s);
    const QCommandLineOption retention(u"retention-days"_s, u"How long messages wait for offline devices."_s, u"DAYS"_s);
    const QCommandLineOption credentialExpiry(u"credential-expiry-days"_s,
                                              u"A device's credential unused this long expires."_s, u"DAYS"_s);
    const QCommandLineOption passwordFile(u"password-file"_s, u"add-user, passwd: read the password from FILE."_s, u"FILE"_s);
    const QCommandLineOption messageBytes(u"max-message-bytes"_s, u"The longest message body, in bytes of UTF-8."_s,
                                          u"BYTES"_s);
    const QCommandLineOption frameBytes(u"max-frame-bytes"_s,
                                        u"The longest frame; at least max-message-bytes + 4096."_s, u"BYTES"_s);
    parser.addOptions({data, config, listen, port, certificate, key, workers, registration, retention, credentialExpiry,
                       passwordFile, messageBytes, frameBytes});
    parser.addPositionalArgument(u"command"_s, u"add-user, passwd or fingerprint; none to serve."_s);
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    // The config file gives defaults; the command line overrides them.
    const QString dataDirectory = parser.value(data);
    const QSettings file(parser.isSet(config) ? parser.value(config) : QDir(dataDirectory).filePath(u"huijid.conf"_s),
                         QSettings::IniFormat);
    const auto setting = [&](const QCommandLineOption &option, const QString &name, const QVariant &fallback) {
        return parser.isSet(option) ? QVariant(parser.value(option)) : file.value(u"server/"_s + name, fallback);
    };
    huiji::ServerConfig serverConfig;
    serverConfig.dataDirectory = dataDirectory;
    serverConfig.address = QHostAddress(setting(listen, u"listen"_s, u"0.0.0.0"_s).toString());
    serverConfig.port = static_cast<quint16>(setting(port, u"port"_s, serverConfig.port).toUInt());
    serverConfig.certificatePath = setting(certificate, u"certificate"_s, QString()).toString();
    serverConfig.keyPath = setting(key, u"key"_s, QString()).toString();
    serverConfig.workerThreads = setting(workers, u"workers"_s, serverConfig.workerThreads).toInt();
    serverConfig.registrationOpen = setting(registration, u"registration"_s, u"open"_s).toString() == u"open"_s;
    serverConfig.retentionDays = setting(retention, u"retention-days"_s, serverConfig.retentionDays).toInt();
    serverConfig.maxMessageBytes = setting(messageBytes, u"max-message-bytes"_s, serverConfig.maxMessageBytes).toLongLong();
    serverConfig.maxFrameSize = setting(frameBytes, u"max-frame-bytes"_s, serverConfig.maxFrameSize).toLongLong();
    serverConfig.credentialExpiryDays =
        setting(credentialExpiry, u"credential-expiry-days"_s, serverConfig.credentialExpiryDays).toInt();
    if (serverConfig.address.isNull() || serverConfig.retentionDays < 1 || serverConfig.workerThreads < 1
        || serverConfig.credentialExpiryDays < 1) {
        err << "huijid: check --listen, --workers, --retention-days and --credential-expiry-days" << Qt::endl;
        return 2;
    }
    if (auto limits = serverConfig.check(); !limits) {
        err << "huijid: check max-message-bytes and max-frame-bytes: " << limits.error().message << Qt::endl;
        return 2;
    }
    // What one peer may cost (issue 13), from the config file only; docs/security.md lists them.
    bool limitsValid = true;
    const auto limit = [&](const QString &name, qint64 fallback, qint64 least, qint64 most) {
        bool ok = false;
        const qint64 value = file.value(u"server/"_s + name, fallback).toLongLong(&ok);
        if (ok && value >= least && value <= most)
            return value;
        err << "huijid: server/" << name << " must be a whole number from " << least << " to " << most << Qt::endl;
        limitsValid = false;
        return fallback;
    };
    const auto seconds = [&](const QString &name, int fallbackMs) {
        constexpr qint64 day = 24 * 60 * 60;
        return static_cast<int>(limit(name, fallbackMs / 1000, 1, day) * 1000);
    };
    constexpr qint64 most = std::numeric_limits<int>::max();
    serverConfig.loginTimeoutMs = seconds(u"login-timeout-seconds"_s, serverConfig.loginTimeoutMs);
    serverConfig.maxFrameSizeBeforeLogin =
        limit(u"frame-size-before-login"_s, serverConfig.maxFrameSizeBeforeLogin, 1024, serverConfig.maxFrameSize);
    serverConfig.framesBeforeLogin = static_cast<int>(limit(u"frames-before-login"_s, serverConfig.framesBeforeLogin, 4, most));
    serverConfig.connectionsPerAddress =
        static_cast<int>(limit(u"connections-per-address"_s, serverConfig.connectionsPerAddress, 0, most));
    serverConfig.idleTimeoutMs = seconds(u"ping-after-seconds"_s, serverConfig.idleTimeoutMs);
    serverConfig.pingTimeoutMs = seconds(u"ping-timeout-seconds"_s, serverConfig.pingTimeoutMs);
    serverConfig.maxUnsentBytes = limit(u"max-unsent-bytes"_s, serverConfig.maxUnsentBytes, 2 * serverConfig.maxFrameSize,
                                        std::numeric_limits<qint64>::max());
    serverConfig.maxRequestSize =
        limit(u"request-frame-size"_s, serverConfig.maxRequestSize, 1024, serverConfig.maxFrameSize);
    serverConfig.requestBurst = static_cast<int>(limit(u"request-burst"_s, serverConfig.requestBurst, 1, most));
    serverConfig.requestsPerSecond =
        static_cast<int>(limit(u"requests-per-second"_s, serverConfig.requestsPerSecond, 1, 1000));
    // Limits, from the config file only ([server] group; defaults in brackets). 0 turns a limit
    // off (login-first-delay-seconds 0 the delays), except that login-free-attempts 0 delays from
    // the first attempt, and the password pool needs a thread and room for one hash.
    //   login-free-attempts [3]             password logins of one account from one address
    //                                       before the delays begin
    //   login-first-delay-seconds [2]       the first delay, doubled at each further attempt,
    //   login-max-delay-seconds [300]       up to this
    //   login-attempts-per-address [20]     password logins from one address within the window
    //   login-attempts-per-account [100]    password logins at one account within the window
    //   login-window-minutes [15]
    //   password-threads [2]                Argon2id hashes at once
    //   password-queue [8]                  hashes queued or running; past it logins and
    //                                       registrations are answered busy
    //   registrations-per-address-hour [5]
    //   devices-per-account [32]
    //   held-records [250000]               records storage terminals hold for one account
    //   held-mib [256]                      ... and their size, in MiB
    //   upload-records-per-hour [500000]    records one device collects or forwards an hour
    const auto scaled = [&](const QString &name, qint64 fallback, qint64 scale = 1) {
        return limit(name, fallback, 0, most) * scale;
    };
    huiji::LoginThrottle::Limits &throttle = serverConfig.throttle;
    throttle.freeAttempts = static_cast<int>(scaled(u"login-free-attempts"_s, throttle.freeAttempts));
    throttle.firstDelayMs = scaled(u"login-first-delay-seconds"_s, throttle.firstDelayMs / 1000, 1000);
    throttle.maxDelayMs = scaled(u"login-max-delay-seconds"_s, throttle.maxDelayMs / 1000, 1000);
    throttle.perAddress = static_cast<int>(scaled(u"login-attempts-per-address"_s, throttle.perAddress));
    throttle.perAccount = static_cast<int>(scaled(u"login-attempts-per-account"_s, throttle.perAccount));
    throttle.windowMs = scaled(u"login-window-minutes"_s, throttle.windowMs / 60'000, 60'000);
    huiji::PasswordWorker::Limits &hashing = serverConfig.passwordWork;
    hashing.threads = static_cast<int>(scaled(u"password-threads"_s, hashing.threads));
    hashing.queue = static_cast<int>(scaled(u"password-queue"_s, hashing.queue));
    serverConfig.registrationsPerAddressHour =
        static_cast<int>(scaled(u"registrations-per-address-hour"_s, serverConfig.registrationsPerAddressHour));
    serverConfig.devicesPerAccount = static_cast<int>(scaled(u"devices-per-account"_s, serverConfig.devicesPerAccount));
    serverConfig.heldRecords = scaled(u"held-records"_s, serverConfig.heldRecords);
    serverConfig.heldBytes = scaled(u"held-mib"_s, serverConfig.heldBytes >> 20, qint64{1} << 20);
    serverConfig.uploadRecordsPerHour = scaled(u"upload-records-per-hour"_s, serverConfig.uploadRecordsPerHour);
    if (!limitsValid || hashing.threads < 1 || hashing.queue < 1 || throttle.windowMs < 1) {
        err << "huijid: check the limits in the config file: password-threads, password-queue and "
               "login-window-minutes are at least 1"
            << Qt::endl;
        return 2;
    }

    const QStringList positional = parser.positionalArguments();
    huiji::OperatorCommands operators(dataDirectory, out, err);
    if (!positional.isEmpty()) {
        const QString &command = positional.first();
        if ((command == u"add-user"_s || command == u"passwd"_s) && positional.size() == 2)
            return command == u"add-user"_s ? operators.addUser(positional[1], parser.value(passwordFile))
                                            : operators.setPassword(positional[1], parser.value(passwordFile));
        if (command == u"fingerprint"_s && positional.size() == 1)
            return operators.fingerprint(serverConfig.certificatePath, serverConfig.keyPath);
        parser.showHelp(2);
    }

    auto server = huiji::Server::start(serverConfig);
    if (!server) {
        err << "huijid: " << server.error().message << Qt::endl;
        return 1;
    }
    out << (*server)->tr("huijid listening on %1 port %2").arg(serverConfig.address.toString()).arg((*server)->port())
        << Qt::endl
        << (*server)->tr("certificate fingerprint (SHA-256)%1: %2")
               .arg((*server)->certificateCreated() ? (*server)->tr(", created now") : QString(), (*server)->fingerprint())
        << Qt::endl;
    quitOnSignals(app);
    const int code = QCoreApplication::exec();
    server->reset();
    return code;
}

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
    parser.addOptions({data, config, listen, port, certificate, key, workers, registration, retention, credentialExpiry,
                       passwordFile});
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
    serverConfig.credentialExpiryDays =
        setting(credentialExpiry, u"credential-expiry-days"_s, serverConfig.credentialExpiryDays).toInt();
    if (serverConfig.address.isNull() || serverConfig.retentionDays < 1 || serverConfig.workerThreads < 1
        || serverConfig.credentialExpiryDays < 1) {
        err << "huijid: check --listen, --workers, --retention-days and --credential-expiry-days" << Qt::endl;
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

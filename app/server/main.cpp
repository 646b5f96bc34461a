// huijid, the system server. This file reads options and the config file and wires objects;
// everything else is in core/server.

#include "OperatorCommands.h"
#include "ServerOptions.h"

#include "server/net/Server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

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
    const huiji::ServerOptions options(parser);
    parser.addPositionalArgument(u"command"_s, u"add-user, passwd or fingerprint; none to serve."_s);
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto read = options.read();
    if (!read) {
        err << "huijid: " << read.error().message << Qt::endl;
        return 2;
    }
    const huiji::ServerConfig &serverConfig = *read;

    const QStringList positional = parser.positionalArguments();
    huiji::OperatorCommands operators(serverConfig.dataDirectory, out, err);
    if (!positional.isEmpty()) {
        const QString &command = positional.first();
        if ((command == u"add-user"_s || command == u"passwd"_s) && positional.size() == 2)
            return command == u"add-user"_s ? operators.addUser(positional[1], options.passwordFile())
                                            : operators.setPassword(positional[1], options.passwordFile());
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

#include "CliCommands.h"

#include "client/Profile.h"

#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QCoreApplication>

int main(int argc, char *argv[])
{
    using namespace Qt::Literals::StringLiterals;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"huiji-cli"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HUIJI_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(huiji::CliCommands::tr("Huiji from the command line.\n\n")
                                     + huiji::CliCommands::usage());
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profile(u"profile"_s, huiji::CliCommands::tr("The profile folder (one per device)."),
                                     u"DIR"_s, huiji::Profile::defaultDirectory());
    const QCommandLineOption json(u"json"_s, huiji::CliCommands::tr("Print JSON for scripts."));
    const QCommandLineOption device(u"device"_s, huiji::CliCommands::tr("Only records from this device."), u"ID"_s);
    const QCommandLineOption search(u"search"_s, huiji::CliCommands::tr("Only records that contain TEXT."), u"TEXT"_s);
    const QCommandLineOption limit(u"limit"_s, huiji::CliCommands::tr("At most N records."), u"N"_s, u"50"_s);
    const QCommandLineOption server(u"server"_s, huiji::CliCommands::tr("register, login: the server."), u"HOST[:PORT]"_s);
    const QCommandLineOption user(u"user"_s, huiji::CliCommands::tr("register, login: the user name."), u"NAME"_s);
    const QCommandLineOption deviceName(u"name"_s, huiji::CliCommands::tr("register, login: this device's name."),
                                        u"DEVICE"_s);
    const QCommandLineOption passwordFile(u"password-file"_s, huiji::CliCommands::tr("Read the password from FILE."),
                                          u"FILE"_s);
    const QCommandLineOption remember(u"remember"_s, huiji::CliCommands::tr("Save the password in the keychain."));
    const QCommandLineOption fingerprint(u"fingerprint"_s,
                                         huiji::CliCommands::tr("The server certificate's SHA-256 fingerprint, as "
                                                                "huijid fingerprint prints it."),
                                         u"FP"_s);
    const QCommandLineOption others(u"others"_s, huiji::CliCommands::tr("devices revoke: every other device."));
    const QCommandLineOption sort(u"sort"_s, huiji::CliCommands::tr("devices: frequency or recency."), u"ORDER"_s,
                                  u"frequency"_s);
    const QCommandLineOption window(u"window"_s, huiji::CliCommands::tr("devices: count uses in DAYS."), u"DAYS"_s,
                                    u"30"_s);
    const QCommandLineOption thisDevice(u"this"_s, huiji::CliCommands::tr("storage-terminal set: this device."));
    const QCommandLineOption count(u"count"_s, huiji::CliCommands::tr("listen: stop after N records."), u"N"_s, u"0"_s);
    const QCommandLineOption secondary(u"secondary"_s, huiji::CliCommands::tr("storage-terminal set: as a secondary."));
    const QCommandLineOption retention(u"retention"_s,
                                       huiji::CliCommands::tr("archive on: keep records DAYS days (0: forever)."),
                                       u"DAYS"_s, u"0"_s);
    const QCommandLineOption verbose(u"verbose"_s, huiji::CliCommands::tr("Also print what the engine logs as it works."));
    const QCommandLineOption fromStart(u"from-start"_s, huiji::CliCommands::tr("restore: start again from the beginning."));
    parser.addOptions({profile, json, device, search, limit, server, user, deviceName, passwordFile, remember,
                       fingerprint, others, sort, window, thisDevice, count, secondary, retention, fromStart, verbose});
    parser.addPositionalArgument(u"command"_s, huiji::CliCommands::tr("What to do (see above)."));
    parser.process(app);
    // What a command prints is its answer; the engine's progress lines (connecting, retrying,
    // giving up) are for --verbose. Warnings stay: they say what went wrong. QT_LOGGING_RULES
    // still overrides this.
    if (!parser.isSet(verbose))
        QLoggingCategory::setFilterRules(u"huiji.*.info=false\nhuiji.*.debug=false"_s);

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        parser.showHelp(huiji::CliCommands::Usage);
    bool limitIsNumber = false;
    huiji::CliRequest request;
    request.command = positional.takeFirst();
    request.arguments = positional;
    request.profile = parser.value(profile);
    request.json = parser.isSet(json);
    request.device = parser.value(device);
    request.search = parser.value(search);
    request.limit = parser.value(limit).toInt(&limitIsNumber);
    if (!limitIsNumber)
        request.limit = 0; // reported by the command as a usage error
    request.server = parser.value(server);
    request.user = parser.value(user);
    request.deviceName = parser.value(deviceName);
    request.passwordFile = parser.value(passwordFile);
    request.remember = parser.isSet(remember);
    request.fingerprint = parser.value(fingerprint);
    request.others = parser.isSet(others);
    request.sort = parser.value(sort);
    request.window = parser.value(window).toInt();
    request.thisDevice = parser.isSet(thisDevice);
    request.count = parser.value(count).toInt();
    request.secondary = parser.isSet(secondary);
    bool retentionIsNumber = false;
    request.retentionDays = parser.value(retention).toInt(&retentionIsNumber);
    if (!retentionIsNumber)
        request.retentionDays = -1; // reported by the command as a usage error
    request.fromStart = parser.isSet(fromStart);

    QTextStream out(stdout);
    QTextStream err(stderr);
    return huiji::CliCommands(out, err).run(request);
}

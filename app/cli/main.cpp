#include "CliCommands.h"

#include "client/Profile.h"

#include <QCommandLineParser>
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
    parser.addOptions({profile, json, device, search, limit});
    parser.addPositionalArgument(u"command"_s, huiji::CliCommands::tr("What to do (see above)."));
    parser.process(app);

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        parser.showHelp(huiji::CliCommands::Usage);
    bool limitIsNumber = false;
    huiji::CliRequest request{positional.takeFirst(), positional, parser.value(profile), parser.isSet(json),
                              parser.value(device), parser.value(search), parser.value(limit).toInt(&limitIsNumber)};
    if (!limitIsNumber)
        request.limit = 0; // reported by the command as a usage error

    QTextStream out(stdout);
    QTextStream err(stderr);
    return huiji::CliCommands(out, err).run(request);
}

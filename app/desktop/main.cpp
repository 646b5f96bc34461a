#include "DesktopApp.h"
#include "Translations.h"

#include "client/Profile.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QIcon>
#include <QMessageBox>

int main(int argc, char *argv[])
{
    using namespace Qt::Literals::StringLiterals;
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"huiji"_s);
    QApplication::setOrganizationName(u"Huiji"_s);
    QApplication::setApplicationVersion(QStringLiteral(HUIJI_VERSION));
    QGuiApplication::setDesktopFileName(u"org.huiji.Huiji"_s); // the .desktop file and the icon under it
    if (const QString icon = u":/icons/huiji.svg"_s; QFile::exists(icon))
        QApplication::setWindowIcon(QIcon(icon));

    // Before any text is shown, --help included.
    huiji::Translations translations;
    translations.apply(huiji::Translations::savedLanguage());

    QCommandLineParser parser;
    parser.setApplicationDescription(huiji::DesktopApp::tr("Huiji, the desktop chat client."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profileOption(
        u"profile"_s, huiji::DesktopApp::tr("The profile folder (one per device and account)."), u"DIR"_s,
        huiji::Profile::defaultDirectory());
    parser.addOption(profileOption);
    parser.process(app);

    auto profile = huiji::Profile::open(parser.value(profileOption));
    if (!profile) {
        QMessageBox::critical(nullptr, huiji::DesktopApp::tr("Huiji"),
                              huiji::DesktopApp::tr("The profile in %1 cannot be opened: %2")
                                  .arg(parser.value(profileOption), profile.error().message));
        return 1;
    }
    huiji::DesktopApp desktop(**profile, translations);
    QObject::connect(&desktop, &huiji::DesktopApp::finished, &app, &QCoreApplication::quit, Qt::QueuedConnection);
    desktop.start();
    return QApplication::exec();
}

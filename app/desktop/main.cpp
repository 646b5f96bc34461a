#include "DesktopApp.h"
#include "Translations.h"

#include "TerminalPassword.h"

#include "client/Profile.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QIcon>
#include <QMessageBox>

#include <optional>

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
    const QCommandLineOption passwordFileOption(
        u"password-file"_s,
        huiji::DesktopApp::tr("Log in with the password in FILE (its first line) instead of the keychain's."),
        u"FILE"_s);
    parser.addOption(passwordFileOption);
    const QCommandLineOption historyOption(u"history"_s,
                                           huiji::DesktopApp::tr("Open the merged history viewer as well."));
    parser.addOption(historyOption);
    parser.process(app);

    std::optional<QByteArray> password;
    if (parser.isSet(passwordFileOption)) {
        auto read = huiji::TerminalPassword::fromFile(parser.value(passwordFileOption));
        if (!read) {
            QMessageBox::critical(nullptr, huiji::DesktopApp::tr("Huiji"), read.error().message);
            return 2;
        }
        password = std::move(*read);
    }

    auto profile = huiji::Profile::open(parser.value(profileOption));
    if (!profile) {
        QMessageBox::critical(nullptr, huiji::DesktopApp::tr("Huiji"),
                              huiji::DesktopApp::tr("The profile in %1 cannot be opened: %2")
                                  .arg(parser.value(profileOption), profile.error().message));
        return 1;
    }
    huiji::DesktopApp desktop(**profile, translations);
    QObject::connect(&desktop, &huiji::DesktopApp::finished, &app, &QCoreApplication::quit, Qt::QueuedConnection);
    if (password)
        desktop.start(std::move(*password));
    else
        desktop.start();
    if (parser.isSet(historyOption) && desktop.mainWindow())
        desktop.openHistory();
    const int code = QApplication::exec();
    desktop.finishSession();
    return code;
}

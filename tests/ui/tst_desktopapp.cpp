// The desktop client's controller against a real in-process server and the real keychain: the
// first run logs in through the dialog, a later run from the keychain without it; a refused saved
// password and a changed certificate bring the right prompt; the settings and the history open
// from the main window; a chosen language is saved and applied. screenshots() saves the windows
// in English and Simplified Chinese with realistic data (tst_desktopapp_screenshots.h); set
// HUIJI_SCREENSHOTS to a folder to keep them.

#include "TestNetwork.h"
#include "tst_desktopapp_screenshots.h"

#include "DesktopApp.h"
#include "Translations.h"

#include "ui/CertificateDialog.h"
#include "ui/HistoryViewer.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayNotifier.h"

#include "client/CredentialStore.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>

namespace huiji {

class tst_DesktopApp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void firstRunUsesTheDialogAndLaterRunsTheKeychain();
    void closingTheFirstLoginFinishes();
    void givenPasswordLogsInWithoutTheKeychain();
    void refusedSavedPasswordBringsTheDialogBack();
    void changedCertificateAfterLoginIsAskedAbout();
    void opensSettingsAndHistoryFromTheMainWindow();
    void trayFollowsTheUnreadCount();
    void chosenLanguageIsSavedAndApplied();
    void quittingForwardsTheQueueThenStops();
    void quittingOfflineDoesNotWait();
    void screenshots();

private:
    std::unique_ptr<DesktopApp> makeApp();
    void logInThroughDialog(DesktopApp &app);
    void startWithOnClosePolicy(std::unique_ptr<DesktopApp> &app);
    QPushButton *button(QWidget &parent, const QString &accessibleName);
    QString keychainKey() const;

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestDevice> m_laptop;
    std::unique_ptr<Profile> m_profile;
    Translations m_translations;
    const QByteArray m_password = "alice-" + QByteArray::number(QRandomGenerator::global()->generate());
};

void tst_DesktopApp::initTestCase()
{
    // The saved language goes to a test folder, never to the user's settings.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"Huiji"_s);
    QCoreApplication::setApplicationName(u"tst_desktopapp"_s);
    QVERIFY2(QSettings().fileName().contains(u"qttest"_s), qPrintable(QSettings().fileName()));
    QSettings().clear();
    QApplication::setWindowIcon(QIcon(u":/icons/huiji.svg"_s));
    m_translations.apply(u"en"_s);
}

void tst_DesktopApp::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_server = std::make_unique<TestServer>(m_directory->filePath(u"server"_s));
    QVERIFY(m_server->start());
    m_laptop = std::make_unique<TestDevice>(m_directory->filePath(u"laptop"_s), u"Laptop"_s, u"alice"_s,
                                            m_server->port());
    QVERIFY(m_laptop->logIn(m_password, true));
    auto profile = Profile::open(m_directory->filePath(u"desktop"_s));
    HUIJI_VERIFY_OK(profile);
    m_profile = std::move(*profile);
}

void tst_DesktopApp::cleanup()
{
    HUIJI_VERIFY_OK(CredentialStore::remove(keychainKey()));
    m_profile.reset();
    m_laptop.reset();
    m_server.reset();
    m_directory.reset();
}

std::unique_ptr<DesktopApp> tst_DesktopApp::makeApp()
{
    auto app = std::make_unique<DesktopApp>(*m_profile, m_translations);
    app->session().setRetryDelays(50, 400);
    return app;
}

QPushButton *tst_DesktopApp::button(QWidget &parent, const QString &accessibleName)
{
    for (QPushButton *candidate : parent.findChildren<QPushButton *>())
        if (candidate->accessibleName() == accessibleName && candidate->isVisible())
            return candidate;
    return nullptr;
}

QString tst_DesktopApp::keychainKey() const
{
    return CredentialStore::keyFor(u"alice"_s, u"127.0.0.1"_s, m_server->port());
}

// Types into the dialog the app shows, logs in, and confirms the certificate pinned on first use.
void tst_DesktopApp::logInThroughDialog(DesktopApp &app)
{
    LoginDialog *dialog = app.loginDialog();
    QVERIFY(dialog && dialog->isVisible());
    const auto type = [&](const QString &field, const QString &text) {
        auto *edit = dialog->findChild<QLineEdit *>(field);
        edit->clear();
        QTest::keyClicks(edit, text);
    };
    type(u"server"_s, u"127.0.0.1:%1"_s.arg(m_server->port()));
    type(u"user"_s, u"alice"_s);
    type(u"password"_s, QString::fromUtf8(m_password));
    QTest::mouseClick(button(*dialog, u"Log in"_s), Qt::LeftButton);
    if (m_profile->pinnedFingerprint().isEmpty() || dialog->findChild<CertificateDialog *>()) {
        CertificateDialog *notice = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((notice = dialog->findChild<CertificateDialog *>()), networkTimeoutMs);
        QTest::mouseClick(button(*notice, u"Trust and log in"_s), Qt::LeftButton);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!app.loginDialog(), networkTimeoutMs);
}

void tst_DesktopApp::firstRunUsesTheDialogAndLaterRunsTheKeychain()
{
    {
        auto app = makeApp();
        app->start();
        QVERIFY(app->loginDialog());
        QVERIFY(!app->mainWindow()); // nothing to show before the first login
        logInThroughDialog(*app);
        QVERIFY(app->mainWindow());
        QVERIFY(app->mainWindow()->isVisible());
        QCOMPARE(app->session().state(), Session::State::Online);
        QVERIFY(app->tray());
    }
    auto saved = CredentialStore::read(keychainKey());
    HUIJI_VERIFY_OK(saved);
    QVERIFY(saved->has_value());
    QCOMPARE(**saved, m_password);

    // The next start: the window at once, logged in from the keychain, no dialog.
    auto app = makeApp();
    QSignalSpy ready(&app->session(), &Session::ready);
    app->start();
    QVERIFY(!app->loginDialog());
    QVERIFY(app->mainWindow() && app->mainWindow()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, networkTimeoutMs);
    QCOMPARE(app->session().state(), Session::State::Online);
    QVERIFY(!app->loginDialog());
}

void tst_DesktopApp::closingTheFirstLoginFinishes()
{
    auto app = makeApp();
    QSignalSpy finished(app.get(), &DesktopApp::finished);
    app->start();
    QVERIFY(app->loginDialog());
    QTest::mouseClick(button(*app->loginDialog(), u"Cancel"_s), Qt::LeftButton);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!app->mainWindow());
}

// huiji --password-file: the window and a login with that password; the keychain is not read
// and nothing is saved in it. A profile that never logged in shows the dialog instead.
void tst_DesktopApp::givenPasswordLogsInWithoutTheKeychain()
{
    {
        auto app = makeApp();
        app->start(m_password);
        QVERIFY(app->loginDialog());
        QVERIFY(!app->mainWindow());
        QCOMPARE(app->loginDialog()->findChild<QLabel *>(u"status"_s)->text(),
                 u"This profile has not logged in to a server yet."_s);
    }
    m_profile->setServer(u"127.0.0.1"_s, m_server->port(), u"alice"_s);
    m_profile->pinFingerprint(m_server->server().fingerprint());
    HUIJI_VERIFY_OK(CredentialStore::write(keychainKey(), "not-the-password"));
    auto app = makeApp();
    QSignalSpy ready(&app->session(), &Session::ready);
    app->start(m_password);
    QVERIFY(!app->loginDialog());
    QVERIFY(app->mainWindow() && app->mainWindow()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, networkTimeoutMs);
    QCOMPARE(app->session().state(), Session::State::Online);
    auto saved = CredentialStore::read(keychainKey());
    HUIJI_VERIFY_OK(saved);
    QCOMPARE(saved->value_or(QByteArray()), QByteArray("not-the-password"));
}

void tst_DesktopApp::refusedSavedPasswordBringsTheDialogBack()
{
    m_profile->setServer(u"127.0.0.1"_s, m_server->port(), u"alice"_s);
    m_profile->pinFingerprint(m_server->server().fingerprint());
    HUIJI_VERIFY_OK(CredentialStore::write(keychainKey(), "changed-on-another-device"));
    auto app = makeApp();
    app->start();
    QVERIFY(app->mainWindow() && app->mainWindow()->isVisible()); // tried from the keychain
    QTRY_VERIFY_WITH_TIMEOUT(app->loginDialog(), networkTimeoutMs);
    LoginDialog *dialog = app->loginDialog();
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->findChild<QLabel *>(u"status"_s)->text(),
             u"This machine was signed out, or the server did not accept the saved password. Log in again."_s);
    QCOMPARE(dialog->parentWidget(), app->mainWindow());
    logInThroughDialog(*app);
    QCOMPARE(app->session().state(), Session::State::Online);
    auto saved = CredentialStore::read(keychainKey());
    HUIJI_VERIFY_OK(saved);
    QCOMPARE(saved->value_or(QByteArray()), m_password); // the new one replaced the refused one
}

void tst_DesktopApp::changedCertificateAfterLoginIsAskedAbout()
{
    m_profile->setServer(u"127.0.0.1"_s, m_server->port(), u"alice"_s);
    m_profile->pinFingerprint(u"00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
                              "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"_s);
    HUIJI_VERIFY_OK(CredentialStore::write(keychainKey(), m_password));
    auto app = makeApp();
    app->start();
    QVERIFY(app->mainWindow());
    CertificateDialog *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((prompt = app->mainWindow()->findChild<CertificateDialog *>()), networkTimeoutMs);
    QCOMPARE(prompt->kind(), CertificateDialog::Kind::Changed);
    QCOMPARE(prompt->presented(), m_server->server().fingerprint());
    QVERIFY(!app->loginDialog()); // the prompt, not the login dialog, answers this
    QTest::mouseClick(button(*prompt, u"Trust the new certificate"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(app->session().state(), Session::State::Online, networkTimeoutMs);
    QCOMPARE(m_profile->pinnedFingerprint(), m_server->server().fingerprint());
    QVERIFY(!app->loginDialog());
}

void tst_DesktopApp::opensSettingsAndHistoryFromTheMainWindow()
{
    auto app = makeApp();
    app->start();
    logInThroughDialog(*app);
    QVERIFY(app->mainWindow());
    QVERIFY(!app->settingsDialog());
    emit app->mainWindow()->settingsRequested();
    SettingsDialog *settings = app->settingsDialog();
    QVERIFY(settings && settings->isVisible());
    QCOMPARE(settings->parentWidget(), app->mainWindow());
    QCOMPARE(settings->language(), u"en"_s); // what is in use is shown as chosen

    QVERIFY(!app->historyViewer());
    emit app->mainWindow()->historyRequested();
    QVERIFY(app->historyViewer() && app->historyViewer()->isVisible());
    HistoryViewer *viewer = app->historyViewer();
    emit app->mainWindow()->historyRequested(); // again: the same window, brought forward
    QCOMPARE(app->historyViewer(), viewer);
}

void tst_DesktopApp::trayFollowsTheUnreadCount()
{
    auto app = makeApp();
    app->start();
    logInThroughDialog(*app);
    TestDevice bob(m_directory->filePath(u"bob"_s), u"Bob's PC"_s, u"bob"_s, m_server->port());
    QVERIFY(bob.logIn(m_password, true));
    makeContacts(*m_laptop, bob);
    app->mainWindow()->showMinimized(); // not in front: a notification is due
    QSignalSpy notified(app->tray(), &TrayNotifier::notified);
    HUIJI_VERIFY_OK(bob.session().sendMessage(u"alice"_s, u"周五一起吃午饭吗？"_s));
    QTRY_COMPARE_WITH_TIMEOUT(app->mainWindow()->unreadTotal(), 1, networkTimeoutMs);
    QCOMPARE(app->tray()->unreadCount(), 1);
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.first().at(0).toString(), u"bob"_s);
}

// The account forwards direct-link records when the client closes; the app is logged in.
void tst_DesktopApp::startWithOnClosePolicy(std::unique_ptr<DesktopApp> &app)
{
    HUIJI_VERIFY_OK(m_laptop->ask(wire::forwardingSet, QCborMap{{u"mode"_s, u"on-close"_s}}));
    app = makeApp();
    app->start();
    logInThroughDialog(*app);
    QTRY_COMPARE_WITH_TIMEOUT(app->session().forwarder().policy().mode, wire::ForwardingPolicy::Mode::OnClose,
                              networkTimeoutMs);
}

// The on-close policy (claim 12): what the forward queue holds reaches the server when Huiji quits.
void tst_DesktopApp::quittingForwardsTheQueueThenStops()
{
    HUIJI_VERIFY_OK(m_laptop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_password)));
    std::unique_ptr<DesktopApp> app;
    startWithOnClosePolicy(app);
    Record seen = aliceToBob(u"seen on a direct link"_s, m_profile->device().id);
    seen.arrival = Arrival::Direct;
    HUIJI_VERIFY_OK(app->session().storeDirect(seen));
    QCOMPARE(m_profile->forwardQueue().pending().value_or(QList<Record>{}).size(), 1); // the policy waits

    app->finishSession();
    QCOMPARE(app->session().state(), Session::State::Offline);
    QCOMPARE(m_profile->forwardQueue().pending().value_or(QList<Record>{seen}).size(), 0);
}

// Not online: nothing to forward now; the queue waits for the next start and quitting goes on.
void tst_DesktopApp::quittingOfflineDoesNotWait()
{
    std::unique_ptr<DesktopApp> app;
    startWithOnClosePolicy(app);
    HUIJI_VERIFY_OK(app->session().storeDirect(aliceToBob(u"kept for later"_s, m_profile->device().id)));
    m_laptop.reset();
    m_server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(app->session().state() != Session::State::Online, networkTimeoutMs);
    app->finishSession(networkTimeoutMs);
    QCOMPARE(app->session().state(), Session::State::Offline);
    QCOMPARE(m_profile->forwardQueue().pending().value_or(QList<Record>{}).size(), 1);
}

void tst_DesktopApp::chosenLanguageIsSavedAndApplied()
{
    auto app = makeApp();
    app->start();
    logInThroughDialog(*app);
    app->openSettings();
    SettingsDialog *settings = app->settingsDialog();
    emit settings->languageChosen(u"zh_CN"_s);
    QCOMPARE(Translations::savedLanguage(), u"zh_CN"_s);
    QCOMPARE(m_translations.language(), u"zh_CN"_s);
    QCOMPARE(QLocale().name(), u"zh_CN"_s);
    // Qt's own strings follow: its Chinese translation is loaded.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"取消"_s);
    // The user is told that some windows change over only at the next start.
    QMessageBox *note = nullptr;
    QTRY_VERIFY((note = settings->findChild<QMessageBox *>()));
    QVERIFY(note->isVisible());
    note->accept();

    emit settings->languageChosen(QString()); // back to the system's
    QVERIFY(Translations::savedLanguage().isEmpty());
    QVERIFY(!QSettings().contains(u"ui/language"_s));
    m_translations.apply(u"en"_s);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);
}

void tst_DesktopApp::screenshots()
{
    const QString folder = qEnvironmentVariable("HUIJI_SCREENSHOTS");
    QTemporaryDir scratch;
    const QDir out(folder.isEmpty() ? scratch.path() : folder);
    QVERIFY(QDir().mkpath(out.path()));
    QStringList files;
    for (const QString &language : {u"en"_s, u"zh_CN"_s}) {
        m_translations.apply(language);
        DesktopScreenshots shots(out, language, m_translations);
        shots.take();
        m_translations.apply(u"en"_s);
        if (QTest::currentTestFailed())
            return;
        files += shots.files();
    }
    QCOMPARE(files.size(), 2 * 6);
    for (const QString &file : std::as_const(files)) {
        const QImage image(file);
        QVERIFY2(!image.isNull(), qPrintable(file));
        QVERIFY2(image.width() >= 300 && image.height() >= 150, qPrintable(file));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(file)); // something was drawn
    }
    if (!folder.isEmpty())
        qInfo("screenshots saved in %s", qPrintable(out.path()));
}

} // namespace huiji

QTEST_MAIN(huiji::tst_DesktopApp)
#include "tst_desktopapp.moc"

#pragma once

#include "ui/SettingsDialog.h"

#include "client/AccountService.h"
#include "client/Session.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace huiji {

class HistoryViewer;
class LoginDialog;
class MainWindow;
class Profile;
class Translations;
class TrayNotifier;

// The desktop client's controller: one profile's session and the windows around it. The first
// run shows the login dialog; later runs log in with this device's credential (or the password)
// from the keychain and show the main window at once, falling back to the dialog when there is
// none or it is refused (a device signed out from another one, say). It opens
// the settings and the history viewer when the main window asks, answers a changed server
// certificate met after login, and applies the language chosen in the settings.
class DesktopApp : public QObject
{
    Q_OBJECT

public:
    DesktopApp(Profile &profile, Translations &translations, QObject *parent = nullptr);
    ~DesktopApp() override;

    void start();
    // For scripts and demos (huiji --password-file): logs in with this password, not the keychain's.
    void start(QByteArray password);
    // Quitting: the session forwards what its forward queue holds (the on-close policy, claim 12)
    // and stops. The wait is bounded, so that a server that does not answer cannot keep Huiji
    // from closing; what it did not ack stays queued and goes at the next start.
    static constexpr int finishTimeoutMs = 5000;
    void finishSession(int timeoutMs = finishTimeoutMs);
    void openSettings();
    void openHistory();

    Session &session() { return m_session; }
    LoginDialog *loginDialog() const { return m_login.get(); }
    MainWindow *mainWindow() const { return m_window.get(); }
    TrayNotifier *tray() const { return m_tray.get(); }
    SettingsDialog *settingsDialog() const { return m_settings; }
    HistoryViewer *historyViewer() const { return m_history.get(); }

signals:
    // The user closed the login dialog of the first run: there is nothing to show.
    void finished();

private:
    QString keychainKey() const;
    void showLogin(const QString &message = {});
    void onLoginClosed(int result);
    void showMainWindow();
    void logInFromKeychain();
    void onFailed(const Error &error);
    void onCertificateChanged(const QString &pinned, const QString &presented);
    void chooseLanguage(const QString &code);
    void tell(const QString &text);

    Profile &m_profile;
    Translations &m_translations;
    Session m_session;
    AccountService m_account;
    // Declared after the session: windows go first, while what they observe still exists.
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayNotifier> m_tray;
    std::unique_ptr<HistoryViewer> m_history;
    std::unique_ptr<LoginDialog> m_login;
    QPointer<SettingsDialog> m_settings; // a child of the main window
};

} // namespace huiji

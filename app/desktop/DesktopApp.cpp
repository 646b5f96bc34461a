#include "DesktopApp.h"

#include "Translations.h"

#include "ui/CertificateDialog.h"
#include "ui/DeviceColors.h"
#include "ui/HistoryViewer.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayNotifier.h"

#include "client/CredentialStore.h"
#include "client/Profile.h"

#include <QEventLoop>
#include <QMessageBox>
#include <QTimer>

namespace huiji {

namespace {

void bringToFront(QWidget &window)
{
    window.show();
    window.raise();
    window.activateWindow();
}

} // namespace

DesktopApp::DesktopApp(Profile &profile, Translations &translations, QObject *parent)
    : QObject(parent), m_profile(profile), m_translations(translations), m_session(profile), m_account(m_session)
{
    // Device colours are the profile's; the devices of the history get theirs first. A history
    // that cannot be read is reported by the viewer; new devices then take theirs as they are met.
    DeviceColors::keepIn(profile);
    if (const auto devices = profile.history().devices()) {
        QStringList ids;
        for (const DeviceSummary &device : *devices)
            ids.append(device.device.id);
        DeviceColors::remember(ids);
    }
    connect(&m_session, &Session::failed, this, &DesktopApp::onFailed);
    connect(&m_session, &Session::certificateChanged, this, &DesktopApp::onCertificateChanged);
    // The viewer reads the store, not the session: it learns here that records have landed.
    connect(&m_session, &Session::caughtUp, this, [this] {
        if (m_history && m_history->isVisible())
            m_history->reload();
    });
}

DesktopApp::~DesktopApp()
{
    DeviceColors::release(m_profile);
    m_session.stop();
}

void DesktopApp::finishSession(int timeoutMs)
{
    QEventLoop waiting;
    QTimer::singleShot(timeoutMs, &waiting, &QEventLoop::quit);
    connect(&m_session, &Session::stateChanged, &waiting, [&waiting](Session::State state) {
        if (state == Session::State::Offline)
            waiting.quit();
    });
    m_session.finish(); // stops at once when not online
    if (m_session.state() != Session::State::Offline)
        waiting.exec();
    m_session.stop();
}

QString DesktopApp::keychainKey() const
{
    return CredentialStore::keyFor(m_profile.user(), m_profile.serverHost(), m_profile.serverPort());
}

void DesktopApp::start()
{
    if (m_profile.serverHost().isEmpty() || m_profile.user().isEmpty())
        return showLogin();
    auto saved = CredentialStore::read(keychainKey());
    if (!saved)
        return showLogin(tr("The saved password could not be read from the keychain: %1").arg(saved.error().message));
    if (!saved->has_value() && !m_session.hasCredential())
        return showLogin();
    if (!saved->has_value()) { // signed in on this machine, without a saved password
        showMainWindow();
        return m_session.start({});
    }
    // The history is on this machine: it is there to read while the session connects.
    showMainWindow();
    m_session.start(**saved);
    (*saved)->fill('\0');
}

void DesktopApp::start(QByteArray password)
{
    if (m_profile.serverHost().isEmpty() || m_profile.user().isEmpty())
        return showLogin(tr("This profile has not logged in to a server yet."));
    showMainWindow();
    m_session.start(password);
    password.fill('\0');
}

void DesktopApp::showLogin(const QString &message)
{
    if (!m_login) {
        m_login = std::make_unique<LoginDialog>(m_session, m_profile, m_window.get());
        connect(m_login.get(), &QDialog::finished, this, &DesktopApp::onLoginClosed);
    }
    if (!message.isEmpty())
        m_login->showError(message);
    if (m_window)
        m_login->open(); // over the window, which stays readable behind it
    else
        bringToFront(*m_login);
}

void DesktopApp::onLoginClosed(int result)
{
    const QString problem = m_login->keychainProblem();
    m_login.release()->deleteLater(); // it is still inside its own signal
    if (result == QDialog::Accepted) {
        showMainWindow();
        if (!problem.isEmpty())
            tell(problem);
    } else if (!m_window) {
        emit finished();
    }
}

void DesktopApp::showMainWindow()
{
    if (!m_window) {
        m_window = std::make_unique<MainWindow>(m_session, m_account);
        m_tray = std::make_unique<TrayNotifier>(m_session, *m_window);
        m_tray->setUnreadCount(m_window->unreadTotal());
        connect(m_window.get(), &MainWindow::unreadTotalChanged, m_tray.get(), &TrayNotifier::setUnreadCount);
        connect(m_window.get(), &MainWindow::settingsRequested, this, &DesktopApp::openSettings);
        connect(m_window.get(), &MainWindow::historyRequested, this, &DesktopApp::openHistory);
    }
    bringToFront(*m_window);
}

void DesktopApp::logInFromKeychain()
{
    auto saved = CredentialStore::read(keychainKey());
    if (saved && saved->has_value()) {
        m_session.start(**saved);
        (*saved)->fill('\0');
    } else {
        m_session.start({}); // with this device's credential; refused, it asks
    }
}

void DesktopApp::onFailed(const Error &error)
{
    // The login dialog shows its own failures; a changed certificate has its prompt; and a
    // failure that left the session running (a message refused, say) is the main window's.
    if (m_login || error.code == ErrorCode::CertificateChanged || m_session.state() != Session::State::Offline)
        return;
    if (error.code == ErrorCode::BadCredentials)
        showLogin(tr("This machine was signed out, or the server did not accept the saved password. Log in again."));
    else if (error.code == ErrorCode::CertificateUnconfirmed)
        showLogin(tr("Check the server's certificate: log in again to see it."));
    else
        showLogin(tr("Disconnected: %1").arg(error.message));
}

void DesktopApp::onCertificateChanged(const QString &pinned, const QString &presented)
{
    if (m_login)
        return;
    const QString server = LoginDialog::formatServerAddress(m_profile.serverHost(), m_profile.serverPort());
    // open(), not exec(): the session is inside its handshake handler and gives up next.
    auto *prompt = new CertificateDialog(CertificateDialog::Kind::Changed, server, pinned, presented, m_window.get());
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    connect(prompt, &QDialog::accepted, this, [this, presented] {
        m_session.acceptFingerprint(presented);
        logInFromKeychain();
    });
    connect(prompt, &QDialog::rejected, this, [this] {
        showLogin(tr("Not connected: the server's new certificate was not trusted."));
    });
    prompt->open();
}

void DesktopApp::openSettings()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_session, m_account, m_window.get());
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        m_settings->setLanguage(m_translations.language());
        connect(m_settings, &SettingsDialog::languageChosen, this, &DesktopApp::chooseLanguage);
    }
    bringToFront(*m_settings);
}

void DesktopApp::openHistory()
{
    if (!m_history)
        m_history = std::make_unique<HistoryViewer>(m_profile);
    else
        m_history->reload();
    bringToFront(*m_history);
}

void DesktopApp::chooseLanguage(const QString &code)
{
    Translations::saveLanguage(code);
    m_translations.apply(code);
    tell(tr("Huiji now uses the language you chose. Some windows change over only when Huiji starts again."));
}

// Non-blocking, so that nothing waits on the user for news that needs no answer.
void DesktopApp::tell(const QString &text)
{
    QWidget *parent = m_settings ? static_cast<QWidget *>(m_settings) : m_window.get();
    auto *box = new QMessageBox(QMessageBox::Information, tr("Huiji"), text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace huiji

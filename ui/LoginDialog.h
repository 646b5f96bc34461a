#pragma once

#include "client/Session.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace huiji {

class CertificateDialog;
class Profile;

// The first-run dialog (issue 4, Chat): server address, user ID, password, this device's name,
// "Remember me" (the password goes to the keychain, never to the profile) and account creation.
// It drives the session it is given until it is online: errors the user has to act on keep it
// open with the reason, network failures show that the session is retrying, and the certificate of
// a server met for the first time, or a changed one, is shown for the user to trust before the
// password leaves the machine. Accepted once the session is online.
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    struct ServerAddress {
        QString host;
        quint16 port = 0;
    };
    static constexpr quint16 defaultPort = 7468;

    LoginDialog(Session &session, Profile &profile, QWidget *parent = nullptr);

    // "host", "host:port", "[v6]:port" or a bare IPv6 address; nothing when it is not one.
    static std::optional<ServerAddress> parseServerAddress(const QString &text);
    // The other way: the port only when it is not the default one.
    static QString formatServerAddress(const QString &host, quint16 port);

    // Shows a message before the user acts (why the dialog came back, say).
    void showError(const QString &text);
    // A keychain failure met while saving or forgetting the password once logged in; the login
    // itself went through, so it is for the caller to tell the user after the dialog has closed.
    QString keychainProblem() const { return m_keychainProblem; }

    void reject() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateButtons();
    void setBusy(bool busy);
    void showStatus(const QString &text, bool isError);
    void logIn();
    void onStateChanged(Session::State state);
    void onRetryScheduled();
    void onFailed(const Error &error);
    static QString waitText(qint64 seconds); // "45 s", "5 min": how long a throttled login waits
    void onCertificateChanged(const QString &pinned, const QString &presented);
    void onCertificateUnconfirmed(const QString &presented);
    // Asks whether to trust a certificate; trusted, it is pinned and the login starts again.
    void askTrust(CertificateDialog *prompt, const QString &presented);
    void finish();
    QString serverText() const;

    Session &m_session;
    Profile &m_profile;
    QLabel *m_heading;
    QFormLayout *m_form;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLineEdit *m_deviceName;
    QCheckBox *m_remember;
    QCheckBox *m_create;
    QLabel *m_statusIcon;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_logIn;
    QPushButton *m_cancel;
    bool m_busy = false;
    bool m_retrying = false;
    QString m_keychainProblem;
};

} // namespace huiji

#include "ui/LoginDialog.h"

#include "ui/CertificateDialog.h"

#include "client/CredentialStore.h"
#include "client/Profile.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

LoginDialog::LoginDialog(Session &session, Profile &profile, QWidget *parent)
    : QDialog(parent), m_session(session), m_profile(profile), m_heading(new QLabel(this)), m_form(new QFormLayout),
      m_server(new QLineEdit(this)), m_user(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_repeat(new QLineEdit(this)), m_deviceName(new QLineEdit(this)), m_remember(new QCheckBox(this)),
      m_create(new QCheckBox(this)), m_statusIcon(new QLabel(this)), m_status(new QLabel(this)),
      m_progress(new QProgressBar(this))
{
    m_server->setObjectName(u"server"_s);
    m_user->setObjectName(u"user"_s);
    m_password->setObjectName(u"password"_s);
    m_repeat->setObjectName(u"repeatPassword"_s);
    m_deviceName->setObjectName(u"deviceName"_s);
    m_remember->setObjectName(u"remember"_s);
    m_create->setObjectName(u"createAccount"_s);
    m_status->setObjectName(u"status"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    m_remember->setChecked(true);

    if (!profile.serverHost().isEmpty())
        m_server->setText(formatServerAddress(profile.serverHost(), profile.serverPort()));
    m_user->setText(profile.user());
    m_deviceName->setText(profile.device().name);

    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    auto *header = new QHBoxLayout;
    if (!QApplication::windowIcon().isNull()) {
        auto *logo = new QLabel(this);
        logo->setPixmap(QApplication::windowIcon().pixmap(48, 48));
        header->addWidget(logo);
    }
    header->addWidget(m_heading, 1);

    for (QLineEdit *field : {m_server, m_user, m_password, m_repeat, m_deviceName}) {
        auto *caption = new QLabel(this);
        caption->setBuddy(field);
        m_form->addRow(caption, field);
    }
    m_form->addRow(QString(), m_remember); // no caption: the box says what it is
    m_form->addRow(QString(), m_create);
    m_form->setRowVisible(m_repeat, false);

    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusIcon->setAlignment(Qt::AlignTop);
    auto *status = new QHBoxLayout;
    status->addWidget(m_statusIcon, 0, Qt::AlignTop);
    status->addWidget(m_status, 1);
    m_progress->setRange(0, 0); // busy, not a measure
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_logIn = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_logIn->setDefault(true);
    connect(m_logIn, &QPushButton::clicked, this, &LoginDialog::logIn);
    connect(m_cancel, &QPushButton::clicked, this, &LoginDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addSpacing(8);
    layout->addLayout(m_form);
    layout->addLayout(status);
    layout->addWidget(m_progress);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(440);

    for (QLineEdit *field : {m_server, m_user, m_password, m_repeat})
        connect(field, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_create, &QCheckBox::toggled, this, [this](bool creating) {
        m_form->setRowVisible(m_repeat, creating);
        showStatus(QString(), false); // an error of the other mode no longer applies
        retranslate();
        updateButtons();
    });
    connect(&session, &Session::stateChanged, this, &LoginDialog::onStateChanged);
    connect(&session, &Session::retryScheduled, this, &LoginDialog::onRetryScheduled);
    connect(&session, &Session::failed, this, &LoginDialog::onFailed);
    connect(&session, &Session::certificateChanged, this, &LoginDialog::onCertificateChanged);
    connect(&session, &Session::certificateUnconfirmed, this, &LoginDialog::onCertificateUnconfirmed);

    retranslate();
    updateButtons();
    // Straight to the first field still empty: a returning user only types the password.
    for (QLineEdit *field : {m_server, m_user, m_password})
        if (field->text().isEmpty()) {
            field->setFocus();
            break;
        }
}

std::optional<LoginDialog::ServerAddress> LoginDialog::parseServerAddress(const QString &text)
{
    const QString address = text.trimmed();
    QString host = address;
    QString port;
    if (address.startsWith(u'[')) {
        const qsizetype close = address.indexOf(u']');
        if (close < 0)
            return std::nullopt;
        host = address.mid(1, close - 1);
        const QString rest = address.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':'))
            return std::nullopt;
        port = rest.mid(1);
        if (rest == u":"_s)
            return std::nullopt;
    } else if (address.count(u':') == 1) {
        const qsizetype colon = address.indexOf(u':');
        host = address.left(colon);
        port = address.mid(colon + 1);
        if (port.isEmpty())
            return std::nullopt;
    } // more than one colon and no brackets: an IPv6 address without a port
    if (host.isEmpty() || host.contains(u' ') || host.contains(u'/'))
        return std::nullopt;
    if (port.isEmpty())
        return ServerAddress{host, defaultPort};
    bool ok = false;
    const quint16 number = port.toUShort(&ok);
    if (!ok || number == 0)
        return std::nullopt;
    return ServerAddress{host, number};
}

QString LoginDialog::formatServerAddress(const QString &host, quint16 port)
{
    if (port == defaultPort)
        return host;
    return u"%1:%2"_s.arg(host.contains(u':') ? u"[%1]"_s.arg(host) : host).arg(port);
}

void LoginDialog::showError(const QString &text)
{
    showStatus(text, true);
}

void LoginDialog::reject()
{
    if (m_busy) { // Cancel and Escape first stop the attempt; the next press closes the dialog
        m_session.stop();
        setBusy(false);
        showStatus(tr("Stopped. Change what you need and log in again."), false);
        return;
    }
    QDialog::reject();
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void LoginDialog::retranslate()
{
    const bool creating = m_create->isChecked();
    setWindowTitle(creating ? tr("Create a Huiji account") : tr("Log in to Huiji"));
    m_heading->setText(creating ? tr("Create your Huiji account") : tr("Log in to Huiji"));
    const auto label = [this](QWidget *field, const QString &text) {
        if (auto *caption = qobject_cast<QLabel *>(m_form->labelForField(field)))
            caption->setText(text);
        field->setAccessibleName(QString(text).remove(u'&').remove(u':'));
    };
    label(m_server, tr("&Server:"));
    label(m_user, tr("&User ID:"));
    label(m_password, tr("&Password:"));
    label(m_repeat, tr("&Repeat password:"));
    label(m_deviceName, tr("This &device:"));
    m_server->setPlaceholderText(tr("chat.example.org or chat.example.org:%1").arg(defaultPort));
    m_deviceName->setPlaceholderText(tr("Laptop, Office PC…"));
    m_deviceName->setToolTip(tr("The name your other devices show on the messages written here."));
    m_remember->setText(tr("Re&member me"));
    m_remember->setToolTip(tr("Keep the password in the system keychain and log in automatically next time."));
    m_remember->setAccessibleName(tr("Remember me"));
    m_create->setText(tr("Create a &new account on this server"));
    m_create->setAccessibleName(tr("Create a new account on this server"));
    m_status->setAccessibleName(tr("Login status"));
    m_progress->setAccessibleName(tr("Logging in"));
    m_logIn->setText(creating ? tr("Create &account") : tr("&Log in"));
    m_logIn->setAccessibleName(QString(m_logIn->text()).remove(u'&'));
    m_cancel->setText(m_busy ? tr("Stop") : tr("Cancel"));
    m_cancel->setAccessibleName(m_cancel->text());
}

void LoginDialog::updateButtons()
{
    const bool filled = !m_server->text().trimmed().isEmpty() && !m_user->text().trimmed().isEmpty()
                        && !m_password->text().isEmpty() && (!m_create->isChecked() || !m_repeat->text().isEmpty());
    m_logIn->setEnabled(filled && !m_busy);
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *field : std::initializer_list<QWidget *>{m_server, m_user, m_password, m_repeat, m_deviceName,
                                                           m_remember, m_create})
        field->setEnabled(!busy);
    m_progress->setVisible(busy);
    if (!busy)
        m_retrying = false;
    retranslate();
    updateButtons();
}

void LoginDialog::showStatus(const QString &text, bool isError)
{
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_statusIcon->setPixmap(isError ? style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(size, size)
                                    : QPixmap());
    m_statusIcon->setVisible(isError);
    m_status->setText(text);
}

QString LoginDialog::serverText() const
{
    return m_server->text().trimmed();
}

void LoginDialog::logIn()
{
    const auto address = parseServerAddress(m_server->text());
    if (!address) {
        showError(tr("“%1” is not a server address. Write it as host or host:port, for example "
                     "chat.example.org:%2.")
                      .arg(serverText())
                      .arg(defaultPort));
        m_server->setFocus();
        return;
    }
    if (m_create->isChecked() && m_repeat->text() != m_password->text()) {
        showError(tr("The two passwords differ. Type the same password twice."));
        m_repeat->selectAll();
        m_repeat->setFocus();
        return;
    }
    m_profile.setServer(address->host, address->port, m_user->text().trimmed());
    if (!m_deviceName->text().trimmed().isEmpty() && m_deviceName->text().trimmed() != m_profile.device().name)
        m_profile.setDeviceName(m_deviceName->text().trimmed());
    setBusy(true);
    showStatus(tr("Connecting to %1…").arg(serverText()), false);
    m_session.startWithPassword(m_password->text().toUtf8(), m_create->isChecked());
}

void LoginDialog::onStateChanged(Session::State state)
{
    if (!m_busy)
        return;
    switch (state) {
    case Session::State::Connecting:
        if (!m_retrying) // keep saying that the server cannot be reached until it can
            showStatus(tr("Connecting to %1…").arg(serverText()), false);
        break;
    case Session::State::LoggingIn:
        m_retrying = false;
        showStatus(m_create->isChecked() ? tr("Creating the account…") : tr("Logging in…"), false);
        break;
    case Session::State::Online:
        finish();
        break;
    case Session::State::Offline:
    case Session::State::WaitingToRetry:
        break;
    }
}

void LoginDialog::onRetryScheduled()
{
    if (!m_busy)
        return;
    m_retrying = true;
    showStatus(tr("Cannot reach the server, retrying…"), true);
}

QString LoginDialog::waitText(qint64 seconds)
{
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    return tr("%1 min").arg((seconds + 59) / 60);
}

void LoginDialog::onFailed(const Error &error)
{
    if (!m_busy)
        return;
    setBusy(false);
    switch (error.code) {
    case ErrorCode::BadCredentials:
        showError(tr("The user ID or the password is wrong."));
        m_password->selectAll();
        m_password->setFocus();
        break;
    case ErrorCode::RateLimited:
        if (error.retryAfter <= 0)
            showError(tr("Too many failed attempts; the server refuses more for a while (%1).").arg(error.message));
        else if (m_create->isChecked())
            showError(tr("Too many accounts were created from this address. Wait %1, then try again.")
                          .arg(waitText(error.retryAfter)));
        else
            showError(tr("Too many attempts to log in to this account. Wait %1, then try again.")
                          .arg(waitText(error.retryAfter)));
        break;
    case ErrorCode::Busy:
        showError(tr("The server is busy. Wait %1, then try again.").arg(waitText(qMax(error.retryAfter, qint64{1}))));
        break;
    case ErrorCode::RegistrationClosed:
        m_create->setChecked(false);
        showError(tr("This server does not take new accounts. Ask its operator to create one for you, "
                     "then log in."));
        break;
    case ErrorCode::AlreadyExists:
        showError(tr("The user ID “%1” is taken. Choose another one, or log in if it is yours.")
                      .arg(m_user->text().trimmed()));
        m_user->selectAll();
        m_user->setFocus();
        break;
    case ErrorCode::CertificateChanged:
        showError(tr("The server's certificate has changed."));
        break;
    case ErrorCode::CertificateUnconfirmed: // its prompt comes next; nothing was sent
        showStatus(tr("Check the server's certificate. Your password is sent only once you trust it."), false);
        break;
    case ErrorCode::UnsupportedVersion:
        showError(tr("This server speaks another version of the Huiji protocol. Update Huiji (%1).")
                      .arg(error.message));
        break;
    case ErrorCode::InvalidArgument:
        showError(tr("The server refused: %1").arg(error.message));
        break;
    default:
        showError(tr("Cannot log in: %1").arg(error.message));
        break;
    }
}

void LoginDialog::onCertificateChanged(const QString &pinned, const QString &presented)
{
    if (!m_busy)
        return;
    askTrust(new CertificateDialog(CertificateDialog::Kind::Changed, serverText(), pinned, presented, this), presented);
}

void LoginDialog::onCertificateUnconfirmed(const QString &presented)
{
    // The session has stopped without sending anything; the user's answer decides whether it goes on.
    askTrust(new CertificateDialog(CertificateDialog::Kind::FirstUse, serverText(), QString(), presented, this),
             presented);
}

void LoginDialog::askTrust(CertificateDialog *prompt, const QString &presented)
{
    // open(), not exec(): the session is still inside its handshake handler.
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    connect(prompt, &QDialog::accepted, this, [this, presented] {
        m_session.acceptFingerprint(presented);
        logIn();
    });
    connect(prompt, &QDialog::rejected, this, [this] {
        showError(tr("Not connected: the server's certificate was not trusted. Nothing was sent to it."));
    });
    prompt->open();
}

void LoginDialog::finish()
{
    const QString key = CredentialStore::keyFor(m_profile.user(), m_profile.serverHost(), m_profile.serverPort());
    QByteArray password = m_password->text().toUtf8();
    const Result<void> saved = m_remember->isChecked() ? CredentialStore::write(key, password)
                                                       : CredentialStore::remove(key);
    password.fill('\0');
    if (!saved)
        m_keychainProblem = m_remember->isChecked()
                                ? tr("Logged in, but the password could not be saved: %1").arg(saved.error().message)
                                : tr("Logged in, but the saved password could not be removed: %1")
                                      .arg(saved.error().message);
    m_password->clear();
    m_repeat->clear();
    setBusy(false);
    accept();
}

} // namespace huiji

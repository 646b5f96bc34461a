// The login dialog against a real in-process server: typed input logs in and reaches Online, the
// certificate pinned on first use is shown, errors keep the dialog open with the reason, accounts
// are created, and "Remember me" puts the password in the real keychain (or takes it out).

#include "TestNetwork.h"

#include "ui/CertificateDialog.h"
#include "ui/LoginDialog.h"

#include "client/CredentialStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTcpServer>

namespace huiji {

class tst_LoginDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void parsesServerAddresses_data();
    void parsesServerAddresses();
    void certificateIsTrustedBeforeThePasswordIsSent();
    void wrongPasswordKeepsTheDialog();
    void tooManyFailuresShowTheServersReason();
    void createsAnAccount();
    void closedRegistrationIsExplained();
    void differentPasswordsAreCaughtBeforeSending();
    void unreachableServerShowsRetryingUntilStopped();
    void untrustedCertificateGetsNothing();
    void uncheckedRememberMeForgetsASavedPassword();
    void keyboardReachesEveryControlInOrder();

private:
    void startServer(ServerConfig config = {});
    void registerAlice();
    std::unique_ptr<LoginDialog> openDialog();
    void type(LoginDialog &dialog, const QString &field, const QString &text);
    void fillIn(LoginDialog &dialog, const QByteArray &password);
    QPushButton *button(QWidget &parent, const QString &accessibleName);
    QString status(LoginDialog &dialog);
    QString keychainKey() const;
    // The user at the first-use prompt, which comes before anything is sent: trusts it.
    void trustFirstCertificate(LoginDialog &dialog);

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<Profile> m_profile;
    std::unique_ptr<Session> m_session;
    const QByteArray m_alicePassword = "alice-" + QByteArray::number(QRandomGenerator::global()->generate());
};

void tst_LoginDialog::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    auto profile = Profile::open(m_directory->filePath(u"desktop"_s));
    HUIJI_VERIFY_OK(profile);
    m_profile = std::move(*profile);
    m_session = std::make_unique<Session>(*m_profile);
    m_session->setRetryDelays(50, 400);
}

void tst_LoginDialog::cleanup()
{
    if (m_server)
        HUIJI_VERIFY_OK(CredentialStore::remove(keychainKey()));
    m_session.reset();
    m_profile.reset();
    m_server.reset();
    m_directory.reset();
}

void tst_LoginDialog::startServer(ServerConfig config)
{
    m_server = std::make_unique<TestServer>(m_directory->filePath(u"server"_s), config);
    QVERIFY(m_server->start());
}

void tst_LoginDialog::registerAlice()
{
    TestDevice laptop(m_directory->filePath(u"laptop"_s), u"Laptop"_s, u"alice"_s, m_server->port());
    QVERIFY(laptop.logIn(m_alicePassword, true));
    QVERIFY(laptop.goOffline());
}

std::unique_ptr<LoginDialog> tst_LoginDialog::openDialog()
{
    auto dialog = std::make_unique<LoginDialog>(*m_session, *m_profile);
    dialog->show();
    return dialog;
}

void tst_LoginDialog::type(LoginDialog &dialog, const QString &field, const QString &text)
{
    auto *edit = dialog.findChild<QLineEdit *>(field);
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, text);
    QCOMPARE(edit->text(), text);
}

void tst_LoginDialog::fillIn(LoginDialog &dialog, const QByteArray &password)
{
    type(dialog, u"server"_s, u"127.0.0.1:%1"_s.arg(m_server->port()));
    type(dialog, u"user"_s, u"alice"_s);
    type(dialog, u"password"_s, QString::fromUtf8(password));
    type(dialog, u"deviceName"_s, u"Desktop"_s);
}

QPushButton *tst_LoginDialog::button(QWidget &parent, const QString &accessibleName)
{
    for (QPushButton *candidate : parent.findChildren<QPushButton *>())
        if (candidate->accessibleName() == accessibleName)
            return candidate;
    return nullptr;
}

QString tst_LoginDialog::status(LoginDialog &dialog)
{
    return dialog.findChild<QLabel *>(u"status"_s)->text();
}

QString tst_LoginDialog::keychainKey() const
{
    return CredentialStore::keyFor(u"alice"_s, u"127.0.0.1"_s, m_server->port());
}

void tst_LoginDialog::trustFirstCertificate(LoginDialog &dialog)
{
    CertificateDialog *notice = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((notice = dialog.findChild<CertificateDialog *>()), networkTimeoutMs);
    QCOMPARE(notice->kind(), CertificateDialog::Kind::FirstUse);
    QVERIFY(m_profile->pinnedFingerprint().isEmpty());
    QCOMPARE(m_session->state(), Session::State::Offline); // stopped before sending anything
    QTest::mouseClick(button(*notice, u"Trust and log in"_s), Qt::LeftButton);
}

void tst_LoginDialog::parsesServerAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port"); // 0: not an address

    QTest::newRow("host") << u"chat.example.org"_s << u"chat.example.org"_s << 7468;
    QTest::newRow("host and port") << u" chat.example.org:9000 "_s << u"chat.example.org"_s << 9000;
    QTest::newRow("IPv4") << u"10.0.0.7:7000"_s << u"10.0.0.7"_s << 7000;
    QTest::newRow("bare IPv6") << u"::1"_s << u"::1"_s << 7468;
    QTest::newRow("bracketed IPv6") << u"[fe80::1]:8000"_s << u"fe80::1"_s << 8000;
    QTest::newRow("bracketed IPv6 alone") << u"[::1]"_s << u"::1"_s << 7468;
    QTest::newRow("empty") << u""_s << QString() << 0;
    QTest::newRow("empty port") << u"chat.example.org:"_s << QString() << 0;
    QTest::newRow("port zero") << u"chat.example.org:0"_s << QString() << 0;
    QTest::newRow("port too large") << u"chat.example.org:70000"_s << QString() << 0;
    QTest::newRow("port not a number") << u"chat.example.org:http"_s << QString() << 0;
    QTest::newRow("a URL") << u"https://chat.example.org"_s << QString() << 0;
    QTest::newRow("spaces") << u"chat example"_s << QString() << 0;
    QTest::newRow("unclosed bracket") << u"[::1:7000"_s << QString() << 0;
}

void tst_LoginDialog::parsesServerAddresses()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto address = LoginDialog::parseServerAddress(text);
    QCOMPARE(address.has_value(), port != 0);
    if (address) {
        QCOMPARE(address->host, host);
        QCOMPARE(int(address->port), port);
        // Written back, it reads the same.
        const auto again = LoginDialog::parseServerAddress(LoginDialog::formatServerAddress(host, address->port));
        QVERIFY(again);
        QCOMPARE(again->host, host);
        QCOMPARE(again->port, address->port);
    }
}

void tst_LoginDialog::certificateIsTrustedBeforeThePasswordIsSent()
{
    startServer();
    registerAlice();
    auto dialog = openDialog();
    auto *logIn = button(*dialog, u"Log in"_s);
    QVERIFY(logIn);
    QVERIFY(!logIn->isEnabled()); // nothing typed yet
    fillIn(*dialog, m_alicePassword);
    QVERIFY(logIn->isEnabled());
    QVERIFY(dialog->findChild<QCheckBox *>(u"remember"_s)->isChecked());
    QVERIFY(m_profile->pinnedFingerprint().isEmpty());
    QSignalSpy failed(m_session.get(), &Session::failed);
    QTest::mouseClick(logIn, Qt::LeftButton);

    // The first connection stops after the handshake, before hello, and the dialog shows what the
    // server presented; nothing is pinned and the password has not left until the user trusts it.
    CertificateDialog *notice = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((notice = dialog->findChild<CertificateDialog *>()), networkTimeoutMs);
    QCOMPARE(notice->kind(), CertificateDialog::Kind::FirstUse);
    QCOMPARE(notice->presented(), m_server->server().fingerprint());
    QVERIFY(m_profile->pinnedFingerprint().isEmpty());
    QCOMPARE(m_session->state(), Session::State::Offline);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::CertificateUnconfirmed);
    const QString shown = CertificateDialog::formatFingerprint(m_server->server().fingerprint());
    QVERIFY(std::ranges::any_of(notice->findChildren<QLabel *>(), [&](QLabel *label) { return label->text() == shown; }));
    QCOMPARE(dialog->result(), 0);
    QTest::mouseClick(button(*notice, u"Trust and log in"_s), Qt::LeftButton);

    QTRY_COMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(!dialog->isVisible());
    QCOMPARE(m_session->state(), Session::State::Online);
    QCOMPARE(m_profile->serverHost(), u"127.0.0.1"_s);
    QCOMPARE(m_profile->serverPort(), m_server->port());
    QCOMPARE(m_profile->user(), u"alice"_s);
    QCOMPARE(m_profile->device().name, u"Desktop"_s);
    QVERIFY(dialog->keychainProblem().isEmpty());
    QVERIFY(dialog->findChild<QLineEdit *>(u"password"_s)->text().isEmpty()); // not kept in the widget

    auto saved = CredentialStore::read(keychainKey());
    HUIJI_VERIFY_OK(saved);
    QVERIFY(saved->has_value());
    QCOMPARE(**saved, m_alicePassword);
}

void tst_LoginDialog::wrongPasswordKeepsTheDialog()
{
    startServer();
    registerAlice();
    auto dialog = openDialog();
    fillIn(*dialog, "not-the-password");
    QSignalSpy failed(m_session.get(), &Session::failed);
    QTest::mouseClick(button(*dialog, u"Log in"_s), Qt::LeftButton);
    trustFirstCertificate(*dialog);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, networkTimeoutMs);
    QCOMPARE(failed.last().first().value<Error>().code, ErrorCode::BadCredentials);

    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->result(), 0);
    QCOMPARE(status(*dialog), u"The user ID or the password is wrong."_s);
    auto *password = dialog->findChild<QLineEdit *>(u"password"_s);
    QVERIFY(password->isEnabled());
    QCOMPARE(password->selectedText(), u"not-the-password"_s); // ready to be typed over
    QVERIFY(button(*dialog, u"Log in"_s)->isEnabled());
    auto saved = CredentialStore::read(keychainKey());
    HUIJI_VERIFY_OK(saved);
    QVERIFY(!saved->has_value()); // a refused password is never remembered

    // Typed again, correctly, it goes through, to the certificate trusted already.
    type(*dialog, u"password"_s, QString::fromUtf8(m_alicePassword));
    QTest::mouseClick(button(*dialog, u"Log in"_s), Qt::LeftButton);
    QTRY_COMPARE(dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_session->state(), Session::State::Online);
}

void tst_LoginDialog::tooManyFailuresShowTheServersReason()
{
    ServerConfig config;
    config.throttle.freeAttempts = 1;
    config.throttle.firstDelayMs = 10 * 60 * 1000;
    config.throttle.maxDelayMs = config.throttle.firstDelayMs;
    startServer(config);
    registerAlice();
    auto dialog = openDialog();
    fillIn(*dialog, "wrong-once");
    QTest::mouseClick(button(*dialog, u"Log in"_s), Qt::LeftButton);
    trustFirstCertificate(*dialog);
    QTRY_COMPARE_WITH_TIMEOUT(status(*dialog), u"The user ID or the password is wrong."_s, networkTimeoutMs);
    type(*dialog, u"password"_s, u"wrong-twice"_s);
    QTest::mouseClick(button(*dialog, u"Log in"_s), Qt::LeftButton);
    // The wait comes from the server as a number and is said in the dialog's own words.
    QTRY_COMPARE_WITH_TIMEOUT(status(*dialog),
                              u"Too many attempts to log in to this account. Wait 10 min, then try again."_s,
                              networkTimeoutMs);
    QVERIFY(dialog->isVisible());
    QCOMPARE(m_session->state(), Session::State::Offline);
}

void tst_LoginDialog::createsAnAccount()
{
    startServer();
    auto dialog = openDialog();
    auto *create = dialog->findChild<QCheckBox *>(u"createAccount"_s);
    auto *repeat = dialog->findChild<QLineEdit *>(u"repeatPassword"_s);
    QVERIFY(!repeat->isVisible());
    QTest::mouseClick(create, Qt::LeftButton, {}, QPoint(5, create->height() / 2));
    QVERIFY(create->isChecked());
    QVERIFY(repeat->isVisible());
    QVERIFY(!button(*dialog, u"Log in"_s));
    auto *createButton = button(*dialog, u"Create account"_s);
    QVERIFY(createButton);
    fillIn(*dialog, m_alicePassword);
    QVERIFY(!createButton->isEnabled()); // the repeat is missing
    type(*dialog, u"repeatPassword"_s, QString::fromUtf8(m_alicePassword));
    QTest::mouseClick(createButton, Qt::LeftButton);
    trustFirstCertificate(*dialog);
    QTRY_COMPARE(dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_session->state(), Session::State::Online);

    // The account is real: another device logs in with the same password.
    TestDevice laptop(m_directory->filePath(u"laptop"_s), u"Laptop"_s, u"alice"_s, m_server->port());
    QVERIFY(laptop.logIn(m_alicePassword));
}

void tst_LoginDialog::closedRegistrationIsExplained()
{
    ServerConfig config;
    config.registrationOpen = false;
    startServer(config);
    auto dialog = openDialog();
    auto *create = dialog->findChild<QCheckBox *>(u"createAccount"_s);
    create->setChecked(true);
    fillIn(*dialog, m_alicePassword);
    type(*dialog, u"repeatPassword"_s, QString::fromUtf8(m_alicePassword));
    QTest::mouseClick(button(*dialog, u"Create account"_s), Qt::LeftButton);
    trustFirstCertificate(*dialog);
    QTRY_VERIFY_WITH_TIMEOUT(status(*dialog).startsWith(u"This server does not take new accounts."_s),
                             networkTimeoutMs);
    QVERIFY(dialog->isVisible());
    QVERIFY(!create->isChecked()); // back to logging in, which is what the user can do next
    QVERIFY(button(*dialog, u"Log in"_s));
    QCOMPARE(m_session->state(), Session::State::Offline);
}

void tst_LoginDialog::differentPasswordsAreCaughtBeforeSending()
{
    startServer();
    auto dialog = openDialog();
    dialog->findChild<QCheckBox *>(u"createAccount"_s)->setChecked(true);
    fillIn(*dialog, m_alicePassword);
    type(*dialog, u"repeatPassword"_s, u"something else"_s);
    QSignalSpy states(m_session.get(), &Session::stateChanged);
    QTest::mouseClick(button(*dialog, u"Create account"_s), Qt::LeftButton);
    QCOMPARE(status(*dialog), u"The two passwords differ. Type the same password twice."_s);
    QVERIFY(states.isEmpty());
    QCOMPARE(m_session->state(), Session::State::Offline);
}

void tst_LoginDialog::unreachableServerShowsRetryingUntilStopped()
{
    // A port that nothing listens on: taken, then given back.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    auto dialog = openDialog();
    type(*dialog, u"server"_s, u"127.0.0.1:%1"_s.arg(port));
    type(*dialog, u"user"_s, u"alice"_s);
    type(*dialog, u"password"_s, QString::fromUtf8(m_alicePassword));
    QSignalSpy retries(m_session.get(), &Session::retryScheduled);
    QTest::mouseClick(button(*dialog, u"Log in"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 2, networkTimeoutMs);
    QCOMPARE(status(*dialog), u"Cannot reach the server, retrying…"_s);
    QVERIFY(dialog->isVisible());

    // Cancel first stops the attempt and keeps the dialog; a second Cancel closes it.
    auto *cancel = button(*dialog, u"Stop"_s);
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE(m_session->state(), Session::State::Offline);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLineEdit *>(u"server"_s)->isEnabled());
    QTest::mouseClick(button(*dialog, u"Cancel"_s), Qt::LeftButton);
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    QVERIFY(!dialog->isVisible());
}

void tst_LoginDialog::untrustedCertificateGetsNothing()
{
    startServer();
    registerAlice();
    auto dialog = openDialog();
    fillIn(*dialog, m_alicePassword);
    QTest::mouseClick(button(*dialog, u"Log in"_s), Qt::LeftButton);
    CertificateDialog *notice = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((notice = dialog->findChild<CertificateDialog *>()), networkTimeoutMs);
    QTest::mouseClick(button(*notice, u"Cancel"_s), Qt::LeftButton);
    QCOMPARE(m_session->state(), Session::State::Offline);
    QVERIFY(dialog->isVisible());
    QCOMPARE(status(*dialog), u"Not connected: the server's certificate was not trusted. Nothing was sent to it."_s);
    QVERIFY(m_profile->pinnedFingerprint().isEmpty());
    QVERIFY(!m_session->hasCredential()); // the server never saw the password, so gave no sign-in
    auto saved = CredentialStore::read(keychainKey());
    HUIJI_VERIFY_OK(saved);
    QVERIFY(!saved->has_value());
}

void tst_LoginDialog::uncheckedRememberMeForgetsASavedPassword()
{
    startServer();
    registerAlice();
    HUIJI_VERIFY_OK(CredentialStore::write(keychainKey(), "an older password"));
    auto dialog = openDialog();
    fillIn(*dialog, m_alicePassword);
    auto *remember = dialog->findChild<QCheckBox *>(u"remember"_s);
    QTest::mouseClick(remember, Qt::LeftButton, {}, QPoint(5, remember->height() / 2));
    QVERIFY(!remember->isChecked());
    QTest::mouseClick(button(*dialog, u"Log in"_s), Qt::LeftButton);
    CertificateDialog *notice = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((notice = dialog->findChild<CertificateDialog *>()), networkTimeoutMs);
    notice->accept();
    QTRY_COMPARE(dialog->result(), int(QDialog::Accepted));
    auto saved = CredentialStore::read(keychainKey());
    HUIJI_VERIFY_OK(saved);
    QVERIFY(!saved->has_value());
}

void tst_LoginDialog::keyboardReachesEveryControlInOrder()
{
    auto dialog = openDialog();
    dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
    QCOMPARE(QApplication::focusWidget(), dialog->findChild<QLineEdit *>(u"server"_s)); // the first empty field
    type(*dialog, u"server"_s, u"chat.example.org"_s);
    type(*dialog, u"user"_s, u"alice"_s);
    type(*dialog, u"password"_s, u"a password"_s);
    QWidget *const order[] = {
        dialog->findChild<QLineEdit *>(u"user"_s),     dialog->findChild<QLineEdit *>(u"password"_s),
        dialog->findChild<QLineEdit *>(u"deviceName"_s), // the hidden repeat field is skipped
        dialog->findChild<QCheckBox *>(u"remember"_s), dialog->findChild<QCheckBox *>(u"createAccount"_s),
        button(*dialog, u"Log in"_s),                  button(*dialog, u"Cancel"_s),
    };
    dialog->findChild<QLineEdit *>(u"server"_s)->setFocus();
    for (QWidget *next : order) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), next);
    }
    for (QWidget *control : dialog->findChildren<QWidget *>())
        if (control->focusPolicy() != Qt::NoFocus && !qobject_cast<QDialogButtonBox *>(control))
            QVERIFY2(!control->accessibleName().isEmpty(), control->metaObject()->className());
}

} // namespace huiji

QTEST_MAIN(huiji::tst_LoginDialog)
#include "tst_logindialog.moc"

// The server-certificate prompt: fingerprints shown in groups, and a changed certificate met while
// logging in through the dialog stops the login until the user trusts it, against a real server.

#include "TestNetwork.h"

#include "ui/CertificateDialog.h"
#include "ui/LoginDialog.h"

#include "client/CredentialStore.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>

namespace huiji {

namespace {

const QString otherFingerprint =
    u"00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"_s;

} // namespace

class tst_CertificateDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void formatsFingerprintsInGroups();
    void changedPromptShowsBothAndDefaultsToCancel();
    void trustingTheChangedCertificateLogsIn();
    void cancellingKeepsTheOldCertificate();

private:
    std::unique_ptr<LoginDialog> logInAgainstChangedCertificate();
    QPushButton *button(QWidget &parent, const QString &accessibleName);
    bool showsText(QWidget &widget, const QString &text);

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<Profile> m_profile;
    std::unique_ptr<Session> m_session;
    const QByteArray m_password = "alice-" + QByteArray::number(QRandomGenerator::global()->generate());
};

void tst_CertificateDialog::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_server = std::make_unique<TestServer>(m_directory->filePath(u"server"_s));
    QVERIFY(m_server->start());
    TestDevice laptop(m_directory->filePath(u"laptop"_s), u"Laptop"_s, u"alice"_s, m_server->port());
    QVERIFY(laptop.logIn(m_password, true));
    QVERIFY(laptop.goOffline());

    // This profile knew the server under another certificate: a reinstall, or an interception.
    auto profile = Profile::open(m_directory->filePath(u"desktop"_s));
    HUIJI_VERIFY_OK(profile);
    m_profile = std::move(*profile);
    m_profile->setServer(u"127.0.0.1"_s, m_server->port(), u"alice"_s);
    m_profile->pinFingerprint(otherFingerprint);
    m_session = std::make_unique<Session>(*m_profile);
    m_session->setRetryDelays(50, 400);
}

void tst_CertificateDialog::cleanup()
{
    if (m_server)
        HUIJI_VERIFY_OK(CredentialStore::remove(CredentialStore::keyFor(u"alice"_s, u"127.0.0.1"_s, m_server->port())));
    m_session.reset();
    m_profile.reset();
    m_server.reset();
    m_directory.reset();
}

QPushButton *tst_CertificateDialog::button(QWidget &parent, const QString &accessibleName)
{
    for (QPushButton *candidate : parent.findChildren<QPushButton *>())
        if (candidate->accessibleName() == accessibleName)
            return candidate;
    return nullptr;
}

bool tst_CertificateDialog::showsText(QWidget &widget, const QString &text)
{
    const QList<QLabel *> labels = widget.findChildren<QLabel *>();
    return std::ranges::any_of(labels, [&](QLabel *label) { return label->isVisible() && label->text() == text; });
}

// The dialog is filled in from the profile; the user types the password and logs in.
std::unique_ptr<LoginDialog> tst_CertificateDialog::logInAgainstChangedCertificate()
{
    auto dialog = std::make_unique<LoginDialog>(*m_session, *m_profile);
    dialog->show();
    auto *password = dialog->findChild<QLineEdit *>(u"password"_s);
    if (dialog->findChild<QLineEdit *>(u"server"_s)->text() != u"127.0.0.1:%1"_s.arg(m_server->port())
        || dialog->findChild<QLineEdit *>(u"user"_s)->text() != u"alice"_s || dialog->focusWidget() != password) {
        qWarning("the dialog is not filled in from the profile");
        return nullptr;
    }
    QTest::keyClicks(password, QString::fromUtf8(m_password));
    QTest::keyClick(password, Qt::Key_Return); // the default button: Log in
    return dialog;
}

void tst_CertificateDialog::formatsFingerprintsInGroups()
{
    QCOMPARE(CertificateDialog::formatFingerprint(otherFingerprint),
             u"0011 2233 4455 6677 8899 AABB CCDD EEFF\n0011 2233 4455 6677 8899 AABB CCDD EEFF"_s);
    QCOMPARE(CertificateDialog::formatFingerprint(u"ab:cd:ef"_s), u"ABCD EF"_s);
}

void tst_CertificateDialog::changedPromptShowsBothAndDefaultsToCancel()
{
    CertificateDialog prompt(CertificateDialog::Kind::Changed, u"chat.example.org"_s, otherFingerprint,
                             m_server->server().fingerprint());
    prompt.show();
    QVERIFY(showsText(prompt, CertificateDialog::formatFingerprint(otherFingerprint)));
    QVERIFY(showsText(prompt, CertificateDialog::formatFingerprint(m_server->server().fingerprint())));
    QVERIFY(showsText(prompt, u"The certificate of chat.example.org has changed"_s));
    auto *trust = button(prompt, u"Trust the new certificate"_s);
    auto *cancel = button(prompt, u"Cancel"_s);
    QVERIFY(trust && cancel);
    QVERIFY(cancel->isDefault());
    QVERIFY(!trust->isDefault());
    // The fingerprints are reachable from the keyboard (to read them out, or copy them), and named.
    for (QWidget *control : prompt.findChildren<QWidget *>())
        if (control->focusPolicy() & Qt::TabFocus)
            QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(control->objectName()));
    const auto focusable = prompt.findChildren<QLabel *>();
    QCOMPARE(std::ranges::count_if(focusable, [](QLabel *label) { return label->focusPolicy() == Qt::StrongFocus; }), 2);
    QTest::keyClick(&prompt, Qt::Key_Return); // Enter does not trust a changed certificate
    QCOMPARE(prompt.result(), int(QDialog::Rejected));
}

void tst_CertificateDialog::trustingTheChangedCertificateLogsIn()
{
    QSignalSpy changed(m_session.get(), &Session::certificateChanged);
    auto dialog = logInAgainstChangedCertificate();
    QVERIFY(dialog);
    CertificateDialog *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((prompt = dialog->findChild<CertificateDialog *>()), networkTimeoutMs);
    QCOMPARE(prompt->kind(), CertificateDialog::Kind::Changed);
    QCOMPARE(prompt->presented(), m_server->server().fingerprint());
    QVERIFY(showsText(*prompt, CertificateDialog::formatFingerprint(otherFingerprint)));
    QVERIFY(showsText(*prompt, CertificateDialog::formatFingerprint(m_server->server().fingerprint())));
    QTRY_COMPARE(m_session->state(), Session::State::Offline);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_profile->pinnedFingerprint(), otherFingerprint); // nothing trusted without the user
    QVERIFY(dialog->isVisible());

    QTest::mouseClick(button(*prompt, u"Trust the new certificate"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->result(), int(QDialog::Accepted), networkTimeoutMs);
    QCOMPARE(m_session->state(), Session::State::Online);
    QCOMPARE(m_profile->pinnedFingerprint(), m_server->server().fingerprint());
    // Accepted without a first-use notice in between: the user saw this fingerprint in the prompt.
    QCOMPARE(changed.size(), 1);
}

void tst_CertificateDialog::cancellingKeepsTheOldCertificate()
{
    auto dialog = logInAgainstChangedCertificate();
    QVERIFY(dialog);
    CertificateDialog *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((prompt = dialog->findChild<CertificateDialog *>()), networkTimeoutMs);
    QTest::mouseClick(button(*prompt, u"Cancel"_s), Qt::LeftButton);
    QTRY_COMPARE(dialog->findChild<QLabel *>(u"status"_s)->text(),
                 u"Not connected: the server's certificate was not trusted. Nothing was sent to it."_s);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->result(), 0);
    QCOMPARE(m_session->state(), Session::State::Offline);
    QCOMPARE(m_profile->pinnedFingerprint(), otherFingerprint);
    QVERIFY(dialog->findChild<QLineEdit *>(u"password"_s)->isEnabled());
}

} // namespace huiji

QTEST_MAIN(huiji::tst_CertificateDialog)
#include "tst_certificatedialog.moc"

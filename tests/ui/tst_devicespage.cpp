// Settings → Devices against a real server: the account's devices with who is signed in, signing
// the selected device out and every other one, each after the account password is typed again
// (a wrong one is refused and nothing changes), while this machine stays online.

#include "ReauthTyping.h"
#include "TestNetwork.h"

#include "client/AccountService.h"
#include "ui/DevicesPage.h"
#include "ui/SignInTableModel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPushButton>
#include <QTableView>

namespace huiji {

class tst_DevicesPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void signsTheSelectedDeviceOut();
    void signsEveryOtherDeviceOut();

private:
    QStringList signedIn() const; // the names the page shows signed in
    void select(const QString &deviceId);
    void click(const char *button);

    TestSite m_site;
    std::unique_ptr<TestDevice> m_desktop, m_laptop, m_phone;
    std::unique_ptr<AccountService> m_account;
    std::unique_ptr<DevicesPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    const QByteArray m_password = testPassword("alice");
};

void tst_DevicesPage::init()
{
    QVERIFY(m_site.start());
    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    m_laptop = m_site.device(u"laptop"_s, u"alice"_s);
    m_phone = m_site.device(u"phone"_s, u"alice"_s);
    QVERIFY(m_desktop->logIn(m_password, true));
    QVERIFY(m_laptop->logIn(m_password));
    QVERIFY(m_phone->logIn(m_password));
    m_account = std::make_unique<AccountService>(m_desktop->session());
    m_page = std::make_unique<DevicesPage>(m_desktop->session(), *m_account);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_page->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_page->show();
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), 3, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
}

void tst_DevicesPage::cleanup()
{
    m_tester.reset();
    m_page.reset();
    m_account.reset();
    m_phone.reset();
    m_laptop.reset();
    m_desktop.reset();
    m_site.stop();
}

QStringList tst_DevicesPage::signedIn() const
{
    QStringList names;
    for (const wire::DeviceEntry &device : m_page->model()->devices())
        if (device.signedIn)
            names.append(device.info.name);
    names.sort();
    return names;
}

void tst_DevicesPage::select(const QString &deviceId)
{
    const int row = m_page->model()->rowOf(deviceId);
    QVERIFY(row >= 0);
    m_page->view()->selectRow(row);
}

void tst_DevicesPage::click(const char *button)
{
    auto *clicked = m_page->findChild<QPushButton *>(QString::fromLatin1(button));
    QVERIFY(clicked && clicked->isEnabled());
    QTest::mouseClick(clicked, Qt::LeftButton);
}

void tst_DevicesPage::signsTheSelectedDeviceOut()
{
    QCOMPARE(signedIn(), (QStringList{u"desktop"_s, u"laptop"_s, u"phone"_s}));
    // This machine is not signed out here.
    select(m_desktop->id());
    QVERIFY(!m_page->findChild<QPushButton *>(u"signOutDevice"_s)->isEnabled());

    // A wrong password: refused, said so, and the laptop stays online.
    select(m_laptop->id());
    click("signOutDevice");
    QVERIFY(!m_page->isBusy()); // nothing is asked before the password
    QVERIFY(confirmWithPassword(*m_page, "not the password"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    const auto *status = m_page->findChild<QLabel *>(u"signOutStatus"_s);
    QCOMPARE(status->text(), u"Nobody was signed out: the password is wrong"_s);
    QCOMPARE(m_laptop->session().state(), Session::State::Online);

    // The right one: the laptop is disconnected at once and the list says so.
    click("signOutDevice");
    QVERIFY(confirmWithPassword(*m_page, m_password));
    QTRY_COMPARE_WITH_TIMEOUT(m_laptop->session().state(), Session::State::Offline, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(signedIn(), (QStringList{u"desktop"_s, u"phone"_s}), networkTimeoutMs);
    QVERIFY2(status->text().startsWith(u"laptop is signed out"_s), qPrintable(status->text()));
    QCOMPARE(m_desktop->session().state(), Session::State::Online);
    QCOMPARE(m_phone->session().state(), Session::State::Online);
}

void tst_DevicesPage::signsEveryOtherDeviceOut()
{
    // Cancelled at the prompt: nothing happens.
    click("signOutOtherDevices");
    ReauthDialog *prompt = openReauthDialog(*m_page);
    QVERIFY(prompt);
    prompt->reject();
    QVERIFY(!m_page->isBusy());

    click("signOutOtherDevices");
    QVERIFY(confirmWithPassword(*m_page, m_password));
    QTRY_COMPARE_WITH_TIMEOUT(m_laptop->session().state(), Session::State::Offline, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_phone->session().state(), Session::State::Offline, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(signedIn(), QStringList{u"desktop"_s}, networkTimeoutMs);
    QVERIFY(!m_page->findChild<QPushButton *>(u"signOutOtherDevices"_s)->isEnabled()); // nobody left
    QCOMPARE(m_desktop->session().state(), Session::State::Online);
}

} // namespace huiji

QTEST_MAIN(huiji::tst_DevicesPage)
#include "tst_devicespage.moc"

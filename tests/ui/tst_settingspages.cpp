// Settings → Server archive and Settings → Direct links against a real in-process server with two
// of alice's devices online: the archive turned on with a retention and read back on the other
// device, then off; a fresh device's store filled from the archive by "Restore from server
// archive", and one cut off resuming where it stopped; the direct-links switch kept in the profile; and the account's forwarding policy set
// on one device reaching the other device's page by the server's push.

#include "ReauthTyping.h"
#include "TestNetwork.h"

#include "client/AccountService.h"
#include "client/ArchiveRestore.h"
#include "protocol/RecordId.h"
#include "ui/DirectLinksPage.h"
#include "ui/ServerArchivePage.h"

#include <QCheckBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>

namespace huiji {

class tst_SettingsPages : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void archiveWithRetentionIsReadBack();
    void restoreFillsAFreshDevice();
    void restoreCutOffResumes();
    void directLinksSwitchIsKeptInTheProfile();
    void forwardingPolicyReachesTheOtherDevice();

private:
    template <typename Widget>
    static Widget *part(QWidget &page, const char *name);
    static void click(QWidget &page, const char *button);
    static void choose(QWidget &page, const char *radio);
    static qint64 storedCount(TestDevice &device);
    void archiveHistory(qint64 kept);
    // A new machine of alice's, online, with its archive page open.
    void openFreshMachine();

    TestSite m_site;
    std::unique_ptr<TestDevice> m_desktop, m_laptop;
    std::unique_ptr<AccountService> m_desktopAccount, m_laptopAccount;
    std::unique_ptr<TestDevice> m_fresh;
    std::unique_ptr<AccountService> m_freshAccount;
    std::unique_ptr<ServerArchivePage> m_freshPage;
    const QByteArray m_password = testPassword("alice");
};

void tst_SettingsPages::init()
{
    QVERIFY(m_site.start());
    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    m_laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QVERIFY(m_desktop->logIn(m_password, true));
    QVERIFY(m_laptop->logIn(m_password));
    m_desktopAccount = std::make_unique<AccountService>(m_desktop->session());
    m_laptopAccount = std::make_unique<AccountService>(m_laptop->session());
}

void tst_SettingsPages::cleanup()
{
    m_freshPage.reset();
    m_freshAccount.reset();
    m_fresh.reset();
    m_laptopAccount.reset();
    m_desktopAccount.reset();
    m_laptop.reset();
    m_desktop.reset();
    m_site.stop();
}

template <typename Widget>
Widget *tst_SettingsPages::part(QWidget &page, const char *name)
{
    auto *found = page.findChild<Widget *>(QString::fromLatin1(name));
    if (!found)
        qFatal("the page has no %s", name);
    return found;
}

void tst_SettingsPages::click(QWidget &page, const char *button)
{
    auto *clicked = part<QAbstractButton>(page, button);
    QVERIFY2(clicked->isEnabled(), button);
    QTest::mouseClick(clicked, Qt::LeftButton);
}

// On the indicator, as a user clicks it: the button is as wide as the longest choice's text.
void tst_SettingsPages::choose(QWidget &page, const char *radio)
{
    auto *button = part<QRadioButton>(page, radio);
    QVERIFY2(button->isEnabled(), radio);
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(button->height() / 2, button->height() / 2));
    QVERIFY2(button->isChecked(), radio);
}

qint64 tst_SettingsPages::storedCount(TestDevice &device)
{
    auto page = device.profile().history().older({u"alice"_s, {}, {}}, std::nullopt, 1'000'000);
    return page ? page->records.size() : -1;
}

void tst_SettingsPages::archiveWithRetentionIsReadBack()
{
    ServerArchivePage page(m_desktop->session(), *m_desktopAccount);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), networkTimeoutMs);
    QCOMPARE(part<QLabel>(page, "archiveState")->text(), u"The server keeps no archive of your history."_s);
    QVERIFY(!part<QPushButton>(page, "applyArchive")->isEnabled()); // nothing changed yet
    QVERIFY(!part<QPushButton>(page, "restoreArchive")->isEnabled()); // no archive to restore from

    QTest::mouseClick(part<QCheckBox>(page, "archiveEnabled"), Qt::LeftButton);
    auto *days = part<QSpinBox>(page, "retentionDays");
    QVERIFY(days->isEnabled());
    days->setValue(30);
    click(page, "applyArchive");
    QVERIFY(confirmWithPassword(page, m_password));
    QVERIFY(page.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), networkTimeoutMs);
    QCOMPARE(page.settings(), (ArchiveSettings{true, 30, 0}));
    QCOMPARE(part<QLabel>(page, "archiveState")->text(), u"The server keeps each record for 30 days. Records in the archive: 0."_s);
    QVERIFY(!part<QPushButton>(page, "applyArchive")->isEnabled());
    QVERIFY(part<QPushButton>(page, "restoreArchive")->isEnabled());

    // The other device reads the same from the server.
    ServerArchivePage other(m_laptop->session(), *m_laptopAccount);
    QTRY_VERIFY_WITH_TIMEOUT(!other.isBusy(), networkTimeoutMs);
    QCOMPARE(other.settings(), (ArchiveSettings{true, 30, 0}));
    QVERIFY(part<QCheckBox>(other, "archiveEnabled")->isChecked());
    QCOMPARE(part<QSpinBox>(other, "retentionDays")->value(), 30);
    QTRY_VERIFY_WITH_TIMEOUT(m_laptop->session().serverArchives(), networkTimeoutMs);

    // For good, then off again.
    days->setValue(0);
    QCOMPARE(days->text(), u"Forever"_s);
    click(page, "applyArchive");
    QVERIFY(confirmWithPassword(page, m_password));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), networkTimeoutMs);
    QCOMPARE(part<QLabel>(page, "archiveState")->text(), u"The server keeps your history for good. Records in the archive: 0."_s);
    QTest::mouseClick(part<QCheckBox>(page, "archiveEnabled"), Qt::LeftButton);
    click(page, "applyArchive");
    QVERIFY(confirmWithPassword(page, m_password));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), networkTimeoutMs);
    QCOMPARE(page.settings().enabled, false);
    QTRY_VERIFY_WITH_TIMEOUT(!m_laptop->session().serverArchives(), networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(other.settings().enabled, false, networkTimeoutMs); // it asked again on the push
}

// The desktop, alice's storage terminal, has more than a restore page of history; with the
// archive on it sends it all to the server.
void tst_SettingsPages::archiveHistory(qint64 kept)
{
    QList<Record> history;
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - kept * 60'000;
    for (qint64 index = 0; index < kept; ++index) {
        Record record = aliceToBob(u"第%1条消息"_s.arg(index + 1), m_desktop->id());
        record.deviceTime = start + index * 60'000;
        record.id = RecordId::create(record.deviceTime);
        history.append(record);
    }
    HUIJI_VERIFY_OK(m_desktop->profile().history().merge(history, {m_desktop->profile().device()}));
    HUIJI_VERIFY_OK(m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_password)));
    QTRY_VERIFY_WITH_TIMEOUT(m_desktop->session().isStorageTerminal(), networkTimeoutMs);
    HUIJI_VERIFY_OK(m_desktop->ask(wire::archiveSet, withPassword(QCborMap{{u"enabled"_s, true}, {u"retentionDays"_s, 0}}, m_password)));
    QTRY_COMPARE_WITH_TIMEOUT(m_desktop->ask(wire::archive)->value(u"records"_s).toInteger(), kept, networkTimeoutMs);
}

void tst_SettingsPages::openFreshMachine()
{
    m_fresh = m_site.device(u"new-desktop"_s, u"alice"_s);
    QVERIFY(m_fresh->logIn(m_password));
    m_freshAccount = std::make_unique<AccountService>(m_fresh->session());
    m_freshPage = std::make_unique<ServerArchivePage>(m_fresh->session(), *m_freshAccount);
    m_freshPage->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_freshPage->isBusy(), networkTimeoutMs);
}

// A fresh machine is filled from the archive.
void tst_SettingsPages::restoreFillsAFreshDevice()
{
    constexpr qint64 kept = 250;
    archiveHistory(kept);
    openFreshMachine();
    QVERIFY(m_freshPage && !m_freshPage->isBusy());
    TestDevice &fresh = *m_fresh;
    ServerArchivePage &page = *m_freshPage;
    QCOMPARE(page.settings().records, kept);
    QCOMPARE(storedCount(fresh), qint64(0));

    // The archive is read out only with the account password.
    click(page, "restoreArchive");
    QVERIFY(confirmWithPassword(page, "not-alices-password"));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), networkTimeoutMs);
    QCOMPARE(part<QLabel>(page, "restoreResult")->text(),
             u"The restore stopped: the password is wrong. Press the button again to continue where it stopped."_s);
    QCOMPARE(storedCount(fresh), qint64(0));

    click(page, "restoreArchive");
    QVERIFY(confirmWithPassword(page, m_password));
    QVERIFY(page.isBusy());
    QVERIFY(!part<QPushButton>(page, "restoreArchive")->isEnabled()); // one restore at a time
    QVERIFY(part<QProgressBar>(page, "restoreProgress")->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), networkTimeoutMs);
    QCOMPARE(part<QLabel>(page, "restoreResult")->text(), u"Restored from the server's archive: 250 records, 250 new here."_s);
    QCOMPARE(part<QProgressBar>(page, "restoreProgress")->value(), static_cast<int>(kept));
    QCOMPARE(storedCount(fresh), kept);
    page.resize(640, 420);
    const QPixmap shot = page.grab();
    QCOMPARE(shot.deviceIndependentSize().toSize(), page.size());
    if (const QString folder = qEnvironmentVariable("HUIJI_SCREENSHOTS"); !folder.isEmpty())
        QVERIFY(shot.save(folder + u"/settings-server-archive-restored.png"_s));

    // Again: a finished restore reads the archive anew, and nothing is doubled.
    click(page, "restoreArchive");
    QVERIFY(confirmWithPassword(page, m_password));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), networkTimeoutMs);
    QCOMPARE(part<QLabel>(page, "restoreResult")->text(), u"Restored from the server's archive: 250 records, 0 new here."_s);
    QCOMPARE(storedCount(fresh), kept);
}

// The connection drops after the first page: pressing the button again brings the rest only.
void tst_SettingsPages::restoreCutOffResumes()
{
    constexpr qint64 kept = 250; // a page of 200, then 50
    archiveHistory(kept);
    openFreshMachine();
    QVERIFY(m_freshPage && !m_freshPage->isBusy());
    TestDevice &fresh = *m_fresh;
    ServerArchivePage &page = *m_freshPage;

    click(page, "restoreArchive");
    QVERIFY(confirmWithPassword(page, m_password));
    auto *restoring = page.findChild<ArchiveRestore *>();
    QVERIFY(restoring);
    connect(restoring, &ArchiveRestore::progress, &page, [&fresh] { fresh.session().stop(); });
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), networkTimeoutMs);
    const QString cut = part<QLabel>(page, "restoreResult")->text();
    QVERIFY2(cut.startsWith(u"The restore stopped: "_s) && cut.endsWith(u"Press the button again to continue where it stopped."_s),
             qPrintable(cut));
    QCOMPARE(storedCount(fresh), qint64(wire::maxRestoreRecords));
    QVERIFY(!part<QPushButton>(page, "restoreArchive")->isEnabled()); // offline

    QVERIFY(fresh.logIn(m_password));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy() && part<QPushButton>(page, "restoreArchive")->isEnabled(), networkTimeoutMs);
    click(page, "restoreArchive");
    QVERIFY(confirmWithPassword(page, m_password));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), networkTimeoutMs);
    QCOMPARE(part<QLabel>(page, "restoreResult")->text(), u"Restored from the server's archive: 50 records, 50 new here."_s);
    QCOMPARE(storedCount(fresh), kept);
}

void tst_SettingsPages::directLinksSwitchIsKeptInTheProfile()
{
    QVERIFY(!m_desktop->profile().directLinks()); // off by default
    {
        DirectLinksPage page(m_desktop->session(), *m_desktopAccount);
        page.show();
        auto *direct = part<QCheckBox>(page, "directLinks");
        QVERIFY(!direct->isChecked());
        QCOMPARE(part<QLabel>(page, "directLinksNote")->text(),
                 u"A change takes effect the next time Huiji connects to the server."_s);
        QTest::mouseClick(direct, Qt::LeftButton);
        QVERIFY(direct->isChecked());
        QVERIFY(m_desktop->profile().directLinks());
        // The listener is up at once; the server learns its address at the next login.
        QVERIFY(!m_desktop->session().links().announcement().isEmpty());
    }
    // A page opened later, on a profile opened again, shows what was chosen.
    QVERIFY(m_desktop->goOffline());
    m_desktop.reset();
    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    QVERIFY(m_desktop->profile().directLinks());
    AccountService account(m_desktop->session());
    DirectLinksPage again(m_desktop->session(), account);
    QVERIFY(part<QCheckBox>(again, "directLinks")->isChecked());
    QTest::mouseClick(part<QCheckBox>(again, "directLinks"), Qt::LeftButton);
    QVERIFY(!m_desktop->profile().directLinks());
}

void tst_SettingsPages::forwardingPolicyReachesTheOtherDevice()
{
    DirectLinksPage page(m_desktop->session(), *m_desktopAccount);
    DirectLinksPage other(m_laptop->session(), *m_laptopAccount);
    page.show();
    other.show();
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy() && !other.isBusy(), networkTimeoutMs);
    // The account's default: every 5 minutes.
    QVERIFY(part<QRadioButton>(page, "forwardInterval")->isChecked());
    QCOMPARE(part<QSpinBox>(page, "intervalMinutes")->value(), 5);
    QCOMPARE(part<QLabel>(other, "forwardingState")->text(), u"Your devices forward every 5 minutes."_s);
    QVERIFY(!part<QPushButton>(page, "applyForwarding")->isEnabled());
    QVERIFY(!part<QSpinBox>(page, "thresholdCharacters")->isEnabled());

    choose(page, "forwardThreshold");
    auto *characters = part<QSpinBox>(page, "thresholdCharacters");
    QVERIFY(characters->isEnabled());
    QCOMPARE(characters->value(), 200); // the default threshold
    characters->setValue(300);
    QCOMPARE(page.chosenPolicy(), (wire::ForwardingPolicy{wire::ForwardingPolicy::Mode::Threshold, 300}));
    click(page, "applyForwarding");
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), networkTimeoutMs);

    // The laptop's engine and its page follow the push.
    const wire::ForwardingPolicy threshold{wire::ForwardingPolicy::Mode::Threshold, 300};
    QTRY_COMPARE_WITH_TIMEOUT(m_laptop->session().forwarder().policy(), threshold, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(part<QRadioButton>(other, "forwardThreshold")->isChecked(), networkTimeoutMs);
    QCOMPARE(part<QSpinBox>(other, "thresholdCharacters")->value(), 300);
    QCOMPARE(part<QLabel>(other, "forwardingState")->text(),
             u"Your devices forward once 300 characters have accumulated."_s);
    QVERIFY(!part<QPushButton>(page, "applyForwarding")->isEnabled());

    // And back from the laptop: when Huiji closes.
    choose(other, "forwardOnClose");
    click(other, "applyForwarding");
    QTRY_VERIFY_WITH_TIMEOUT(part<QRadioButton>(page, "forwardOnClose")->isChecked(), networkTimeoutMs);
    QCOMPARE(part<QLabel>(page, "forwardingState")->text(), u"Your devices forward when Huiji closes."_s);
    QCOMPARE(m_desktop->session().forwarder().policy().mode, wire::ForwardingPolicy::Mode::OnClose);
}

} // namespace huiji

QTEST_MAIN(huiji::tst_SettingsPages)
#include "tst_settingspages.moc"

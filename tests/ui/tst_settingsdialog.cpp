// The settings dialog around its pages: the sections and how the keyboard moves between them,
// the language choice it reports (and does not load), a new language reaching every text, and
// the storage-terminal page before the session has ever been online.

#include "client/AccountService.h"
#include "client/Profile.h"
#include "client/Session.h"
#include "ui/DeviceTableModel.h"
#include "ui/DevicesPage.h"
#include "ui/DirectLinksPage.h"
#include "ui/GeneralPage.h"
#include "ui/ServerArchivePage.h"
#include "ui/SettingsDialog.h"
#include "ui/StorageTerminalPage.h"
#include "ui/UsageChart.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// A few words of Chinese, enough to see a language change reach every page.
class FewWordsOfChinese : public QTranslator
{
public:
    QString translate(const char *, const char *sourceText, const char *, int) const override
    {
        static const QHash<QByteArray, QString> words{
            {"Settings", u"设置"_s},
            {"Storage terminal", u"存储终端"_s},
            {"General", u"常规"_s},
            {"System default", u"跟随系统"_s},
            {"&Rename this device…", u"重命名此设备(&R)…"_s},
        };
        return words.value(QByteArray(sourceText));
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void sectionsFollowTheKeyboard();
    void reportsTheLanguageChosen();
    void newLanguageReachesEveryText();
    void everyControlIsNamedAndReachedInOrder();
    void storageTerminalPageOffline();
    void archiveAndDirectLinksPagesOffline();
    void closes();

private:
    QComboBox *languageBox() const { return m_dialog->generalPage()->findChild<QComboBox *>(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Profile> m_profile;
    std::unique_ptr<Session> m_session; // never started: offline
    std::unique_ptr<AccountService> m_account;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void tst_SettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto profile = Profile::open(m_dir->filePath(u"profile"_s));
    QVERIFY2(profile, profile ? "" : qPrintable(profile.error().message));
    m_profile = std::move(*profile);
    m_profile->setDeviceName(u"Desktop"_s);
    m_session = std::make_unique<Session>(*m_profile);
    m_account = std::make_unique<AccountService>(*m_session);
    m_dialog = std::make_unique<SettingsDialog>(*m_session, *m_account);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void tst_SettingsDialog::cleanup()
{
    m_dialog.reset();
    m_account.reset();
    m_session.reset();
    m_profile.reset();
    m_dir.reset();
}

void tst_SettingsDialog::sectionsFollowTheKeyboard()
{
    QCOMPARE(m_dialog->windowTitle(), u"Settings"_s);
    auto *sections = m_dialog->findChild<QListWidget *>();
    auto *pages = m_dialog->findChild<QStackedWidget *>();
    QVERIFY(sections && pages);
    QCOMPARE(sections->count(), 5);
    QCOMPARE(sections->item(0)->text(), u"Storage terminal"_s);
    QCOMPARE(sections->item(1)->text(), u"Server archive"_s);
    QCOMPARE(sections->item(2)->text(), u"Direct links"_s);
    QCOMPARE(sections->item(3)->text(), u"Devices"_s);
    QCOMPARE(sections->item(4)->text(), u"General"_s);
    QCOMPARE(m_dialog->currentSection(), SettingsDialog::Section::StorageTerminal);
    QCOMPARE(pages->currentWidget(), m_dialog->storageTerminalPage());

    sections->setFocus();
    QTest::keyClick(sections, Qt::Key_Down);
    QCOMPARE(m_dialog->currentSection(), SettingsDialog::Section::ServerArchive);
    QCOMPARE(pages->currentWidget(), m_dialog->serverArchivePage());
    QTest::keyClick(sections, Qt::Key_Down);
    QCOMPARE(pages->currentWidget(), m_dialog->directLinksPage());
    QTest::keyClick(sections, Qt::Key_Down);
    QCOMPARE(m_dialog->currentSection(), SettingsDialog::Section::Devices);
    QCOMPARE(pages->currentWidget(), m_dialog->devicesPage());
    QTest::keyClick(sections, Qt::Key_Down);
    QCOMPARE(m_dialog->currentSection(), SettingsDialog::Section::General);
    QCOMPARE(pages->currentWidget(), m_dialog->generalPage());
    QTest::keyClick(sections, Qt::Key_Home);
    QCOMPARE(pages->currentWidget(), m_dialog->storageTerminalPage());

    m_dialog->showSection(SettingsDialog::Section::General);
    QCOMPARE(pages->currentWidget(), m_dialog->generalPage());
    QCOMPARE(sections->currentRow(), 4);
}

void tst_SettingsDialog::reportsTheLanguageChosen()
{
    QSignalSpy chosen(m_dialog.get(), &SettingsDialog::languageChosen);
    QComboBox *box = languageBox();
    QVERIFY(box);
    QCOMPARE(box->count(), 3);
    QCOMPARE(m_dialog->language(), QString());
    QCOMPARE(box->currentText(), u"System default"_s);

    // Showing the language in use is no choice.
    m_dialog->setLanguage(u"zh_CN"_s);
    QCOMPARE(box->currentText(), u"简体中文"_s);
    QCOMPARE(m_dialog->language(), u"zh_CN"_s);
    QCOMPARE(chosen.size(), 0);

    m_dialog->showSection(SettingsDialog::Section::General);
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Up);
    QCOMPARE(box->currentText(), u"English"_s);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.last().first().toString(), u"en"_s);
    QTest::keyClick(box, Qt::Key_Up);
    QCOMPARE(chosen.size(), 2);
    QCOMPARE(chosen.last().first().toString(), QString()); // the system's

    m_dialog->setLanguage(u"fr"_s); // not offered: shown as the system's
    QCOMPARE(m_dialog->language(), QString());
    QCOMPARE(chosen.size(), 2);
}

void tst_SettingsDialog::newLanguageReachesEveryText()
{
    FewWordsOfChinese chinese;
    QVERIFY(QCoreApplication::installTranslator(&chinese));
    auto *sections = m_dialog->findChild<QListWidget *>();
    QTRY_COMPARE(m_dialog->windowTitle(), u"设置"_s);
    QCOMPARE(sections->item(0)->text(), u"存储终端"_s);
    QCOMPARE(sections->item(4)->text(), u"常规"_s);
    QCOMPARE(languageBox()->itemText(0), u"跟随系统"_s);
    QCOMPARE(m_dialog->storageTerminalPage()->findChild<QPushButton *>(u"renameDevice"_s)->text(), u"重命名此设备(&R)…"_s);
    // Words it does not know stay English.
    QCOMPARE(m_dialog->storageTerminalPage()->model()->headerData(DeviceTableModel::NameColumn, Qt::Horizontal).toString(),
             u"Device"_s);

    QVERIFY(QCoreApplication::removeTranslator(&chinese));
    QTRY_COMPARE(m_dialog->windowTitle(), u"Settings"_s);
    QCOMPARE(sections->item(0)->text(), u"Storage terminal"_s);
}

void tst_SettingsDialog::everyControlIsNamedAndReachedInOrder()
{
    for (const int section : {0, 1, 2, 3}) {
        m_dialog->showSection(SettingsDialog::Section(section));
        const QList<QWidget *> widgets = m_dialog->findChildren<QWidget *>();
        for (const QWidget *widget : widgets) {
            if (!(widget->focusPolicy() & Qt::TabFocus) || !widget->isVisibleTo(m_dialog.get()))
                continue;
            const auto *button = qobject_cast<const QAbstractButton *>(widget);
            // A spin box's editor is the spin box, named as one.
            const auto *spinBox = qobject_cast<const QAbstractSpinBox *>(widget->parentWidget());
            const bool named = !widget->accessibleName().isEmpty() || (button && !button->text().isEmpty())
                               || (spinBox && !spinBox->accessibleName().isEmpty());
            QVERIFY2(named, widget->metaObject()->className());
        }
    }

    // Tab goes from the sections through the page to Close, skipping what cannot be used offline.
    m_dialog->showSection(SettingsDialog::Section::StorageTerminal);
    m_dialog->findChild<QListWidget *>()->setFocus();
    QStringList order;
    for (int step = 0; step < 6; ++step) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *focused = QApplication::focusWidget();
        const auto *button = qobject_cast<const QPushButton *>(focused);
        order.append(button && focused->objectName().isEmpty() ? button->text() : focused->objectName());
    }
    QCOMPARE(order, (QStringList{u"sortOrder"_s, u"usageWindow"_s, u"deviceTable"_s, u"renameDevice"_s, u"Close"_s,
                                 u"sections"_s}));
}

void tst_SettingsDialog::storageTerminalPageOffline()
{
    StorageTerminalPage *page = m_dialog->storageTerminalPage();
    QCOMPARE(page->model()->rowCount(), 0);
    QVERIFY(!page->isBusy());
    auto *notice = page->findChild<QLabel *>(u"connectionNotice"_s);
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(), u"Offline. Your devices are listed here once Huiji is connected to the server."_s);
    QCOMPARE(page->findChild<QLabel *>(u"currentTerminal"_s)->text(), u"No device is the storage terminal."_s);
    for (const char *action :
         {"makeThisTerminal", "makeSelectedTerminal", "addSecondaryTerminal", "removeTerminal", "clearTerminal"})
        QVERIFY(!page->findChild<QPushButton *>(QString::fromLatin1(action))->isEnabled());
    QVERIFY(page->findChild<QPushButton *>(u"renameDevice"_s)->isEnabled());
    QCOMPARE(page->findChild<UsageChart *>()->accessibleDescription(), u"No devices to show"_s);
    // Changing the order lists nothing and asks nothing while offline.
    auto *sort = page->findChild<QComboBox *>(u"sortOrder"_s);
    sort->setFocus();
    QTest::keyClick(sort, Qt::Key_Down);
    QVERIFY(!page->isBusy());
    QVERIFY(page->findChild<QLabel *>(u"answer"_s)->text().isEmpty());
    if (const QString folder = qEnvironmentVariable("HUIJI_SCREENSHOTS"); !folder.isEmpty())
        QVERIFY(m_dialog->grab().save(folder + u"/settings-offline.png"_s));
}

// Both need the server, except the direct-links switch, which is this device's own.
void tst_SettingsDialog::archiveAndDirectLinksPagesOffline()
{
    m_dialog->showSection(SettingsDialog::Section::ServerArchive);
    ServerArchivePage *archive = m_dialog->serverArchivePage();
    QVERIFY(!archive->isBusy());
    QCOMPARE(archive->findChild<QLabel *>(u"archiveState"_s)->text(),
             u"Whether the server keeps an archive is shown once Huiji is connected."_s);
    for (const char *control : {"archiveEnabled", "applyArchive", "restoreArchive"})
        QVERIFY(!archive->findChild<QAbstractButton *>(QString::fromLatin1(control))->isEnabled());

    m_dialog->showSection(SettingsDialog::Section::DirectLinks);
    DirectLinksPage *links = m_dialog->directLinksPage();
    QVERIFY(!links->isBusy());
    for (const char *control : {"forwardAtOnce", "forwardInterval", "forwardThreshold", "forwardOnClose", "applyForwarding"})
        QVERIFY(!links->findChild<QAbstractButton *>(QString::fromLatin1(control))->isEnabled());
    auto *direct = links->findChild<QAbstractButton *>(u"directLinks"_s);
    QVERIFY(direct->isEnabled());
    QTest::mouseClick(direct, Qt::LeftButton);
    QVERIFY(m_profile->directLinks());
    if (const QString folder = qEnvironmentVariable("HUIJI_SCREENSHOTS"); !folder.isEmpty())
        QVERIFY(m_dialog->grab().save(folder + u"/settings-direct-links-offline.png"_s));
}

void tst_SettingsDialog::closes()
{
    QSignalSpy rejected(m_dialog.get(), &QDialog::rejected);
    auto *buttons = m_dialog->findChild<QDialogButtonBox *>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::Close), Qt::LeftButton);
    QCOMPARE(rejected.size(), 1);
    QVERIFY(!m_dialog->isVisible());
}

} // namespace huiji

QTEST_MAIN(huiji::tst_SettingsDialog)
#include "tst_settingsdialog.moc"

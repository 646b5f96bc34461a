// Settings → Storage terminal against a real in-process server whose clock the test sets: alice
// has used four devices on different days, so that most used (in 7, 30 or 90 days) and most
// recently used give different orders. The page lists them both ways, follows the window, makes
// the selected device or this machine the storage terminal and clears it (checked through
// another device's session and a second listing), keeps the standing choice when the server
// refuses or the connection is lost, and renames this machine online and offline; adds a
// secondary terminal, promotes it and removes it, and follows roles another device set.

#include "DarkPalette.h"
#include "ReauthTyping.h"
#include "TestNetwork.h"

#include "client/AccountService.h"
#include "protocol/RecordId.h"
#include "ui/DeviceTableModel.h"
#include "ui/DirectLinksPage.h"
#include "ui/ServerArchivePage.h"
#include "ui/SettingsDialog.h"
#include "ui/StorageTerminalPage.h"
#include "ui/UsageChart.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTranslator>

#include <atomic>

namespace huiji {

namespace {

constexpr qint64 dayMs = 24 * 60 * 60 * 1000;

} // namespace

class tst_StorageTerminalPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void listsDevicesSortedBothWays();
    void windowChangesTheCounts();
    void chartFollowsTheSelection();
    void makesTheSelectedDeviceTheTerminal();
    void makesThisMachineTheTerminalAndClears();
    void refusedChangeKeepsThePreviousChoice();
    void lostConnectionKeepsThePreviousChoice();
    void renamesThisDevice();
    void renamesThisDeviceOffline();
    void collectsFromTheOtherDevices();
    void addsASecondaryPromotesAndRemovesIt();
    void rolesFollowAnotherDevicesChange();
    void screenshots();

private:
    std::unique_ptr<TestDevice> device(const QString &name);
    bool useAt(TestDevice &device, int daysAgo, bool createAccount = false);
    template <typename Widget>
    Widget *part(const char *name) const;
    void choose(QComboBox *box, const QVariant &value);
    void clickRow(const QString &deviceId, Qt::KeyboardModifiers modifiers = {});
    void clickAndWait(const char *button);
    QStringList names() const;
    QList<qint64> uses() const;
    QString roleShown(const QString &deviceId) const;
    std::optional<wire::TerminalRole> roleOnServer(const QString &deviceId);
    QString answer() const { return part<QLabel>("answer")->text(); }
    void save(QWidget &widget, const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestDevice> m_phone, m_thinkpad, m_office, m_desktop;
    std::unique_ptr<AccountService> m_account;
    std::unique_ptr<StorageTerminalPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::atomic<qint64> m_now{0};
    qint64 m_today = 0;
    QByteArray m_password;
    QTranslator m_english; // the plural forms of the English source ("%Ln record(s)")
};

std::unique_ptr<TestDevice> tst_StorageTerminalPage::device(const QString &name)
{
    return std::make_unique<TestDevice>(m_dir->filePath(QUuid::createUuid().toString(QUuid::WithoutBraces)), name,
                                        u"alice"_s, m_server->port());
}

bool tst_StorageTerminalPage::useAt(TestDevice &used, int daysAgo, bool createAccount)
{
    m_now = m_today - daysAgo * dayMs;
    return used.logIn(m_password, createAccount) && used.goOffline();
}

void tst_StorageTerminalPage::initTestCase()
{
    QVERIFY(m_english.load(u":/i18n/huiji_en.qm"_s));
    QCoreApplication::installTranslator(&m_english);
}

void tst_StorageTerminalPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // The server's today is the real one, so that the page's "Today" and "2 days ago" read true.
    m_today = QDateTime::currentMSecsSinceEpoch();
    m_now = m_today;
    ServerConfig config;
    config.registrationOpen = true;
    config.clock = [this] { return m_now.load(); };
    m_server = std::make_unique<TestServer>(m_dir->filePath(u"server"_s), config);
    QVERIFY(m_server->start());
    m_password = QUuid::createUuid().toByteArray(); // made up for this run

    // Days ago each device logged in. Within 30 days: ThinkPad 5, Desktop 3, 办公室电脑 1 (two
    // days ago), Phone 1 (ten days ago); within 7: Desktop 3, 办公室电脑 1, ThinkPad 1, Phone 0;
    // within 90: Phone 7, ThinkPad 5, Desktop 3, 办公室电脑 1.
    m_phone = device(u"Phone"_s);
    m_thinkpad = device(u"ThinkPad"_s);
    m_office = device(u"办公室电脑"_s);
    m_desktop = device(u"Desktop"_s);
    QVERIFY(useAt(*m_phone, 80, true));
    for (const int daysAgo : {70, 60, 50, 45, 40})
        QVERIFY(useAt(*m_phone, daysAgo));
    for (const int daysAgo : {28, 20, 12})
        QVERIFY(useAt(*m_thinkpad, daysAgo));
    QVERIFY(useAt(*m_phone, 10));
    QVERIFY(useAt(*m_thinkpad, 8));
    QVERIFY(useAt(*m_thinkpad, 6));
    QVERIFY(useAt(*m_desktop, 3));
    m_now = m_today - 2 * dayMs;
    QVERIFY(m_office->logIn(m_password)); // and stays online, a second session to check with
    QVERIFY(useAt(*m_desktop, 1));
    m_now = m_today;
    QVERIFY(m_desktop->logIn(m_password)); // this machine, the page's

    m_account = std::make_unique<AccountService>(m_desktop->session());
    m_page = std::make_unique<StorageTerminalPage>(m_desktop->session(), *m_account);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_page->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_page->resize(960, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), 4, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
}

void tst_StorageTerminalPage::cleanup()
{
    m_tester.reset();
    m_page.reset();
    m_account.reset();
    m_desktop.reset();
    m_office.reset();
    m_thinkpad.reset();
    m_phone.reset();
    m_server.reset();
    m_dir.reset();
}

template <typename Widget>
Widget *tst_StorageTerminalPage::part(const char *name) const
{
    auto *found = m_page->findChild<Widget *>(QString::fromLatin1(name));
    if (!found)
        qFatal("the page has no %s", name);
    return found;
}

// Picks an item the way a user does: focus on the box, then the arrow keys.
void tst_StorageTerminalPage::choose(QComboBox *box, const QVariant &value)
{
    const int wanted = box->findData(value);
    QVERIFY(wanted >= 0);
    box->setFocus();
    while (box->currentIndex() != wanted)
        QTest::keyClick(box, box->currentIndex() < wanted ? Qt::Key_Down : Qt::Key_Up);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
}

void tst_StorageTerminalPage::clickRow(const QString &deviceId, Qt::KeyboardModifiers modifiers)
{
    auto *table = part<QTableView>("deviceTable");
    const int row = m_page->model()->rowOf(deviceId);
    QVERIFY(row >= 0);
    const QRect cell = table->visualRect(m_page->model()->index(row, DeviceTableModel::PlatformColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, cell.center());
}

// Clicks one of the actions: the buttons wait while the request is under way, then the page
// has the answer and the list again.
void tst_StorageTerminalPage::clickAndWait(const char *button)
{
    auto *clicked = part<QPushButton>(button);
    QVERIFY(clicked->isEnabled());
    QTest::mouseClick(clicked, Qt::LeftButton);
    QVERIFY(!m_page->isBusy()); // the password first: nothing is asked before it is given
    QVERIFY(confirmWithPassword(*m_page, m_password));
    QVERIFY(m_page->isBusy());
    for (const char *action : {"makeThisTerminal", "makeSelectedTerminal", "clearTerminal", "renameDevice"})
        QVERIFY(!part<QPushButton>(action)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
}

QStringList tst_StorageTerminalPage::names() const
{
    QStringList names;
    for (int row = 0; row < m_page->model()->rowCount(); ++row)
        names.append(m_page->model()->index(row, DeviceTableModel::NameColumn).data().toString());
    return names;
}

QList<qint64> tst_StorageTerminalPage::uses() const
{
    QList<qint64> uses;
    for (int row = 0; row < m_page->model()->rowCount(); ++row)
        uses.append(m_page->model()->index(row, DeviceTableModel::UsesColumn).data().toLongLong());
    return uses;
}

QString tst_StorageTerminalPage::roleShown(const QString &deviceId) const
{
    const int row = m_page->model()->rowOf(deviceId);
    return row < 0 ? u"(not listed)"_s : m_page->model()->index(row, DeviceTableModel::RoleColumn).data().toString();
}

// A second listing, straight from the server, beside the page's.
std::optional<wire::TerminalRole> tst_StorageTerminalPage::roleOnServer(const QString &deviceId)
{
    std::optional<Result<QList<wire::DeviceEntry>>> listed;
    AccountService(m_office->session()).devices(wire::DeviceOrder::Recency, 30, [&](auto answer) { listed = answer; });
    if (!QTest::qWaitFor([&] { return listed.has_value(); }, networkTimeoutMs) || !*listed)
        return std::nullopt;
    for (const wire::DeviceEntry &entry : **listed)
        if (entry.info.id == deviceId)
            return entry.role;
    return std::nullopt;
}

void tst_StorageTerminalPage::listsDevicesSortedBothWays()
{
    QCOMPARE(names(), (QStringList{u"ThinkPad"_s, u"Desktop (this machine)"_s, u"办公室电脑"_s, u"Phone"_s}));
    QCOMPARE(uses(), (QList<qint64>{5, 3, 1, 1}));
    DeviceTableModel &model = *m_page->model();
    QCOMPARE(model.headerData(DeviceTableModel::UsesColumn, Qt::Horizontal).toString(), u"Uses (30 days)"_s);
    const int desktop = model.rowOf(m_desktop->id());
    QVERIFY(model.index(desktop, 0).data(DeviceTableModel::IsThisDeviceRole).toBool());
    QVERIFY(model.index(desktop, 0).data(Qt::FontRole).value<QFont>().bold());
    QCOMPARE(model.index(desktop, DeviceTableModel::LastUsedColumn).data().toString(), u"Online now"_s);
    const int phone = model.rowOf(m_phone->id());
    QCOMPARE(model.index(phone, 0).data(DeviceTableModel::LastSeenRole).toDateTime(),
             QDateTime::fromMSecsSinceEpoch(m_today - 10 * dayMs));
    QVERIFY(!model.index(phone, 0).data(DeviceTableModel::OnlineRole).toBool());

    // Most recently used (claim 8): another order, the same counts.
    choose(part<QComboBox>("sortOrder"), QVariant::fromValue(wire::DeviceOrder::Recency));
    QCOMPARE(names(), (QStringList{u"Desktop (this machine)"_s, u"办公室电脑"_s, u"ThinkPad"_s, u"Phone"_s}));
    QCOMPARE(uses(), (QList<qint64>{3, 1, 5, 1}));
    choose(part<QComboBox>("sortOrder"), QVariant::fromValue(wire::DeviceOrder::Frequency));
    QCOMPARE(names(), (QStringList{u"ThinkPad"_s, u"Desktop (this machine)"_s, u"办公室电脑"_s, u"Phone"_s}));

    QCOMPARE(part<QLabel>("currentTerminal")->text(), u"No device is the storage terminal."_s);
    QVERIFY(part<QPushButton>("makeThisTerminal")->isEnabled());
    QVERIFY(!part<QPushButton>("makeSelectedTerminal")->isEnabled()); // nothing selected
    QVERIFY(!part<QPushButton>("clearTerminal")->isEnabled());        // nothing to clear
    QVERIFY(part<QPushButton>("renameDevice")->isEnabled());
    QVERIFY(part<QLabel>("connectionNotice")->isHidden());
}

void tst_StorageTerminalPage::windowChangesTheCounts()
{
    auto *window = part<QComboBox>("usageWindow");
    choose(window, 7);
    QCOMPARE(names(), (QStringList{u"Desktop (this machine)"_s, u"办公室电脑"_s, u"ThinkPad"_s, u"Phone"_s}));
    QCOMPARE(uses(), (QList<qint64>{3, 1, 1, 0}));
    QCOMPARE(m_page->model()->headerData(DeviceTableModel::UsesColumn, Qt::Horizontal).toString(), u"Uses (7 days)"_s);
    QCOMPARE(part<UsageChart>("usageChart")->windowDays(), 7);

    choose(window, 90);
    QCOMPARE(names(), (QStringList{u"Phone"_s, u"ThinkPad"_s, u"Desktop (this machine)"_s, u"办公室电脑"_s}));
    QCOMPARE(uses(), (QList<qint64>{7, 5, 3, 1}));
    // With nothing selected the chart has every device, each day's uses stacked.
    auto *chart = part<UsageChart>("usageChart");
    QCOMPARE(chart->devices().size(), 4);
    QCOMPARE(chart->windowDays(), 90);
    QCOMPARE(chart->usesOn(89), 1);      // today: this machine
    QCOMPARE(chart->usesOn(89 - 80), 1); // the phone's first day
    qint64 total = 0;
    for (int day = 0; day < 90; ++day)
        total += chart->usesOn(day);
    QCOMPARE(total, 16);
}

void tst_StorageTerminalPage::chartFollowsTheSelection()
{
    auto *chart = part<UsageChart>("usageChart");
    QCOMPARE(chart->devices().size(), 4);
    clickRow(m_thinkpad->id());
    QCOMPARE(chart->devices().size(), 1);
    QCOMPARE(chart->devices().first().info.id, m_thinkpad->id());
    QCOMPARE(chart->usesOn(29 - 6), 1);
    QCOMPARE(chart->usesOn(29 - 28), 1);
    QVERIFY(chart->accessibleDescription().startsWith(u"ThinkPad was used 5 times in the last 30 days."_s));
    QVERIFY(part<QPushButton>("makeSelectedTerminal")->isEnabled());

    // The selection stays with the device when the list is sorted the other way.
    choose(part<QComboBox>("sortOrder"), QVariant::fromValue(wire::DeviceOrder::Recency));
    const QModelIndexList selected = part<QTableView>("deviceTable")->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().row(), 2);
    QCOMPARE(selected.first().data(DeviceTableModel::DeviceIdRole).toString(), m_thinkpad->id());
    QCOMPARE(chart->devices().first().info.id, m_thinkpad->id());

    // Unselected again: every device.
    clickRow(m_thinkpad->id(), Qt::ControlModifier);
    QCOMPARE(chart->devices().size(), 4);
    QVERIFY(!part<QPushButton>("makeSelectedTerminal")->isEnabled());
}

void tst_StorageTerminalPage::makesTheSelectedDeviceTheTerminal()
{
    clickRow(m_thinkpad->id());
    clickAndWait("makeSelectedTerminal");
    QCOMPARE(answer(), u"ThinkPad is now the storage terminal."_s);
    QVERIFY(part<QLabel>("answerIcon")->isVisible());
    // The server said so to the other devices, and lists it so.
    QTRY_COMPARE_WITH_TIMEOUT(m_office->session().terminalDevice(), std::optional(m_thinkpad->id()), networkTimeoutMs);
    QCOMPARE(roleOnServer(m_thinkpad->id()), std::optional(wire::TerminalRole::Primary));
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_thinkpad->id()), u"Primary terminal"_s, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    QCOMPARE(roleShown(m_desktop->id()), QString());
    QCOMPARE(part<QLabel>("currentTerminal")->text(), u"The storage terminal is ThinkPad."_s);
    QVERIFY(!part<QPushButton>("makeSelectedTerminal")->isEnabled()); // it already is
    QVERIFY(part<QPushButton>("makeThisTerminal")->isEnabled());
    QVERIFY(part<QPushButton>("clearTerminal")->isEnabled());
}

void tst_StorageTerminalPage::makesThisMachineTheTerminalAndClears()
{
    clickAndWait("makeThisTerminal");
    QCOMPARE(answer(), u"This machine is now the storage terminal."_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_desktop->session().isStorageTerminal(), networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_office->session().terminalDevice(), std::optional(m_desktop->id()), networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_desktop->id()), u"Primary terminal"_s, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    for (const TestDevice *other : {m_thinkpad.get(), m_office.get(), m_phone.get()})
        QCOMPARE(roleShown(other->id()), QString());
    QCOMPARE(part<QLabel>("currentTerminal")->text(), u"This machine is the storage terminal."_s);
    QVERIFY(!part<QPushButton>("makeThisTerminal")->isEnabled());

    clickAndWait("clearTerminal");
    QCOMPARE(answer(), u"No device is the storage terminal now."_s);
    QTRY_VERIFY_WITH_TIMEOUT(!m_office->session().terminalDevice().has_value(), networkTimeoutMs);
    QCOMPARE(roleOnServer(m_desktop->id()), std::optional(wire::TerminalRole::None));
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_desktop->id()), QString(), networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    QCOMPARE(part<QLabel>("currentTerminal")->text(), u"No device is the storage terminal."_s);
    QVERIFY(!part<QPushButton>("clearTerminal")->isEnabled());
    QVERIFY(part<QPushButton>("makeThisTerminal")->isEnabled());
}

void tst_StorageTerminalPage::refusedChangeKeepsThePreviousChoice()
{
    clickAndWait("makeThisTerminal");
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_desktop->id()), u"Primary terminal"_s, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);

    // A list gone stale: it still shows a device the server does not know (any more).
    QList<wire::DeviceEntry> stale = m_page->model()->devices();
    wire::DeviceEntry ghost = stale.last();
    ghost.info = {u"a-device-that-is-gone"_s, u"Old laptop"_s, u"windows"_s};
    ghost.role = wire::TerminalRole::None;
    stale.append(ghost);
    m_page->model()->setDevices(stale, m_page->model()->windowDays());
    clickRow(ghost.info.id);
    clickAndWait("makeSelectedTerminal");

    QVERIFY2(answer().startsWith(u"The storage terminal was not changed: "_s), qPrintable(answer()));
    QVERIFY2(answer().contains(u"is not a device of alice"_s), qPrintable(answer()));
    QVERIFY(part<QLabel>("answerIcon")->isVisible());
    // The choice that stands is still what the page shows, and what the server has.
    QCOMPARE(roleShown(m_desktop->id()), u"Primary terminal"_s);
    QCOMPARE(roleShown(ghost.info.id), QString());
    QCOMPARE(part<QLabel>("currentTerminal")->text(), u"This machine is the storage terminal."_s);
    QCOMPARE(m_office->session().terminalDevice(), std::optional(m_desktop->id()));
    QCOMPARE(roleOnServer(m_desktop->id()), std::optional(wire::TerminalRole::Primary));
    QVERIFY(part<QPushButton>("makeSelectedTerminal")->isEnabled()); // the user may try again
}

void tst_StorageTerminalPage::lostConnectionKeepsThePreviousChoice()
{
    clickRow(m_thinkpad->id());
    clickAndWait("makeSelectedTerminal");
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_thinkpad->id()), u"Primary terminal"_s, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);

    // The server goes away before the request has even left this machine.
    clickRow(m_office->id());
    QTest::mouseClick(part<QPushButton>("makeSelectedTerminal"), Qt::LeftButton);
    QVERIFY(confirmWithPassword(*m_page, m_password));
    QVERIFY(m_page->isBusy());
    m_server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    QVERIFY2(answer().startsWith(u"The storage terminal was not changed: "_s), qPrintable(answer()));
    QCOMPARE(roleShown(m_thinkpad->id()), u"Primary terminal"_s);
    QCOMPARE(roleShown(m_office->id()), QString());
    QCOMPARE(part<QLabel>("currentTerminal")->text(), u"The storage terminal is ThinkPad."_s);
    // Offline: changes wait for the connection, renaming does not.
    QTRY_VERIFY_WITH_TIMEOUT(part<QLabel>("connectionNotice")->isVisible(), networkTimeoutMs);
    QVERIFY(!part<QPushButton>("makeThisTerminal")->isEnabled());
    QVERIFY(!part<QPushButton>("makeSelectedTerminal")->isEnabled());
    QVERIFY(!part<QPushButton>("clearTerminal")->isEnabled());
    QVERIFY(part<QPushButton>("renameDevice")->isEnabled());

    // Back online, the page lists again: the server never had the change.
    QVERIFY(m_server->start());
    QTRY_COMPARE_WITH_TIMEOUT(m_desktop->session().state(), Session::State::Online, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(part<QLabel>("connectionNotice")->isHidden(), networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    QCOMPARE(roleShown(m_thinkpad->id()), u"Primary terminal"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_office->session().state(), Session::State::Online, networkTimeoutMs);
    QCOMPARE(roleOnServer(m_thinkpad->id()), std::optional(wire::TerminalRole::Primary));
    QVERIFY(part<QPushButton>("makeSelectedTerminal")->isEnabled()); // the office is still selected
}

void tst_StorageTerminalPage::renamesThisDevice()
{
    QTest::mouseClick(part<QPushButton>("renameDevice"), Qt::LeftButton);
    auto *dialog = m_page->findChild<QInputDialog *>(u"renameDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *edit = dialog->findChild<QLineEdit *>();
    QVERIFY(edit);
    QCOMPARE(edit->text(), u"Desktop"_s);
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    // Chinese comes through the input method, committed a word at a time.
    QInputMethodEvent typed;
    typed.setCommitString(u"书房台式机"_s);
    QApplication::sendEvent(edit, &typed);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(!dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);

    QCOMPARE(answer(), u"This machine is now called “书房台式机”."_s);
    QCOMPARE(m_desktop->profile().device().name, u"书房台式机"_s);
    QCOMPARE(names().at(m_page->model()->rowOf(m_desktop->id())), u"书房台式机 (this machine)"_s);
    // The server has the name too: the page listed again, and a second listing agrees.
    std::optional<Result<QList<wire::DeviceEntry>>> listed;
    AccountService(m_office->session()).devices(wire::DeviceOrder::Recency, 30, [&](auto result) { listed = result; });
    QTRY_VERIFY_WITH_TIMEOUT(listed.has_value(), networkTimeoutMs);
    HUIJI_VERIFY_OK(*listed);
    QCOMPARE((*listed)->first().info.id, m_desktop->id());
    QCOMPARE((*listed)->first().info.name, u"书房台式机"_s);

    // A blank name is refused, and nothing changes.
    QTest::mouseClick(part<QPushButton>("renameDevice"), Qt::LeftButton);
    QTRY_VERIFY(dialog->isVisible());
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, u"   "_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(answer().startsWith(u"This machine was not renamed: "_s), networkTimeoutMs);
    QCOMPARE(m_desktop->profile().device().name, u"书房台式机"_s);
}

void tst_StorageTerminalPage::renamesThisDeviceOffline()
{
    QVERIFY(m_desktop->goOffline());
    QTRY_VERIFY(part<QLabel>("connectionNotice")->isVisible());
    QCOMPARE(names().size(), 4); // the list as the server last gave it
    QTest::mouseClick(part<QPushButton>("renameDevice"), Qt::LeftButton);
    auto *dialog = m_page->findChild<QInputDialog *>(u"renameDialog"_s);
    QVERIFY(dialog);
    auto *edit = dialog->findChild<QLineEdit *>();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, u"Desktop at home"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(!m_page->isBusy());
    QCOMPARE(answer(), u"This machine is now called “Desktop at home”. The server learns the new name when Huiji "
                       u"connects again."_s);
    QCOMPARE(names().at(m_page->model()->rowOf(m_desktop->id())), u"Desktop at home (this machine)"_s);

    QVERIFY(m_desktop->logIn(m_password));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_office->session().state(), Session::State::Online, networkTimeoutMs);
    std::optional<Result<QList<wire::DeviceEntry>>> listed;
    AccountService(m_office->session()).devices(wire::DeviceOrder::Recency, 30, [&](auto result) { listed = result; });
    QTRY_VERIFY_WITH_TIMEOUT(listed.has_value(), networkTimeoutMs);
    HUIJI_VERIFY_OK(*listed);
    QCOMPARE((*listed)->first().info.name, u"Desktop at home"_s);
}

// "Collect now" on the storage terminal asks the online 办公室电脑 for the records it keeps; its
// handover is reported on the page, and the records come to this machine's history.
void tst_StorageTerminalPage::collectsFromTheOtherDevices()
{
    auto *collect = part<QPushButton>("collectNow");
    QVERIFY(!collect->isVisible()); // only the storage terminal asks
    clickAndWait("makeThisTerminal");
    QTRY_VERIFY_WITH_TIMEOUT(collect->isVisible() && collect->isEnabled(), networkTimeoutMs);

    // What the office machine wrote before there was a storage terminal, kept only there.
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - 90 * dayMs;
    QList<Record> old;
    for (int index = 0; index < 3; ++index) {
        Record record;
        record.deviceTime = start + index * 60'000;
        record.id = RecordId::create(record.deviceTime);
        record.account = u"alice"_s;
        record.contact = u"bob"_s;
        record.sender = u"alice"_s;
        record.body = u"季度报告第%1稿"_s.arg(index + 1);
        record.originDevice = m_office->id();
        old.append(record);
    }
    HUIJI_VERIFY_OK(m_office->profile().history().merge(old, {m_office->profile().device()}));

    QTest::mouseClick(collect, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(answer(), u"办公室电脑 handed over 3 records: 3 new, 0 already here."_s, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_desktop->profile().history().older({u"alice"_s, u"bob"_s, {}}, std::nullopt, 10)
                                  .value_or(HistoryPage{}).records.size(),
                              3, networkTimeoutMs);

    // Asking again finds nothing new.
    QTest::mouseClick(collect, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(answer(), u"办公室电脑 handed over 3 records: 0 new, 3 already here."_s, networkTimeoutMs);
    save(*m_page, u"storage-terminal-collected"_s);
}

// Several storage terminals (claims 2-4): the selected device added as a secondary shows as one
// here and on the server; making it the primary promotes it; removing it leaves no role.
void tst_StorageTerminalPage::addsASecondaryPromotesAndRemovesIt()
{
    clickAndWait("makeThisTerminal");
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_desktop->id()), u"Primary terminal"_s, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    clickRow(m_thinkpad->id());
    QVERIFY(!part<QPushButton>("removeTerminal")->isEnabled()); // no role to remove yet

    clickAndWait("addSecondaryTerminal");
    QCOMPARE(answer(), u"ThinkPad is now a secondary storage terminal."_s);
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_thinkpad->id()), u"Secondary terminal"_s, networkTimeoutMs);
    QCOMPARE(roleOnServer(m_thinkpad->id()), std::optional(wire::TerminalRole::Secondary));
    QTRY_VERIFY_WITH_TIMEOUT(m_office->session().terminals().contains(
                                 (wire::TerminalEntry{m_thinkpad->id(), wire::TerminalRole::Secondary})),
                             networkTimeoutMs);
    QCOMPARE(roleShown(m_desktop->id()), u"Primary terminal"_s);
    QCOMPARE(part<QLabel>("currentTerminal")->text(),
             u"This machine is the storage terminal. Secondary terminals: ThinkPad."_s);
    QVERIFY(!part<QPushButton>("addSecondaryTerminal")->isEnabled()); // it already is one
    QVERIFY(part<QPushButton>("removeTerminal")->isEnabled());
    save(*m_page, u"storage-terminal-secondary"_s);

    // The promotion: the secondary becomes the primary, this machine no terminal at all.
    clickAndWait("makeSelectedTerminal");
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_thinkpad->id()), u"Primary terminal"_s, networkTimeoutMs);
    QCOMPARE(roleOnServer(m_thinkpad->id()), std::optional(wire::TerminalRole::Primary));
    QTRY_COMPARE_WITH_TIMEOUT(m_desktop->session().terminalDevice(), std::optional(m_thinkpad->id()), networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    QCOMPARE(part<QLabel>("currentTerminal")->text(), u"The storage terminal is ThinkPad."_s);

    clickAndWait("removeTerminal");
    QCOMPARE(answer(), u"ThinkPad is no longer a storage terminal; nothing it was due is lost."_s);
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_thinkpad->id()), QString(), networkTimeoutMs);
    QCOMPARE(roleOnServer(m_thinkpad->id()), std::optional(wire::TerminalRole::None));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    QVERIFY(!part<QPushButton>("removeTerminal")->isEnabled());
}

// A role set on another device reaches this page by the server's push alone.
void tst_StorageTerminalPage::rolesFollowAnotherDevicesChange()
{
    AccountService office(m_office->session());
    std::optional<Result<void>> done;
    office.addSecondaryTerminal(m_phone->id(), m_password, [&](Result<void> result) { done = result; });
    QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), networkTimeoutMs);
    HUIJI_VERIFY_OK(*done);
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_phone->id()), u"Secondary terminal"_s, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(part<QLabel>("currentTerminal")->text(),
                              u"No device is the storage terminal. Secondary terminals: Phone."_s, networkTimeoutMs);
    // The server as a secondary too (claim 5).
    HUIJI_VERIFY_OK(m_office->ask(wire::archiveSet, withPassword(QCborMap{{u"enabled"_s, true}}, m_password)));
    QTRY_COMPARE_WITH_TIMEOUT(
        part<QLabel>("currentTerminal")->text(),
        u"No device is the storage terminal. Secondary terminals: Phone. The server keeps an archive too."_s,
        networkTimeoutMs);
}

void tst_StorageTerminalPage::save(QWidget &widget, const QString &name)
{
    const QPixmap shot = widget.grab();
    QCOMPARE(shot.deviceIndependentSize().toSize(), widget.size());
    if (const QString folder = qEnvironmentVariable("HUIJI_SCREENSHOTS"); !folder.isEmpty())
        QVERIFY(shot.save(folder + u"/"_s + name + u".png"_s));
}

// Pictures of the page and the dialog with alice's four devices, light and dark, for people to
// look at (saved when HUIJI_SCREENSHOTS names a folder).
void tst_StorageTerminalPage::screenshots()
{
    clickAndWait("makeThisTerminal");
    QTRY_COMPARE_WITH_TIMEOUT(roleShown(m_desktop->id()), u"Primary terminal"_s, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), networkTimeoutMs);
    save(*m_page, u"storage-terminal-all"_s);
    clickRow(m_thinkpad->id());
    choose(part<QComboBox>("usageWindow"), 90);
    save(*m_page, u"storage-terminal-thinkpad-90"_s);

    SettingsDialog dialog(m_desktop->session(), *m_account);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.storageTerminalPage()->isBusy(), networkTimeoutMs);
    QCOMPARE(dialog.storageTerminalPage()->model()->rowCount(), 4);
    save(dialog, u"settings-storage-terminal"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.serverArchivePage()->isBusy() && !dialog.directLinksPage()->isBusy(),
                             networkTimeoutMs);
    dialog.showSection(SettingsDialog::Section::ServerArchive);
    save(dialog, u"settings-server-archive"_s);
    dialog.showSection(SettingsDialog::Section::DirectLinks);
    save(dialog, u"settings-direct-links"_s);
    dialog.showSection(SettingsDialog::Section::StorageTerminal);
    dialog.setPalette(darkPalette());
    save(dialog, u"settings-storage-terminal-dark"_s);
    dialog.showSection(SettingsDialog::Section::DirectLinks);
    save(dialog, u"settings-direct-links-dark"_s);
    dialog.showSection(SettingsDialog::Section::General);
    save(dialog, u"settings-general-dark"_s);
}

} // namespace huiji

QTEST_MAIN(huiji::tst_StorageTerminalPage)
#include "tst_storageterminalpage.moc"

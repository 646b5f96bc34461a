// The chat window against a real in-process server, driven by typed keys and mouse clicks: alice
// writes to bob and bob's window counts it unread until he opens it; Shift+Enter breaks the line;
// a message written while the server is away is shown as sending and goes out when it is back;
// the delivery ticks, "sent from Laptop", presence, the requests, the merge progress of a storage
// terminal, the one-time storage-terminal offer, and older pages loading as the user scrolls up.
// With HUIJI_SCREENSHOTS naming a folder it also saves the window in light and dark palettes.

#include "DarkPalette.h"
#include "ReauthTyping.h"
#include "TestNetwork.h"

#include "ui/Composer.h"
#include "ui/ConnectionStatus.h"
#include "ui/ContactListModel.h"
#include "ui/ConversationModel.h"
#include "ui/ConversationPane.h"
#include "ui/ConversationView.h"
#include "ui/MainWindow.h"
#include "ui/TerminalOfferBar.h"

#include "client/AccountService.h"
#include "protocol/RecordId.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialog>
#include <QPointer>
#include <QStatusBar>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSettings>
#include <QTranslator>
#include <QToolButton>

namespace huiji {

// Types as a person would: Latin text key by key, Chinese as an input method commits it.
void typeInto(QWidget *widget, const QString &text)
{
    qsizetype from = 0;
    while (from < text.size()) {
        const bool latin = text.at(from).unicode() < 128;
        qsizetype to = from;
        while (to < text.size() && (text.at(to).unicode() < 128) == latin)
            ++to;
        const QString run = text.mid(from, to - from);
        if (latin) {
            QTest::keyClicks(widget, run);
        } else {
            QInputMethodEvent commit;
            commit.setCommitString(run);
            QApplication::sendEvent(widget, &commit);
        }
        from = to;
    }
}

// One device with its window, as the app wires them.
struct Desk {
    std::unique_ptr<TestDevice> device;
    std::unique_ptr<AccountService> account;
    std::unique_ptr<MainWindow> window;

    ConversationModel &conversation() const { return *window->conversation()->model(); }
    QPlainTextEdit &editor() const { return *window->conversation()->composer()->editor(); }
    int unread(const QString &user) const
    {
        const int row = window->contacts()->rowOf(user);
        return row < 0 ? -1 : window->contacts()->index(row).data(ContactListModel::UnreadRole).toInt();
    }
    ConversationModel::DeliveryState state(int row) const
    {
        return ConversationModel::DeliveryState(conversation().index(row).data(ConversationModel::DeliveryStateRole).toInt());
    }
};

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void typedMessageReachesBobUnreadUntilOpened();
    void shiftEnterBreaksTheLine();
    void writtenOfflineIsSentWhenTheServerIsBack();
    void anotherDeviceOfMineShowsSentFromLaptop();
    void presenceShowsInListAndHeader();
    void addAndAcceptAContact();
    void filterBoxFindsAndOpensAContact();
    void mergeProgressCountsRecordsAndDevices();
    void storageTerminalOfferIsDismissedOnce();
    void storageTerminalOfferSetsThisMachine();
    void scrollingUpLoadsOlderPages();
    void screenshots();

private:
    Desk desk(const QString &name, const QString &user, bool logIn = true);
    void openWindow(Desk &desk);
    void setUpAliceAndBob();
    void click(MainWindow &window, const QString &user);
    void type(Desk &desk, const QString &text);
    void enter(Desk &desk, Qt::KeyboardModifiers modifiers = Qt::NoModifier);

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TestServer> m_server;
    QSet<QString> m_registered;
    Desk m_alice, m_bob;
    QTranslator m_english; // the plural forms of the English source ("%n record(s)")
    const QByteArray m_password = "secret-" + QByteArray::number(QRandomGenerator::global()->generate());
};

void tst_MainWindow::initTestCase()
{
    QVERIFY(m_english.load(u":/i18n/huiji_en.qm"_s));
    QCoreApplication::installTranslator(&m_english);
}

void tst_MainWindow::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_server = std::make_unique<TestServer>(m_directory->filePath(u"server"_s));
    QVERIFY(m_server->start());
}

void tst_MainWindow::cleanup()
{
    m_alice = {};
    m_bob = {};
    m_server.reset();
    m_directory.reset();
    m_registered.clear();
}

Desk tst_MainWindow::desk(const QString &name, const QString &user, bool logIn)
{
    Desk made;
    made.device = std::make_unique<TestDevice>(m_directory->filePath(name), name, user, m_server->port());
    made.account = std::make_unique<AccountService>(made.device->session());
    // The first device of an account registers it.
    if (logIn && !made.device->logIn(m_password, !m_registered.contains(user)))
        qWarning("%s could not log in", qPrintable(name));
    if (logIn)
        m_registered.insert(user);
    return made;
}

void tst_MainWindow::openWindow(Desk &desk)
{
    desk.window = std::make_unique<MainWindow>(desk.device->session(), *desk.account);
    desk.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(desk.window.get()));
}

void tst_MainWindow::setUpAliceAndBob()
{
    m_alice = desk(u"Desktop"_s, u"alice"_s);
    m_bob = desk(u"bob-pc"_s, u"bob"_s);
    QCOMPARE(m_alice.device->session().state(), Session::State::Online);
    QCOMPARE(m_bob.device->session().state(), Session::State::Online);
    makeContacts(*m_alice.device, *m_bob.device);
    openWindow(m_alice);
    openWindow(m_bob);
}

void tst_MainWindow::click(MainWindow &window, const QString &user)
{
    QListView *list = window.contactList();
    for (int row = 0; row < list->model()->rowCount(); ++row) {
        const QModelIndex index = list->model()->index(row, 0);
        if (index.data(ContactListModel::UserRole).toString() == user) {
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
            QCOMPARE(window.conversation()->contact(), user);
            return;
        }
    }
    QFAIL(qPrintable(u"%1 is not in the list"_s.arg(user)));
}

void tst_MainWindow::type(Desk &desk, const QString &text)
{
    desk.editor().setFocus();
    typeInto(&desk.editor(), text);
}

void tst_MainWindow::enter(Desk &desk, Qt::KeyboardModifiers modifiers)
{
    QTest::keyClick(&desk.editor(), Qt::Key_Return, modifiers);
}

void tst_MainWindow::typedMessageReachesBobUnreadUntilOpened()
{
    setUpAliceAndBob();
    QSignalSpy bobTotal(m_bob.window.get(), &MainWindow::unreadTotalChanged);
    click(*m_alice.window, u"bob"_s);
    type(m_alice, u"Hello Bob, 你好！"_s);
    enter(m_alice);
    QCOMPARE(m_alice.editor().toPlainText(), QString()); // sent, so cleared
    QCOMPARE(m_alice.conversation().rowCount(), 1);
    QCOMPARE(m_alice.conversation().index(0).data().toString(), u"Hello Bob, 你好！"_s);

    // Bob has not opened alice's conversation: it waits, counted.
    QTRY_COMPARE_WITH_TIMEOUT(m_bob.unread(u"alice"_s), 1, networkTimeoutMs);
    QCOMPARE(m_bob.window->unreadTotal(), 1);
    QCOMPARE(bobTotal.last().first().toInt(), 1);
    QCOMPARE(m_bob.conversation().rowCount(), 0);

    click(*m_bob.window, u"alice"_s);
    QCOMPARE(m_bob.unread(u"alice"_s), 0);
    QCOMPARE(m_bob.window->unreadTotal(), 0);
    QCOMPARE(bobTotal.last().first().toInt(), 0);
    QCOMPARE(m_bob.conversation().rowCount(), 1);
    QCOMPARE(m_bob.conversation().index(0).data().toString(), u"Hello Bob, 你好！"_s);

    // While bob looks at the conversation, what arrives in it is read at once.
    m_bob.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_bob.window.get()));
    type(m_alice, u"Are you free at three?"_s);
    enter(m_alice);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob.conversation().rowCount(), 2, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob.window->unreadTotal(), 0, networkTimeoutMs);
    QCOMPARE(m_bob.unread(u"alice"_s), 0);
}

void tst_MainWindow::shiftEnterBreaksTheLine()
{
    setUpAliceAndBob();
    click(*m_alice.window, u"bob"_s);
    type(m_alice, u"first line"_s);
    enter(m_alice, Qt::ShiftModifier);
    type(m_alice, u"第二行"_s);
    QCOMPARE(m_alice.editor().toPlainText(), u"first line\n第二行"_s);
    QCOMPARE(m_alice.conversation().rowCount(), 0); // nothing sent yet

    enter(m_alice);
    QCOMPARE(m_alice.conversation().rowCount(), 1);
    QCOMPARE(m_alice.conversation().index(0).data().toString(), u"first line\n第二行"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob.unread(u"alice"_s), 1, networkTimeoutMs);

    // Enter on an empty composer sends nothing; the Send button sends like Enter.
    enter(m_alice);
    QCOMPARE(m_alice.conversation().rowCount(), 1);
    type(m_alice, u"by the button"_s);
    auto *send = m_alice.window->conversation()->composer()->findChild<QPushButton *>();
    QVERIFY(send && send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(m_alice.conversation().rowCount(), 2);
}

void tst_MainWindow::writtenOfflineIsSentWhenTheServerIsBack()
{
    setUpAliceAndBob();
    click(*m_alice.window, u"bob"_s);
    QVERIFY(m_bob.device->goOffline()); // bob away, so "stored" is seen before "delivered"
    ConnectionStatus *status = m_alice.window->connectionStatus();
    QCOMPARE(status->stateText(), u"Online"_s);

    m_server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(status->stateText().startsWith(u"Offline — retrying"_s), networkTimeoutMs);
    type(m_alice, u"Written while the server was down / 服务器断了"_s);
    enter(m_alice);
    QCOMPARE(m_alice.editor().toPlainText(), QString());
    QCOMPARE(m_alice.conversation().rowCount(), 1);
    QCOMPARE(m_alice.state(0), ConversationModel::DeliveryState::Sending);

    QVERIFY(m_server->start());
    QTRY_COMPARE_WITH_TIMEOUT(status->stateText(), u"Online"_s, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_alice.state(0), ConversationModel::DeliveryState::Stored, networkTimeoutMs);

    QVERIFY(m_bob.device->logIn(m_password));
    QTRY_COMPARE_WITH_TIMEOUT(m_alice.state(0), ConversationModel::DeliveryState::Delivered, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob.unread(u"alice"_s), 1, networkTimeoutMs);
}

void tst_MainWindow::anotherDeviceOfMineShowsSentFromLaptop()
{
    setUpAliceAndBob();
    Desk laptop = desk(u"Laptop"_s, u"alice"_s);
    click(*m_alice.window, u"bob"_s);
    HUIJI_VERIFY_OK(laptop.device->session().sendMessage(u"bob"_s, u"Sent from my laptop, 笔记本"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_alice.conversation().rowCount(), 1, networkTimeoutMs);
    const QModelIndex row = m_alice.conversation().index(0);
    QCOMPARE(row.data(ConversationModel::OtherDeviceLabelRole).toString(), u"Laptop"_s);
    QVERIFY(row.data(ConversationModel::OutgoingRole).toBool());
    // Alice's own message is not unread, whichever device wrote it.
    QCOMPARE(m_alice.unread(u"bob"_s), 0);

    // The label takes a line of its own under the bubble.
    type(m_alice, u"Sent from my laptop, 笔记本"_s);
    enter(m_alice);
    ConversationView *view = m_alice.window->conversation()->view();
    QTRY_COMPARE(view->model()->rowCount(), 2);
    QTRY_VERIFY(view->visualRect(view->model()->index(0, 0)).height() > view->visualRect(view->model()->index(1, 0)).height());
}

void tst_MainWindow::presenceShowsInListAndHeader()
{
    setUpAliceAndBob();
    click(*m_alice.window, u"bob"_s);
    const auto header = [&] {
        for (QLabel *label : m_alice.window->conversation()->findChildren<QLabel *>())
            if (label->accessibleName() == u"Presence"_s)
                return label->text();
        return QString();
    };
    QCOMPARE(header(), u"online"_s);
    QVERIFY(m_bob.device->goOffline());
    QTRY_COMPARE_WITH_TIMEOUT(header(), u"offline"_s, networkTimeoutMs);
    QCOMPARE(m_alice.window->contacts()->index(0).data(ContactListModel::OnlineRole).toBool(), false);
    QVERIFY(m_bob.device->logIn(m_password));
    QTRY_COMPARE_WITH_TIMEOUT(header(), u"online"_s, networkTimeoutMs);
}

void tst_MainWindow::addAndAcceptAContact()
{
    setUpAliceAndBob();
    Desk carol = desk(u"carol-pc"_s, u"carol"_s);
    openWindow(carol);

    // Alice adds carol through the dialog, typing her name.
    auto *add = m_alice.window->findChild<QToolButton *>();
    QVERIFY(add);
    QTest::mouseClick(add, Qt::LeftButton);
    QDialog *shown = nullptr;
    QTRY_VERIFY((shown = m_alice.window->findChild<QDialog *>()) && shown->isVisible());
    const QPointer<QDialog> dialog(shown);
    auto *name = shown->findChild<QLineEdit *>();
    QTest::keyClicks(name, u"carol"_s);
    QTest::keyClick(name, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, networkTimeoutMs); // closed (and deleted) once the server said yes
    QVERIFY(m_alice.window->statusBar()->currentMessage().contains(u"carol"_s));

    // Carol sees the request, opens it and accepts.
    QTRY_VERIFY_WITH_TIMEOUT(carol.window->contacts()->rowOf(u"alice"_s) >= 0, networkTimeoutMs);
    click(*carol.window, u"alice"_s);
    QPushButton *accept = carol.window->conversation()->acceptButton();
    QVERIFY(accept->isVisible());
    QTest::mouseClick(accept, Qt::LeftButton);
    // Both sides now have a conversation to write in.
    QTRY_VERIFY_WITH_TIMEOUT(carol.window->conversation()->composer()->isVisible(), networkTimeoutMs);
    QVERIFY(carol.window->conversation()->composer()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(m_alice.window->contacts()->index(m_alice.window->contacts()->rowOf(u"carol"_s))
                                  .data(ContactListModel::KindRole).toInt(),
                              int(ContactListModel::Kind::Contact), networkTimeoutMs);
}

void tst_MainWindow::filterBoxFindsAndOpensAContact()
{
    setUpAliceAndBob();
    Desk carol = desk(u"carol-pc"_s, u"carol"_s);
    makeContacts(*carol.device, *m_alice.device);
    QTRY_COMPARE_WITH_TIMEOUT(m_alice.window->contactList()->model()->rowCount(), 2, networkTimeoutMs);
    QLineEdit *filter = m_alice.window->filterBox();
    QTest::keyClicks(filter, u"CAR"_s);
    QCOMPARE(m_alice.window->contactList()->model()->rowCount(), 1);
    QTest::keyClick(filter, Qt::Key_Return);
    QCOMPARE(m_alice.window->conversation()->contact(), u"carol"_s);
    QCOMPARE(m_alice.window->focusWidget(), m_alice.window->contactList());
}

void tst_MainWindow::mergeProgressCountsRecordsAndDevices()
{
    m_alice = desk(u"Desktop"_s, u"alice"_s);
    m_bob = desk(u"bob-pc"_s, u"bob"_s);
    makeContacts(*m_alice.device, *m_bob.device);
    HUIJI_VERIFY_OK(m_alice.device->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_password)));
    QVERIFY(m_alice.device->goOffline());
    openWindow(m_alice);
    click(*m_alice.window, u"bob"_s);

    // While the storage terminal is away, the laptop and the phone talk to bob.
    Desk laptop = desk(u"Laptop"_s, u"alice"_s);
    Desk phone = desk(u"Phone"_s, u"alice"_s);
    for (Desk *device : {&laptop, &phone}) {
        QSignalSpy stored(&device->device->session(), &Session::messageStored);
        HUIJI_VERIFY_OK(device->device->session().sendMessage(u"bob"_s, u"one from %1"_s.arg(device->device->profile().device().name)));
        HUIJI_VERIFY_OK(device->device->session().sendMessage(u"bob"_s, u"二 from %1"_s.arg(device->device->profile().device().name)));
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 2, networkTimeoutMs);
    }

    ConnectionStatus *status = m_alice.window->connectionStatus();
    QStringList seen;
    bool progressShown = false;
    Session &session = m_alice.device->session();
    connect(&session, &Session::ready, status, [&] { progressShown = status->isMerging(); });
    connect(&session, &Session::recordsMerged, status, [&] { seen.append(status->mergeText()); });
    QSignalSpy caughtUp(&session, &Session::caughtUp);
    QVERIFY(m_alice.device->logIn(m_password));
    QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty(), networkTimeoutMs);
    QVERIFY(progressShown);
    QVERIFY2(seen.contains(u"Merging 4 of 4 records from 2 devices"_s), qPrintable(seen.join(u" | "_s)));
    QVERIFY(!status->isMerging());
    QCOMPARE(status->mergeText(), QString());
    // The open conversation took them in as they landed.
    QCOMPARE(m_alice.conversation().rowCount(), 4);
}

void tst_MainWindow::storageTerminalOfferIsDismissedOnce()
{
    m_alice = desk(u"Desktop"_s, u"alice"_s);
    openWindow(m_alice); // after the login, as an app that logs in first would
    TerminalOfferBar *offer = m_alice.window->terminalOffer();
    QVERIFY(offer->isVisible());
    QTest::mouseClick(offer->dismissButton(), Qt::LeftButton);
    QVERIFY(!offer->isVisible());
    QCOMPARE(QSettings(m_alice.device->profile().directory() + u"/ui.ini"_s, QSettings::IniFormat)
                 .value(u"terminalOffer/answered"_s).toBool(),
             true);

    // The next run does not ask again, though still no terminal is set.
    m_alice.window.reset();
    QVERIFY(m_alice.device->goOffline());
    openWindow(m_alice);
    QVERIFY(m_alice.device->logIn(m_password));
    QVERIFY(!m_alice.device->session().terminalDevice());
    QVERIFY(!m_alice.window->terminalOffer()->isVisible());
}

void tst_MainWindow::storageTerminalOfferSetsThisMachine()
{
    m_bob = desk(u"bob-pc"_s, u"bob"_s, false);
    openWindow(m_bob); // before the login, as an app that shows the window first would
    TerminalOfferBar *offer = m_bob.window->terminalOffer();
    QVERIFY(!offer->isVisible());
    QVERIFY(m_bob.device->logIn(m_password, true));
    m_registered.insert(u"bob"_s);
    QTRY_VERIFY(offer->isVisible());
    QTest::mouseClick(offer->acceptButton(), Qt::LeftButton);
    QVERIFY(confirmWithPassword(*offer, m_password)); // the server wants the password again for it
    QTRY_VERIFY_WITH_TIMEOUT(m_bob.device->session().isStorageTerminal(), networkTimeoutMs);
    QCOMPARE(m_bob.device->session().terminalDevice(), std::optional(m_bob.device->id()));
    QVERIFY(!offer->isVisible());

    // Another device of bob's, logging in now that a terminal is set, is not offered it.
    Desk laptop = desk(u"bob-laptop"_s, u"bob"_s);
    openWindow(laptop);
    QVERIFY(!laptop.window->terminalOffer()->isVisible());
}

void tst_MainWindow::scrollingUpLoadsOlderPages()
{
    m_alice = desk(u"Desktop"_s, u"alice"_s, false);
    QList<Record> records;
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - 300 * 60'000;
    for (int i = 0; i < 300; ++i) {
        Record record;
        record.id = RecordId::create(start + i * 60'000);
        record.account = u"alice"_s;
        record.contact = u"bob"_s;
        record.direction = i % 2 ? Direction::Incoming : Direction::Outgoing;
        record.sender = i % 2 ? u"bob"_s : u"alice"_s;
        record.body = u"message %1, 第%1条"_s.arg(i);
        record.originDevice = m_alice.device->id();
        record.deviceTime = start + i * 60'000;
        records.append(record);
    }
    HUIJI_VERIFY_OK(m_alice.device->profile().history().merge(records, {m_alice.device->profile().device()}));
    openWindow(m_alice);
    m_alice.window->openConversation(u"bob"_s);
    ConversationView *view = m_alice.window->conversation()->view();
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
    QCoreApplication::processEvents();
    // It opens at the newest message, with one page read.
    QCOMPARE(m_alice.conversation().rowCount(), 50);
    QVERIFY(view->isAtBottom());

    view->verticalScrollBar()->setValue(0);
    const QModelIndex top = view->indexAt(QPoint(view->viewport()->width() / 2, 4));
    const QUuid topId = top.data(ConversationModel::IdRole).toUuid();
    const int bubbleY = view->visualRect(top).bottom() - 6;
    QTRY_COMPARE(m_alice.conversation().rowCount(), 100);
    // What the user was reading stays where it was while the page lands above it.
    QTRY_COMPARE(view->indexAt(QPoint(view->viewport()->width() / 2, bubbleY)).data(ConversationModel::IdRole).toUuid(), topId);
    QVERIFY(view->verticalScrollBar()->value() > 0);
    QCOMPARE(m_alice.conversation().index(0).data().toString(), u"message 200, 第200条"_s);

    // To the very beginning, with the model checked as the view changes it.
    QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT((view->verticalScrollBar()->setValue(0), m_alice.conversation().rowCount() == 300), networkTimeoutMs);
    QVERIFY(!m_alice.conversation().canFetchMore({}));
    QCOMPARE(m_alice.conversation().index(0).data().toString(), u"message 0, 第0条"_s);
}

void tst_MainWindow::screenshots()
{
    // Three of alice's devices, bob, and a few more people; two days of conversation.
    setUpAliceAndBob();
    Desk laptop = desk(u"Laptop"_s, u"alice"_s);
    Desk phone = desk(u"Phone"_s, u"alice"_s);
    Desk carol = desk(u"carol-pc"_s, u"carol"_s);
    Desk wang = desk(u"wang-pc"_s, u"wang.fang"_s);
    Desk dave = desk(u"dave-pc"_s, u"dave"_s);
    makeContacts(*carol.device, *m_alice.device);
    makeContacts(*m_alice.device, *wang.device);
    HUIJI_VERIFY_OK(dave.device->ask(wire::contactAdd, QCborMap{{u"user"_s, u"alice"_s}}));

    // The story's last lines are this morning's, until 10:01: run before that, they would be later
    // than what alice writes below, and her new messages would not be the last rows. Then the
    // story is yesterday's.
    const QDate today = QDate::currentDate().addDays(QTime::currentTime() < QTime(10, 30) ? -1 : 0);
    const auto at = [&](int daysAgo, int hour, int minute) {
        return QDateTime(today.addDays(-daysAgo), QTime(hour, minute)).toMSecsSinceEpoch();
    };
    struct Line {
        TestDevice *from;
        qint64 time;
        QString body;
    };
    const QList<Line> lines = {
        {laptop.device.get(), at(1, 9, 12), u"Morning! Did the nightly build pass?"_s},
        {m_bob.device.get(), at(1, 9, 14), u"Yes, all green. 测试报告我发到群里了。"_s},
        {laptop.device.get(), at(1, 9, 15), u"好的，谢谢！I'll read it on the train."_s},
        {phone.device.get(), at(1, 18, 40), u"On my way home — 今晚的会改到明天上午十点，可以吗？"_s},
        {m_bob.device.get(), at(1, 18, 52), u"没问题，明天十点见。"_s},
        {m_bob.device.get(), at(0, 9, 58),
         u"I'm in room 3. The projector is broken again, so bring your laptop with the slides. 投影仪又坏了，记得带笔记本。"_s},
        {m_alice.device.get(), at(0, 9, 59), u"Coming, two minutes."_s},
        {m_alice.device.get(), at(0, 10, 1), u"Here are the slides: https://example.org/huiji/roadmap-2025-q3-final-final.pdf"_s},
    };
    QList<Record> records;
    for (const Line &line : lines) {
        const bool fromBob = line.from == m_bob.device.get();
        Record record;
        record.id = RecordId::create(line.time);
        record.account = u"alice"_s;
        record.contact = u"bob"_s;
        record.direction = fromBob ? Direction::Incoming : Direction::Outgoing;
        record.sender = fromBob ? u"bob"_s : u"alice"_s;
        record.body = line.body;
        record.originDevice = fromBob ? m_alice.device->id() : line.from->id();
        record.deviceTime = line.time;
        record.serverTime = line.time;
        record.arrival = line.from == m_alice.device.get() ? Arrival::Local : Arrival::Relayed;
        records.append(record);
    }
    HUIJI_VERIFY_OK(m_alice.device->profile().history().merge(
        records, {m_alice.device->profile().device(), laptop.device->profile().device(), phone.device->profile().device()}));
    HUIJI_VERIFY_OK(m_alice.device->profile().history().markDelivered(records.at(6).sender, {records.at(6).id}, at(0, 10, 0)));
    m_alice.window.reset(); // a new window reads the history as it is now
    openWindow(m_alice);
    HUIJI_VERIFY_OK(carol.device->session().sendMessage(u"alice"_s, u"Lunch tomorrow?"_s));
    HUIJI_VERIFY_OK(wang.device->session().sendMessage(u"alice"_s, u"文件我已经改好了，请查收。"_s));
    HUIJI_VERIFY_OK(wang.device->session().sendMessage(u"alice"_s, u"有问题随时找我"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_alice.window->unreadTotal(), 3, networkTimeoutMs);
    m_alice.window->openConversation(u"bob"_s);
    QVERIFY(m_bob.device->goOffline());
    type(m_alice, u"Sorry, one more thing"_s);
    enter(m_alice);
    m_alice.window->resize(1000, 700);

    const QString folder = qEnvironmentVariable("HUIJI_SCREENSHOTS");
    const QPalette system = QApplication::palette();
    for (const bool dark : {false, true}) {
        if (dark) {
            // Offline now: the next message waits in the outbox, the status bar counts down.
            m_server->stop();
            QTRY_VERIFY_WITH_TIMEOUT(m_alice.device->session().state() != Session::State::Online, networkTimeoutMs);
            type(m_alice, u"Still there? 还在吗？"_s);
            enter(m_alice);
            QCOMPARE(m_alice.state(m_alice.conversation().rowCount() - 1), ConversationModel::DeliveryState::Sending);
            type(m_alice, u"明天见"_s);
            QApplication::setPalette(darkPalette());
        }
        QCoreApplication::processEvents(); // the palette change reaches the widgets
        // The status bar has taken in the last state text ("Offline — retrying in 1 s").
        const QList<QLabel *> labels = m_alice.window->connectionStatus()->findChildren<QLabel *>();
        const auto state = std::ranges::find(labels, u"Connection"_s, &QLabel::accessibleName);
        QVERIFY(state != labels.end());
        QTRY_VERIFY((*state)->width() >= (*state)->sizeHint().width());
        const QImage shot = m_alice.window->grab().toImage();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.size(), m_alice.window->size() * shot.devicePixelRatio());
        if (!folder.isEmpty())
            QVERIFY(shot.save(u"%1/main-window-%2.png"_s.arg(folder, dark ? u"dark"_s : u"light"_s)));
    }
    QApplication::setPalette(system);

    // Narrow, with Chinese dates and times: bubbles rewrap to the width.
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    m_alice.window->resize(720, 560);
    ConversationView *view = m_alice.window->conversation()->view();
    QTRY_COMPARE(view->visualRect(view->model()->index(0, 0)).width(), view->viewport()->width());
    const QImage narrow = m_alice.window->grab().toImage();
    QLocale::setDefault(QLocale::c());
    QVERIFY(!narrow.isNull());
    if (!folder.isEmpty())
        QVERIFY(narrow.save(u"%1/main-window-narrow-zh.png"_s.arg(folder)));
}

} // namespace huiji

QTEST_MAIN(huiji::tst_MainWindow)
#include "tst_mainwindow.moc"

// The tray icon against a real in-process server: a notification for messages new to this machine
// while its window is not in front, none while it is or for what another device of the account saw
// first, the unread count in the tooltip and as a badge, and a click bringing the window back.

#include "TestNetwork.h"

#include "ui/TrayNotifier.h"

#include <QRandomGenerator>
#include <QSystemTrayIcon>
#include <QWidget>

namespace huiji {

class tst_TrayNotifier : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void notifiesWhileTheWindowIsNotInFront();
    void staysQuietWhileTheWindowIsActive();
    void summarisesWhatWaitedOnTheServer();
    void staysQuietForWhatAnotherDeviceSawFirst();
    void showsTheUnreadCountAsABadge();
    void clickingTheIconBringsTheWindowBack();

private:
    std::unique_ptr<TestDevice> device(const QString &name, const QString &user);
    // Waits until the desktop has merged `count` more records.
    bool waitForMerged(QSignalSpy &merged, qsizetype count);
    void say(TestDevice &from, const QString &to, const QString &text);

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestDevice> m_desktop, m_laptop, m_bob, m_carol;
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<TrayNotifier> m_tray;
    const QByteArray m_password = "secret-" + QByteArray::number(QRandomGenerator::global()->generate());
};

std::unique_ptr<TestDevice> tst_TrayNotifier::device(const QString &name, const QString &user)
{
    return std::make_unique<TestDevice>(m_directory->filePath(name), name, user, m_server->port());
}

void tst_TrayNotifier::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_server = std::make_unique<TestServer>(m_directory->filePath(u"server"_s));
    QVERIFY(m_server->start());
    m_desktop = device(u"desktop"_s, u"alice"_s);
    m_laptop = device(u"laptop"_s, u"alice"_s);
    m_bob = device(u"bob-pc"_s, u"bob"_s);
    m_carol = device(u"carol-pc"_s, u"carol"_s);
    QVERIFY(m_desktop->logIn(m_password, true));
    QVERIFY(m_laptop->logIn(m_password));
    QVERIFY(m_bob->logIn(m_password, true));
    QVERIFY(m_carol->logIn(m_password, true));
    HUIJI_VERIFY_OK(m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_password)));
    makeContacts(*m_desktop, *m_bob);
    makeContacts(*m_carol, *m_desktop);
    QVERIFY(m_laptop->goOffline());

    m_window = std::make_unique<QWidget>();
    m_window->setWindowTitle(u"Huiji"_s);
    m_window->resize(400, 300);
    m_tray = std::make_unique<TrayNotifier>(m_desktop->session(), *m_window);
}

void tst_TrayNotifier::cleanup()
{
    m_tray.reset();
    m_window.reset();
    m_desktop.reset();
    m_laptop.reset();
    m_bob.reset();
    m_carol.reset();
    m_server.reset();
    m_directory.reset();
}

bool tst_TrayNotifier::waitForMerged(QSignalSpy &merged, qsizetype count)
{
    return QTest::qWaitFor(
        [&] {
            qsizetype records = 0;
            for (const QList<QVariant> &arguments : std::as_const(merged))
                records += arguments.first().value<QList<Record>>().size();
            return records >= count;
        },
        networkTimeoutMs);
}

void tst_TrayNotifier::say(TestDevice &from, const QString &to, const QString &text)
{
    QSignalSpy stored(&from.session(), &Session::messageStored);
    HUIJI_VERIFY_OK(from.session().sendMessage(to, text));
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
}

void tst_TrayNotifier::notifiesWhileTheWindowIsNotInFront()
{
    QSignalSpy notified(m_tray.get(), &TrayNotifier::notified);
    say(*m_bob, u"alice"_s, u"你好，今晚的发布还顺利吗？"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 1, networkTimeoutMs);
    QCOMPARE(notified.first().at(0).toString(), u"bob"_s);
    QCOMPARE(notified.first().at(1).toString(), u"你好，今晚的发布还顺利吗？"_s);

    // Long messages are cut to their start, on one line.
    const QString longText = u"The release notes, line one.\n"_s + QString(300, u'x');
    say(*m_bob, u"alice"_s, longText);
    QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 2, networkTimeoutMs);
    const QString shown = notified.last().at(1).toString();
    QVERIFY(shown.startsWith(u"The release notes, line one. xxx"_s));
    QVERIFY(shown.endsWith(u'…'));
    QVERIFY(shown.size() < 200);
}

void tst_TrayNotifier::staysQuietWhileTheWindowIsActive()
{
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QSignalSpy notified(m_tray.get(), &TrayNotifier::notified);
    QSignalSpy merged(&m_desktop->session(), &Session::recordsMerged);
    say(*m_bob, u"alice"_s, u"Are you there?"_s);
    QVERIFY(waitForMerged(merged, 1));
    QVERIFY(notified.isEmpty());

    // Minimised, it is not in front any more.
    m_window->showMinimized();
    say(*m_bob, u"alice"_s, u"Now?"_s);
    QVERIFY(waitForMerged(merged, 2));
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.first().at(1).toString(), u"Now?"_s);
}

void tst_TrayNotifier::summarisesWhatWaitedOnTheServer()
{
    // Every device of alice's is away; what bob and carol write waits for the storage terminal.
    QVERIFY(m_desktop->goOffline());
    say(*m_bob, u"alice"_s, u"Lunch at twelve?"_s);
    say(*m_bob, u"alice"_s, u"好的，十二点见"_s);
    say(*m_carol, u"alice"_s, u"Slides are in the shared folder."_s);
    QSignalSpy notified(m_tray.get(), &TrayNotifier::notified);
    QSignalSpy merged(&m_desktop->session(), &Session::recordsMerged);
    QVERIFY(m_desktop->logIn(m_password));
    QVERIFY(waitForMerged(merged, 3));
    QCOMPARE(merged.size(), 1); // one deliver frame, one merge
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.first().at(0).toString(), u"Huiji"_s);
    const QString message = notified.first().at(1).toString();
    QVERIFY2(message.startsWith(u"3 new messages from "_s), qPrintable(message));
    QVERIFY(message.contains(u"bob"_s) && message.contains(u"carol"_s));
}

void tst_TrayNotifier::staysQuietForWhatAnotherDeviceSawFirst()
{
    QVERIFY(m_desktop->goOffline());
    QVERIFY(m_laptop->logIn(m_password));
    QSignalSpy laptopMerged(&m_laptop->session(), &Session::recordsMerged);
    say(*m_bob, u"alice"_s, u"Seen on the laptop"_s);
    QVERIFY(waitForMerged(laptopMerged, 1)); // merged there, so acked: the laptop saw it first
    say(*m_laptop, u"bob"_s, u"Written on the laptop"_s);
    QVERIFY(m_laptop->goOffline());

    QSignalSpy notified(m_tray.get(), &TrayNotifier::notified);
    QSignalSpy merged(&m_desktop->session(), &Session::recordsMerged);
    QVERIFY(m_desktop->logIn(m_password));
    QVERIFY(waitForMerged(merged, 2));
    QVERIFY(notified.isEmpty());
}

void tst_TrayNotifier::showsTheUnreadCountAsABadge()
{
    QSystemTrayIcon &tray = m_tray->trayIcon();
    QCOMPARE(tray.toolTip(), u"Huiji"_s);
    const QImage plain = tray.icon().pixmap(32, 32).toImage();
    m_tray->setUnreadCount(3);
    QCOMPARE(m_tray->unreadCount(), 3);
    // "message(s)" until the English numerus forms (translations/huiji_en.ts) are loaded.
    QVERIFY2(tray.toolTip().startsWith(u"Huiji: 3 unread message"_s), qPrintable(tray.toolTip()));
    const QImage badged = tray.icon().pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
    QVERIFY(!plain.isNull() && !badged.isNull());
    QVERIFY(badged != plain.convertToFormat(QImage::Format_ARGB32));
    // The badge sits in the top-right corner in the palette's highlight colour.
    const QColor highlight = m_window->palette().color(QPalette::Highlight);
    int highlighted = 0;
    for (int y = 0; y < 16; ++y)
        for (int x = 16; x < 32; ++x)
            highlighted += badged.pixelColor(x, y).rgb() == highlight.rgb() ? 1 : 0;
    QVERIFY2(highlighted > 40, qPrintable(QString::number(highlighted)));
    // and leaves the rest of the icon alone (but for rounding where the icon is translucent).
    const QImage plainArgb = plain.convertToFormat(QImage::Format_ARGB32);
    int changed = 0;
    for (int y = 20; y < 32; ++y)
        for (int x = 0; x < 32; ++x) {
            const QColor a = badged.pixelColor(x, y), b = plainArgb.pixelColor(x, y);
            changed += std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue())
                               + std::abs(a.alpha() - b.alpha()) > 8 ? 1 : 0;
        }
    QCOMPARE(changed, 0);

    m_tray->setUnreadCount(120);
    QVERIFY2(tray.toolTip().startsWith(u"Huiji: 120 unread message"_s), qPrintable(tray.toolTip()));
    m_tray->setUnreadCount(0);
    QCOMPARE(tray.toolTip(), u"Huiji"_s);
    QCOMPARE(tray.icon().pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32),
             plain.convertToFormat(QImage::Format_ARGB32));
}

void tst_TrayNotifier::clickingTheIconBringsTheWindowBack()
{
    QVERIFY(!m_window->isVisible());
    emit m_tray->trayIcon().activated(QSystemTrayIcon::Trigger);
    QVERIFY(m_window->isVisible());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

    m_window->showMinimized();
    emit m_tray->trayIcon().messageClicked();
    QVERIFY(!m_window->isMinimized());
    QVERIFY(m_window->isVisible());
}

} // namespace huiji

QTEST_MAIN(huiji::tst_TrayNotifier)
#include "tst_traynotifier.moc"

// The account's typed requests (AccountService) against a real server, and what the desktop
// client builds on besides: receipts for delivered messages, the device's name, each device's
// uses per day for the settings page's chart, the password again for the sensitive changes, and
// signing devices out.

#include "TestNetwork.h"

#include "client/AccountService.h"

#include <atomic>

namespace huiji {

namespace {

constexpr qint64 dayMs = 24 * 60 * 60 * 1000;

// Runs one AccountService call and waits for its answer.
template <typename T, typename Call>
Result<T> waitFor(Call call)
{
    std::optional<Result<T>> answer;
    call([&](Result<T> result) { answer = std::move(result); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, networkTimeoutMs))
        return fail(ErrorCode::NetworkFailure, u"no answer"_s);
    return *answer;
}

} // namespace

class tst_AccountService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void contactsAreAddedAcceptedAndRemoved();
    void devicesCarryTheirUsesPerDay();
    void terminalIsSetAndClearedFromTheList();
    void sensitiveChangesTakeThePasswordAgain();
    void devicesAreSignedOut();
    void renamingThisDeviceReachesTheServerAndTheLabels();
    void renamingOfflineWaitsForTheNextLogin();
    void receiptComesOnceWhenTheRecipientHasIt();
    void requestsFailAtOnceWhenOffline();

private:
    std::unique_ptr<TestDevice> device(const QString &name, const QString &user);
    QList<wire::DeviceEntry> devicesOf(AccountService &service, wire::DeviceOrder order, int window);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestServer> m_server;
    std::atomic<qint64> m_now{0};
    QByteArray m_password;
};

void tst_AccountService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    ServerConfig config;
    config.registrationOpen = true;
    m_now = 1'700'000'000'000; // a fixed day; tests move it
    config.clock = [this] { return m_now.load(); };
    m_server = std::make_unique<TestServer>(m_dir->filePath(u"server"_s), config);
    QVERIFY(m_server->start());
    m_password = QUuid::createUuid().toByteArray(); // made up for this run
}

void tst_AccountService::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<TestDevice> tst_AccountService::device(const QString &name, const QString &user)
{
    return std::make_unique<TestDevice>(m_dir->filePath(name), name, user, m_server->port());
}

QList<wire::DeviceEntry> tst_AccountService::devicesOf(AccountService &service, wire::DeviceOrder order, int window)
{
    auto listed = waitFor<QList<wire::DeviceEntry>>([&](auto done) { service.devices(order, window, done); });
    if (!listed) {
        qWarning("devices failed: %s", qPrintable(listed.error().message));
        return {};
    }
    return *listed;
}

void tst_AccountService::contactsAreAddedAcceptedAndRemoved()
{
    auto alice = device(u"alice-pc"_s, u"alice"_s);
    auto bob = device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(alice->logIn(m_password, true));
    QVERIFY(bob->logIn(m_password, true));
    AccountService aliceService(alice->session());
    AccountService bobService(bob->session());

    auto asked = waitFor<wire::ContactState>([&](auto done) { aliceService.addContact(u"bob"_s, done); });
    HUIJI_VERIFY_OK(asked);
    QCOMPARE(*asked, wire::ContactState::Outgoing);
    QTRY_VERIFY_WITH_TIMEOUT(hasContact(*bob, u"alice"_s, wire::ContactState::Incoming), networkTimeoutMs);
    HUIJI_VERIFY_OK(waitFor<void>([&](auto done) { bobService.acceptContact(u"alice"_s, done); }));
    QTRY_VERIFY_WITH_TIMEOUT(hasContact(*alice, u"bob"_s, wire::ContactState::Accepted), networkTimeoutMs);

    auto unknown = waitFor<wire::ContactState>([&](auto done) { aliceService.addContact(u"nobody"_s, done); });
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);

    HUIJI_VERIFY_OK(waitFor<void>([&](auto done) { aliceService.removeContact(u"bob"_s, done); }));
    QTRY_VERIFY_WITH_TIMEOUT(alice->session().contacts().isEmpty(), networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(bob->session().contacts().isEmpty(), networkTimeoutMs);
}

void tst_AccountService::devicesCarryTheirUsesPerDay()
{
    // The desktop logs in today and two days ago; the phone four days ago.
    auto desktop = device(u"desktop"_s, u"alice"_s);
    auto phone = device(u"phone"_s, u"alice"_s);
    const qint64 today = m_now;
    m_now = today - 4 * dayMs;
    QVERIFY(phone->logIn(m_password, true));
    QVERIFY(phone->goOffline());
    m_now = today - 2 * dayMs;
    QVERIFY(desktop->logIn(m_password));
    QVERIFY(desktop->goOffline());
    m_now = today;
    QVERIFY(desktop->logIn(m_password));
    AccountService service(desktop->session());

    const QList<wire::DeviceEntry> week = devicesOf(service, wire::DeviceOrder::Frequency, 7);
    QCOMPARE(week.size(), 2);
    QCOMPARE(week[0].info.id, desktop->id());
    QCOMPARE(week[0].daily, (QList<qint64>{0, 0, 0, 0, 1, 0, 1}));
    QCOMPARE(week[0].uses, 2);
    QCOMPARE(week[1].info.id, phone->id());
    QCOMPARE(week[1].daily, (QList<qint64>{0, 0, 1, 0, 0, 0, 0}));
    QCOMPARE(week[1].uses, 1);

    // A window of three days no longer sees the phone's day, but still lists the phone.
    const QList<wire::DeviceEntry> recent = devicesOf(service, wire::DeviceOrder::Frequency, 3);
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent[0].daily, (QList<qint64>{1, 0, 1}));
    QCOMPARE(recent[1].daily, (QList<qint64>{0, 0, 0}));
    QCOMPARE(recent[1].uses, 0);
}

void tst_AccountService::terminalIsSetAndClearedFromTheList()
{
    auto desktop = device(u"desktop"_s, u"alice"_s);
    auto laptop = device(u"laptop"_s, u"alice"_s);
    QVERIFY(desktop->logIn(m_password, true));
    QVERIFY(laptop->logIn(m_password));
    AccountService service(laptop->session());

    // From the laptop, choose the desktop out of the list (claim 7); both devices hear of it.
    HUIJI_VERIFY_OK(waitFor<void>([&](auto done) { service.setTerminal(desktop->id(), m_password, done); }));
    QTRY_COMPARE_WITH_TIMEOUT(desktop->session().terminalDevice(), std::optional(desktop->id()), networkTimeoutMs);
    QVERIFY(desktop->session().isStorageTerminal());
    QTRY_COMPARE_WITH_TIMEOUT(laptop->session().terminalDevice(), std::optional(desktop->id()), networkTimeoutMs);
    const QList<wire::DeviceEntry> listed = devicesOf(service, wire::DeviceOrder::Recency, 30);
    const auto roleOf = [&](const QString &id) {
        const auto found = std::ranges::find_if(listed, [&](const wire::DeviceEntry &entry) { return entry.info.id == id; });
        return found == listed.end() ? std::nullopt : std::optional(found->role);
    };
    QCOMPARE(roleOf(desktop->id()), std::optional(wire::TerminalRole::Primary));
    QCOMPARE(roleOf(laptop->id()), std::optional(wire::TerminalRole::None));

    auto missing = waitFor<void>([&](auto done) { service.setTerminal(u"no-such-device"_s, m_password, done); });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(laptop->session().terminalDevice(), std::optional(desktop->id())); // unchanged

    HUIJI_VERIFY_OK(waitFor<void>([&](auto done) { service.clearTerminal(m_password, done); }));
    QTRY_VERIFY_WITH_TIMEOUT(!desktop->session().terminalDevice().has_value(), networkTimeoutMs);
    QVERIFY(!desktop->session().isStorageTerminal());
}

void tst_AccountService::sensitiveChangesTakeThePasswordAgain()
{
    auto desktop = device(u"desktop"_s, u"alice"_s);
    QVERIFY(desktop->logIn(m_password, true));
    AccountService service(desktop->session());
    const QString id = desktop->id();
    const QList<std::pair<QString, std::function<void(const QByteArray &, AccountService::Done<void>)>>> changes = {
        {u"primary"_s, [&](const QByteArray &password, auto done) { service.setTerminal(id, password, done); }},
        {u"secondary"_s, [&](const QByteArray &password, auto done) { service.addSecondaryTerminal(id, password, done); }},
        {u"remove"_s, [&](const QByteArray &password, auto done) { service.removeTerminal(id, password, done); }},
        {u"clear"_s, [&](const QByteArray &password, auto done) { service.clearTerminal(password, done); }},
        {u"archive"_s, [&](const QByteArray &password, auto done) {
             service.setArchive(true, 30, password, [done](Result<ArchiveSettings> set) {
                 done(set ? Result<void>{} : std::unexpected(set.error()));
             });
         }},
    };
    for (const auto &[what, change] : changes) {
        auto bare = waitFor<void>([&](auto done) { change({}, done); });
        QVERIFY2(!bare, qPrintable(what));
        QCOMPARE(bare.error().code, ErrorCode::ReauthRequired);
    }
    // One wrong password is refused as such (more would meet the login throttle).
    auto wrong = waitFor<void>([&](auto done) { changes.first().second("not the password", done); });
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::BadCredentials);
    QVERIFY(!desktop->session().isStorageTerminal());
    auto archive = waitFor<ArchiveSettings>([&](auto done) { service.archive(done); });
    HUIJI_VERIFY_OK(archive);
    QVERIFY(!archive->enabled);

    HUIJI_VERIFY_OK(waitFor<void>([&](auto done) { service.setTerminal(id, m_password, done); }));
    QTRY_VERIFY_WITH_TIMEOUT(desktop->session().isStorageTerminal(), networkTimeoutMs);
    archive = waitFor<ArchiveSettings>([&](auto done) { service.setArchive(true, 30, m_password, done); });
    HUIJI_VERIFY_OK(archive);
    QCOMPARE(*archive, (ArchiveSettings{true, 30, 0}));
}

void tst_AccountService::devicesAreSignedOut()
{
    auto desktop = device(u"desktop"_s, u"alice"_s);
    auto laptop = device(u"laptop"_s, u"alice"_s);
    auto phone = device(u"phone"_s, u"alice"_s);
    QVERIFY(desktop->logIn(m_password, true));
    QVERIFY(laptop->logIn(m_password));
    QVERIFY(phone->logIn(m_password));
    AccountService service(laptop->session());

    // One device: it is told, goes offline and forgets its credential; the list says so.
    QSignalSpy desktopFailed(&desktop->session(), &Session::failed);
    auto wrong = waitFor<qint64>([&](auto done) { service.signOutDevice(desktop->id(), "wrong", done); });
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::BadCredentials);
    QCOMPARE(desktop->session().state(), Session::State::Online);
    auto one = waitFor<qint64>([&](auto done) { service.signOutDevice(desktop->id(), m_password, done); });
    HUIJI_VERIFY_OK(one);
    QCOMPARE(*one, 1);
    QTRY_COMPARE_WITH_TIMEOUT(desktopFailed.size(), 1, networkTimeoutMs);
    QCOMPARE(desktopFailed.first().first().value<Error>().code, ErrorCode::BadCredentials);
    QTRY_COMPARE_WITH_TIMEOUT(desktop->session().state(), Session::State::Offline, networkTimeoutMs);
    QVERIFY(!desktop->session().hasCredential());
    const auto signedIn = [&] {
        QStringList ids;
        for (const wire::DeviceEntry &entry : devicesOf(service, wire::DeviceOrder::Recency, 30))
            if (entry.signedIn)
                ids.append(entry.info.name);
        ids.sort();
        return ids;
    };
    QCOMPARE(signedIn(), (QStringList{u"laptop"_s, u"phone"_s}));

    // Every other one: the phone goes too, the laptop stays.
    auto others = waitFor<qint64>([&](auto done) { service.signOutOtherDevices(m_password, done); });
    HUIJI_VERIFY_OK(others);
    QCOMPARE(*others, 1);
    QTRY_COMPARE_WITH_TIMEOUT(phone->session().state(), Session::State::Offline, networkTimeoutMs);
    QCOMPARE(signedIn(), QStringList{u"laptop"_s});
    QCOMPARE(laptop->session().state(), Session::State::Online);

    // A signed-out device comes back with the password.
    QVERIFY(desktop->logIn(m_password));
    QCOMPARE(signedIn(), (QStringList{u"desktop"_s, u"laptop"_s}));
}

void tst_AccountService::renamingThisDeviceReachesTheServerAndTheLabels()
{
    auto laptop = device(u"laptop"_s, u"alice"_s);
    auto bob = device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(laptop->logIn(m_password, true));
    QVERIFY(bob->logIn(m_password, true));
    makeContacts(*laptop, *bob);
    HUIJI_VERIFY_OK(laptop->session().sendMessage(u"bob"_s, u"before the rename"_s));
    AccountService service(laptop->session());

    HUIJI_VERIFY_OK(waitFor<void>([&](auto done) { service.renameThisDevice(u"  办公室 电脑 "_s, done); }));
    QCOMPARE(laptop->profile().device().name, u"办公室 电脑"_s);
    const QList<wire::DeviceEntry> listed = devicesOf(service, wire::DeviceOrder::Recency, 30);
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed[0].info.name, u"办公室 电脑"_s);
    // The record written before the rename is labelled with the new name here.
    auto page = laptop->profile().history().older({u"alice"_s, u"bob"_s, {}}, std::nullopt, 10);
    HUIJI_VERIFY_OK(page);
    QCOMPARE(page->records.size(), 1);
    QCOMPARE(page->records[0].deviceLabel, u"办公室 电脑"_s);

    auto blank = waitFor<void>([&](auto done) { service.renameThisDevice(u"   "_s, done); });
    QVERIFY(!blank);
    QCOMPARE(blank.error().code, ErrorCode::InvalidArgument);
    auto tooLong = waitFor<void>([&](auto done) { service.renameThisDevice(QString(65, u'x'), done); });
    QVERIFY(!tooLong);
    QCOMPARE(tooLong.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(devicesOf(service, wire::DeviceOrder::Recency, 30).first().info.name, u"办公室 电脑"_s);
}

void tst_AccountService::renamingOfflineWaitsForTheNextLogin()
{
    auto laptop = device(u"laptop"_s, u"alice"_s);
    QVERIFY(laptop->logIn(m_password, true));
    QVERIFY(laptop->goOffline());
    AccountService service(laptop->session());
    HUIJI_VERIFY_OK(waitFor<void>([&](auto done) { service.renameThisDevice(u"Travel laptop"_s, done); }));
    QCOMPARE(laptop->profile().device().name, u"Travel laptop"_s);

    QVERIFY(laptop->logIn(m_password));
    const QList<wire::DeviceEntry> listed = devicesOf(service, wire::DeviceOrder::Recency, 30);
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed[0].info.name, u"Travel laptop"_s);
}

void tst_AccountService::receiptComesOnceWhenTheRecipientHasIt()
{
    auto alice = device(u"alice-pc"_s, u"alice"_s);
    auto bobPhone = device(u"bob-phone"_s, u"bob"_s);
    auto bobDesktop = device(u"bob-desktop"_s, u"bob"_s);
    QVERIFY(alice->logIn(m_password, true));
    QVERIFY(bobPhone->logIn(m_password, true));
    QVERIFY(bobDesktop->logIn(m_password));
    QVERIFY(bobDesktop->goOffline());
    makeContacts(*alice, *bobPhone);

    QSignalSpy bobDelivered(&bobPhone->session(), &Session::messagesDelivered);
    QSignalSpy delivered(&alice->session(), &Session::messagesDelivered);
    QSignalSpy stored(&alice->session(), &Session::messageStored);
    auto sent = alice->session().sendMessage(u"bob"_s, u"did it arrive?"_s);
    HUIJI_VERIFY_OK(sent);
    QTRY_VERIFY_WITH_TIMEOUT(!delivered.isEmpty(), networkTimeoutMs);
    QCOMPARE(stored.size(), 1); // stored on the server before it was delivered
    QCOMPARE(delivered.size(), 1);
    QCOMPARE(delivered.first().at(0).value<QList<QUuid>>(), QList<QUuid>{sent->id});
    const qint64 at = delivered.first().at(1).toLongLong();
    QCOMPARE(at, m_now.load());
    auto page = alice->profile().history().older({u"alice"_s, u"bob"_s, {}}, std::nullopt, 10);
    HUIJI_VERIFY_OK(page);
    QCOMPARE(page->records.size(), 1);
    QCOMPARE(page->records[0].deliveredAt, std::optional(at));

    // bob's second device getting it later is not news to alice.
    QSignalSpy desktopMerged(&bobDesktop->session(), &Session::recordsMerged);
    QVERIFY(bobDesktop->logIn(m_password));
    QTRY_VERIFY_WITH_TIMEOUT(!desktopMerged.isEmpty(), networkTimeoutMs);
    // A round trip of alice's after bob's ack: a receipt sent meanwhile would have arrived.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server().connectionCount(), 3, networkTimeoutMs);
    HUIJI_VERIFY_OK(alice->ask(wire::contacts));
    QCOMPARE(delivered.size(), 1);
    // Receipts are for the sender: bob's devices never got one for alice's message.
    HUIJI_VERIFY_OK(bobPhone->ask(wire::contacts));
    QVERIFY(bobDelivered.isEmpty());
}

void tst_AccountService::requestsFailAtOnceWhenOffline()
{
    auto alice = device(u"alice-pc"_s, u"alice"_s);
    AccountService service(alice->session());
    std::optional<Result<QList<wire::DeviceEntry>>> answer;
    service.devices(wire::DeviceOrder::Recency, 30, [&](Result<QList<wire::DeviceEntry>> result) { answer = result; });
    QVERIFY(answer.has_value()); // answered before the call returned
    QVERIFY(!*answer);
    QCOMPARE(answer->error().code, ErrorCode::NetworkFailure);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_AccountService)
#include "tst_accountservice.moc"

// Several storage terminals (claims 2-5) against a real in-process server: a primary and two
// secondaries end with the same history record for record; records that arrive while the primary
// is away wait for it and then flow on; a promotion, a removed terminal and a primary lost for good
// leave no record behind; and the server as a secondary keeps an archive that fills a fresh
// terminal, that only its account can read, and that forgets what is past its retention.

#include "TestNetwork.h"

#include "client/ArchiveRestore.h"

#include "protocol/Wire.h"

#include <QDateTime>
#include <QScopeGuard>
#include <QTest>

#include <atomic>
#include <map>

namespace huiji {

constexpr qint64 dayMs = 24 * 60 * 60 * 1000;

class tst_Terminals : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void rolesAreReportedEverywhere();
    void terminalsConvergeRecordForRecord();
    void secondaryOfflineForLongCatchesUp();
    void refusedMessageReachesSecondariesOnlyOnceSent();
    void fullSecondaryDoesNotStopThePrimary();
    void promotionLosesAndRepeatsNothing();
    void removedTerminalsLeaveNothingBehind();
    void lostPrimaryIsReplaced();
    void freshTerminalIsRestoredFromTheArchive();
    void archiveIsOnlyTheAccounts();
    void retentionPrunesTheArchive();

private:
    // alice's desktop (primary), tablet and phone (secondaries), laptop (neither), and bob, a
    // contact; every device has logged in once and is offline again, except bob.
    void setUpAlice(const QStringList &secondaries = {u"tablet"_s, u"phone"_s});
    std::unique_ptr<TestDevice> &alice(const QString &name);
    void online(const QString &name);
    void offline(const QString &name);
    void send(TestDevice &from, const QString &to, const QString &text);
    void setRole(const QString &device, const QString &role);
    // A store's history, oldest first, one line per record: id, contact, body, origin device.
    static QStringList historyOf(TestDevice &device);

    TestSite m_site;
    std::atomic<qint64> m_clockShift{0}; // added to the server's wall clock
    std::map<QString, std::unique_ptr<TestDevice>> m_alice;
    std::unique_ptr<TestDevice> m_bob;
    const QByteArray m_alicePassword = testPassword("alice");
    const QByteArray m_bobPassword = testPassword("bob");
};

void tst_Terminals::init()
{
    m_clockShift = 0;
    ServerConfig config;
    config.clock = [this] { return QDateTime::currentMSecsSinceEpoch() + m_clockShift.load(); };
    QVERIFY(m_site.start(config));
}

void tst_Terminals::cleanup()
{
    m_alice.clear();
    m_bob.reset();
    m_site.stop();
}

std::unique_ptr<TestDevice> &tst_Terminals::alice(const QString &name)
{
    std::unique_ptr<TestDevice> &device = m_alice[name];
    if (!device)
        device = m_site.device(name, u"alice"_s);
    return device;
}

void tst_Terminals::online(const QString &name)
{
    QVERIFY(alice(name)->logIn(m_alicePassword));
}

void tst_Terminals::offline(const QString &name)
{
    QVERIFY(alice(name)->goOffline());
}

void tst_Terminals::send(TestDevice &from, const QString &to, const QString &text)
{
    QSignalSpy stored(&from.session(), &Session::messageStored);
    HUIJI_VERIFY_OK(from.session().sendMessage(to, text));
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
}

void tst_Terminals::setRole(const QString &device, const QString &role)
{
    auto set = alice(u"laptop"_s)->ask(wire::terminalSet, withPassword(QCborMap{{u"device"_s, alice(device)->id()}, {u"role"_s, role}}, m_alicePassword));
    HUIJI_VERIFY_OK(set);
    QCOMPARE(set->value(u"role"_s).toString(), role);
}

QStringList tst_Terminals::historyOf(TestDevice &device)
{
    auto page = device.profile().history().older({device.profile().user(), {}, {}}, std::nullopt, 1'000'000);
    if (!page)
        return {u"cannot read: "_s + page.error().message};
    QStringList lines;
    for (const StoredRecord &stored : std::as_const(page->records))
        lines.prepend(u"%1|%2|%3|%4"_s.arg(stored.record.id.toString(QUuid::WithoutBraces), stored.record.contact,
                                            stored.record.body, stored.record.originDevice));
    return lines;
}

void tst_Terminals::setUpAlice(const QStringList &secondaries)
{
    QVERIFY(alice(u"desktop"_s)->logIn(m_alicePassword, true));
    m_bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    makeContacts(*alice(u"desktop"_s), *m_bob);
    for (const QString &name : {u"tablet"_s, u"phone"_s, u"laptop"_s})
        online(name);
    setRole(u"desktop"_s, u"primary"_s);
    for (const QString &name : secondaries)
        setRole(name, u"secondary"_s);
    for (const QString &name : {u"desktop"_s, u"tablet"_s, u"phone"_s, u"laptop"_s})
        offline(name);
}

// ---- roles ----

void tst_Terminals::rolesAreReportedEverywhere()
{
    setUpAlice();
    online(u"laptop"_s);
    online(u"tablet"_s);
    TestDevice &laptop = *alice(u"laptop"_s);
    QCOMPARE(alice(u"tablet"_s)->session().role(), wire::TerminalRole::Secondary);
    QVERIFY(!alice(u"tablet"_s)->session().isStorageTerminal());
    QCOMPARE(laptop.session().role(), wire::TerminalRole::None);
    const QList<wire::TerminalEntry> expected = {{alice(u"desktop"_s)->id(), wire::TerminalRole::Primary},
                                                 {alice(u"tablet"_s)->id(), wire::TerminalRole::Secondary},
                                                 {alice(u"phone"_s)->id(), wire::TerminalRole::Secondary}};
    QCOMPARE(laptop.session().terminals(), expected);

    auto devices = laptop.ask(wire::devices);
    HUIJI_VERIFY_OK(devices);
    QHash<QString, QString> roles;
    for (const QCborValue &entry : devices->value(u"devices"_s).toArray())
        roles.insert(entry.toMap().value(u"id"_s).toString(), entry.toMap().value(u"role"_s).toString());
    QCOMPARE(roles.value(alice(u"desktop"_s)->id()), u"primary"_s);
    QCOMPARE(roles.value(alice(u"tablet"_s)->id()), u"secondary"_s);
    QCOMPARE(roles.value(alice(u"phone"_s)->id()), u"secondary"_s);
    QCOMPARE(roles.value(laptop.id()), u"none"_s);

    // The primary cannot become a secondary without another primary; a removal is pushed.
    auto demote = laptop.ask(wire::terminalSet, withPassword(QCborMap{{u"device"_s, alice(u"desktop"_s)->id()}, {u"role"_s, u"secondary"_s}}, m_alicePassword));
    QVERIFY(!demote);
    QCOMPARE(demote.error().code, ErrorCode::InvalidArgument);
    HUIJI_VERIFY_OK(laptop.ask(wire::terminalRemove, withPassword(QCborMap{{u"device"_s, alice(u"phone"_s)->id()}}, m_alicePassword)));
    QTRY_COMPARE_WITH_TIMEOUT(alice(u"tablet"_s)->session().terminals().size(), 2, networkTimeoutMs);
    auto notATerminal = laptop.ask(wire::terminalRemove, withPassword(QCborMap{{u"device"_s, laptop.id()}}, m_alicePassword));
    QVERIFY(!notATerminal);
    QCOMPARE(notATerminal.error().code, ErrorCode::NotFound);
}

// ---- convergence ----

void tst_Terminals::terminalsConvergeRecordForRecord()
{
    setUpAlice();
    // While every terminal is away: bob writes (the laptop sees it first), the laptop writes.
    online(u"laptop"_s);
    TestDevice &laptop = *alice(u"laptop"_s);
    for (int i = 0; i < 3; ++i)
        send(*m_bob, u"alice"_s, u"bob %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(laptop).size(), 3, networkTimeoutMs);
    for (int i = 0; i < 2; ++i)
        send(laptop, u"bob"_s, u"laptop %1"_s.arg(i));
    offline(u"laptop"_s);

    // The primary comes back, merges what waited for it and writes itself.
    online(u"desktop"_s);
    TestDevice &desktop = *alice(u"desktop"_s);
    QCOMPARE(desktop.session().role(), wire::TerminalRole::Primary);
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(desktop).size(), 5, networkTimeoutMs);
    for (int i = 0; i < 2; ++i)
        send(desktop, u"bob"_s, u"desktop %1"_s.arg(i));
    const QStringList merged = historyOf(desktop);
    QCOMPARE(merged.size(), 7);

    // Each secondary, when it comes, ends with exactly the primary's history.
    for (const QString &name : {u"tablet"_s, u"phone"_s}) {
        online(name);
        QTRY_COMPARE_WITH_TIMEOUT(historyOf(*alice(name)), merged, networkTimeoutMs);
    }
    QVERIFY(merged.filter(u"|"_s + desktop.id()).size() == 2);
    QVERIFY(merged.filter(u"|"_s + laptop.id()).size() == 5); // bob's were seen first there
}

void tst_Terminals::secondaryOfflineForLongCatchesUp()
{
    setUpAlice({u"tablet"_s});
    online(u"desktop"_s);
    TestDevice &desktop = *alice(u"desktop"_s);
    // More than one delivery batch, written over weeks while the tablet is away: past the ordinary
    // retention, what reaches it is what is held for it as a secondary.
    constexpr int count = 250;
    // The primary goes away only once it has acked everything: a message nobody of alice's acked
    // yet is labelled by the device receiving it (docs/protocol.md, Labels), not what this is about.
    bool acked = false;
    const QMetaObject::Connection listener = QObject::connect(&desktop.session(), &Session::caughtUp, &desktop.session(),
                                                              [&] { acked = historyOf(desktop).size() == count; });
    const auto stopListening = qScopeGuard([&] { QObject::disconnect(listener); });
    for (int i = 0; i < count; ++i) {
        m_clockShift = qint64{i} * dayMs / 10;
        send(*m_bob, u"alice"_s, u"message %1"_s.arg(i));
    }
    QTRY_VERIFY_WITH_TIMEOUT(acked, networkTimeoutMs);
    offline(u"desktop"_s);
    online(u"tablet"_s);
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(*alice(u"tablet"_s)), historyOf(desktop), networkTimeoutMs);
}

void tst_Terminals::refusedMessageReachesSecondariesOnlyOnceSent()
{
    // The primary writes to carol before she is a contact: refused, marked failed, kept in its
    // history only. bob writes too.
    setUpAlice({});
    auto carol = m_site.device(u"carol-pc"_s, u"carol"_s);
    QVERIFY(carol->logIn(testPassword("carol"), true));
    online(u"desktop"_s);
    TestDevice &desktop = *alice(u"desktop"_s);
    QSignalSpy refused(&desktop.session(), &Session::messageRefused);
    auto early = desktop.session().sendMessage(u"carol"_s, u"are you on Huiji yet?"_s);
    HUIJI_VERIFY_OK(early);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, networkTimeoutMs);
    send(*m_bob, u"alice"_s, u"hello alice"_s);
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(desktop).size(), 2, networkTimeoutMs);
    const QString unsent = historyOf(desktop).filter(early->body).value(0);
    QVERIFY(!unsent.isEmpty());

    // A secondary is added: the primary sends it its whole history, but not what was never sent.
    online(u"laptop"_s);
    online(u"tablet"_s);
    setRole(u"tablet"_s, u"secondary"_s);
    QTRY_VERIFY_WITH_TIMEOUT(desktop.session().synchronises(), networkTimeoutMs);
    QStringList sent = historyOf(desktop);
    sent.removeOne(unsent);
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(*alice(u"tablet"_s)), sent, networkTimeoutMs);
    HUIJI_VERIFY_OK(alice(u"tablet"_s)->ask(wire::devices)); // a round trip: anything more would be in by now
    QCOMPARE(historyOf(*alice(u"tablet"_s)), sent);

    // Contacts now: sent again and taken, it reaches the secondary like any message (relayed: it
    // is ordered there by the server's time, at the primary by its device's), and a device that
    // was new when it was sent, made a secondary later, gets it with the primary's history.
    makeContacts(desktop, *carol);
    QSignalSpy stored(&desktop.session(), &Session::messageStored);
    HUIJI_VERIFY_OK(desktop.session().retryMessage(early->id));
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    const auto sorted = [](QStringList lines) {
        lines.sort();
        return lines;
    };
    QTRY_COMPARE_WITH_TIMEOUT(sorted(historyOf(*alice(u"tablet"_s))), sorted(historyOf(desktop)), networkTimeoutMs);
    online(u"watch"_s);
    setRole(u"watch"_s, u"secondary"_s);
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(*alice(u"watch"_s)), historyOf(desktop), networkTimeoutMs);
    QVERIFY(historyOf(*alice(u"watch"_s)).contains(unsent));
}

// ---- changing terminals ----

// A secondary away so long that the server holds all it keeps for it: the primary goes on
// receiving, and the secondary gets the whole history once it is back and the primary logs in.
void tst_Terminals::fullSecondaryDoesNotStopThePrimary()
{
    m_site.stop();
    ServerConfig config;
    config.heldRecords = 3;
    QVERIFY(m_site.start(config));
    setUpAlice({u"tablet"_s});
    online(u"desktop"_s);
    TestDevice &desktop = *alice(u"desktop"_s);
    constexpr int count = 8;
    for (int i = 0; i < count; ++i) {
        send(*m_bob, u"alice"_s, u"while the tablet is away %1"_s.arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(historyOf(desktop).size(), i + 1, networkTimeoutMs);
    }
    QVERIFY(desktop.profile().syncedTerminals().isEmpty()); // to be sent again

    online(u"tablet"_s);
    offline(u"desktop"_s);
    online(u"desktop"_s);
    const auto sorted = [](QStringList lines) {
        lines.sort();
        return lines;
    };
    QTRY_COMPARE_WITH_TIMEOUT(sorted(historyOf(*alice(u"tablet"_s))), sorted(historyOf(desktop)), networkTimeoutMs);
    QCOMPARE(historyOf(desktop).size(), count);
    QTRY_VERIFY_WITH_TIMEOUT(!desktop.profile().syncedTerminals().isEmpty(), networkTimeoutMs);
}

void tst_Terminals::promotionLosesAndRepeatsNothing()
{
    setUpAlice({u"tablet"_s});
    online(u"laptop"_s);
    // Held for the desktop, which is away.
    for (int i = 0; i < 3; ++i)
        send(*m_bob, u"alice"_s, u"before %1"_s.arg(i));
    online(u"tablet"_s);
    TestDevice &tablet = *alice(u"tablet"_s);
    setRole(u"tablet"_s, u"primary"_s);
    QTRY_COMPARE_WITH_TIMEOUT(tablet.session().role(), wire::TerminalRole::Primary, networkTimeoutMs);
    QVERIFY(tablet.session().isStorageTerminal());
    setRole(u"desktop"_s, u"secondary"_s);
    // Only the new primary online: a live message seen by two devices at once is labelled by each
    // with itself (docs/protocol.md), which is not what this test is about.
    offline(u"laptop"_s);
    send(*m_bob, u"alice"_s, u"after"_s);

    QTRY_COMPARE_WITH_TIMEOUT(historyOf(tablet).size(), 4, networkTimeoutMs);
    // The old primary, now a secondary, ends with the same history and nothing twice.
    online(u"desktop"_s);
    QCOMPARE(alice(u"desktop"_s)->session().role(), wire::TerminalRole::Secondary);
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(*alice(u"desktop"_s)), historyOf(tablet), networkTimeoutMs);
    QCOMPARE(historyOf(tablet).removeDuplicates(), 0);
}

void tst_Terminals::removedTerminalsLeaveNothingBehind()
{
    setUpAlice({u"tablet"_s});
    online(u"laptop"_s);
    for (int i = 0; i < 3; ++i)
        send(*m_bob, u"alice"_s, u"held %1"_s.arg(i));
    // The primary goes while these are held for it: they stay held, for the next primary.
    HUIJI_VERIFY_OK(alice(u"laptop"_s)->ask(wire::terminalRemove, withPassword(QCborMap{{u"device"_s, alice(u"desktop"_s)->id()}}, m_alicePassword)));
    online(u"phone"_s);
    setRole(u"phone"_s, u"primary"_s);
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(*alice(u"phone"_s)).size(), 3, networkTimeoutMs);
    // The phone synchronised them for the tablet, which is removed before it came: its copies
    // are not dropped before it had them.
    HUIJI_VERIFY_OK(alice(u"laptop"_s)->ask(wire::terminalRemove, withPassword(QCborMap{{u"device"_s, alice(u"tablet"_s)->id()}}, m_alicePassword)));
    online(u"tablet"_s);
    QCOMPARE(alice(u"tablet"_s)->session().role(), wire::TerminalRole::None);
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(*alice(u"tablet"_s)), historyOf(*alice(u"phone"_s)), networkTimeoutMs);
}

void tst_Terminals::lostPrimaryIsReplaced()
{
    setUpAlice({});
    online(u"laptop"_s);
    for (int i = 0; i < 3; ++i)
        send(*m_bob, u"alice"_s, u"for the lost one %1"_s.arg(i));
    // The desktop never comes back; the phone takes over what waited for it.
    setRole(u"phone"_s, u"primary"_s);
    online(u"phone"_s);
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(*alice(u"phone"_s)).size(), 3, networkTimeoutMs);
    QCOMPARE(historyOf(*alice(u"phone"_s)), historyOf(*alice(u"laptop"_s)));
    // Nothing waits for the old primary any more.
    QSignalSpy ready(&alice(u"desktop"_s)->session(), &Session::ready);
    online(u"desktop"_s);
    QCOMPARE(ready.first().at(1).toLongLong(), 0);
}

// ---- the server as a secondary ----

void tst_Terminals::freshTerminalIsRestoredFromTheArchive()
{
    setUpAlice({});
    online(u"desktop"_s);
    TestDevice &desktop = *alice(u"desktop"_s);
    auto enabled = desktop.ask(wire::archiveSet, withPassword(QCborMap{{u"enabled"_s, true}, {u"retentionDays"_s, 0}}, m_alicePassword));
    HUIJI_VERIFY_OK(enabled);
    QVERIFY(enabled->value(u"enabled"_s).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(desktop.session().serverArchives(), networkTimeoutMs);
    // More than a restore page, from bob, the laptop and the desktop itself.
    constexpr int fromBob = 230;
    for (int i = 0; i < fromBob; ++i)
        send(*m_bob, u"alice"_s, u"bob %1"_s.arg(i));
    online(u"laptop"_s);
    send(*alice(u"laptop"_s), u"bob"_s, u"from the laptop"_s);
    send(desktop, u"bob"_s, u"from the desktop"_s);
    QTRY_COMPARE_WITH_TIMEOUT(historyOf(desktop).size(), fromBob + 2, networkTimeoutMs);
    auto shown = desktop.ask(wire::archive);
    HUIJI_VERIFY_OK(shown);
    QTRY_COMPARE_WITH_TIMEOUT(desktop.ask(wire::archive)->value(u"records"_s).toInteger(), fromBob + 2,
                              networkTimeoutMs);

    // The desktop is lost; a new machine is filled from the archive, exactly.
    offline(u"desktop"_s);
    online(u"new-desktop"_s);
    TestDevice &fresh = *alice(u"new-desktop"_s);
    ArchiveRestore restore(fresh.session());
    QSignalSpy finished(&restore, &ArchiveRestore::finished);
    QSignalSpy failed(&restore, &ArchiveRestore::failed);
    restore.start(m_alicePassword);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size() + failed.size(), 1, networkTimeoutMs);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(finished.first().at(0).toLongLong(), fromBob + 2);
    QCOMPARE(historyOf(fresh), historyOf(desktop));
    QVERIFY(fresh.profile().restoreCursor().isEmpty());
    // Again from the start: the same records, nothing new.
    restore.start(m_alicePassword, true);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, networkTimeoutMs);
    QCOMPARE(finished.last().at(1).toLongLong(), 0);
}

void tst_Terminals::archiveIsOnlyTheAccounts()
{
    setUpAlice({});
    online(u"desktop"_s);
    HUIJI_VERIFY_OK(alice(u"desktop"_s)->ask(wire::archiveSet, withPassword(QCborMap{{u"enabled"_s, true}}, m_alicePassword)));
    send(*m_bob, u"alice"_s, u"private"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice(u"desktop"_s)->ask(wire::archive)->value(u"records"_s).toInteger(), 1,
                              networkTimeoutMs);
    // bob has no archive and no way to name alice's.
    auto restored = m_bob->ask(wire::archiveRestore, QCborMap{{u"account"_s, u"alice"_s}});
    QVERIFY(!restored);
    QCOMPARE(restored.error().code, ErrorCode::NotFound);
    auto shown = m_bob->ask(wire::archive);
    HUIJI_VERIFY_OK(shown);
    QVERIFY(!shown->value(u"enabled"_s).toBool());
    QVERIFY(!shown->contains(u"records"_s));
    // Turning his on gives him his own, empty one.
    HUIJI_VERIFY_OK(m_bob->ask(wire::archiveSet, withPassword(QCborMap{{u"enabled"_s, true}}, m_bobPassword)));
    auto his = m_bob->ask(wire::archiveRestore, withPassword(QCborMap{}, m_bobPassword));
    HUIJI_VERIFY_OK(his);
    QVERIFY(his->value(u"records"_s).toArray().isEmpty());
    QVERIFY(his->value(u"done"_s).toBool());
    // Only the primary synchronises: another device cannot slip records into the archive.
    online(u"laptop"_s);
    auto slipped = alice(u"laptop"_s)->ask(wire::syncUpload, QCborMap{{u"records"_s, QCborArray{}}});
    QVERIFY(!slipped);
    QCOMPARE(slipped.error().code, ErrorCode::Forbidden);
}

void tst_Terminals::retentionPrunesTheArchive()
{
    setUpAlice({});
    online(u"desktop"_s);
    TestDevice &desktop = *alice(u"desktop"_s);
    HUIJI_VERIFY_OK(desktop.ask(wire::archiveSet, withPassword(QCborMap{{u"enabled"_s, true}, {u"retentionDays"_s, 5}}, m_alicePassword)));
    for (int i = 0; i < 3; ++i)
        send(*m_bob, u"alice"_s, u"old %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(desktop.ask(wire::archive)->value(u"records"_s).toInteger(), 3, networkTimeoutMs);

    // Four days on everything is kept; six days on it is past the retention and gone.
    const auto restoreCount = [&] {
        auto page = desktop.ask(wire::archiveRestore, withPassword(QCborMap{}, m_alicePassword));
        return page ? page->value(u"records"_s).toArray().size() : -1;
    };
    m_clockShift = 4 * dayMs;
    QCOMPARE(restoreCount(), 3);
    m_clockShift = 6 * dayMs;
    QCOMPARE(restoreCount(), 0);
    QCOMPARE(desktop.ask(wire::archive)->value(u"records"_s).toInteger(), 0);
    // 0 days keeps forever.
    HUIJI_VERIFY_OK(desktop.ask(wire::archiveSet, withPassword(QCborMap{{u"enabled"_s, true}, {u"retentionDays"_s, 0}}, m_alicePassword)));
    send(*m_bob, u"alice"_s, u"kept"_s);
    QTRY_COMPARE_WITH_TIMEOUT(desktop.ask(wire::archive)->value(u"records"_s).toInteger(), 1, networkTimeoutMs);
    m_clockShift = 1000 * dayMs;
    QCOMPARE(restoreCount(), 1);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_Terminals)
#include "tst_terminals.moc"

// Collection requests (claim 13) against a real in-process server: a device's old history reaches a
// new storage terminal exactly once, even when the device is cut off halfway and restarted; two
// devices that saw the same messages hand them over once between them; the terminal asks the
// online devices, nobody else can; and a completed collection is not asked for again until the
// terminal changes.

#include "ServerFile.h"
#include "TestNetwork.h"

#include "client/AccountService.h"

#include "protocol/RecordCbor.h"
#include "protocol/RecordId.h"
#include "protocol/Wire.h"

#include <QDateTime>
#include <QSslSocket>
#include <QTest>
#include <QTimer>

namespace huiji {

namespace {

// What a collection ended with, as the device's collector reported it.
struct Collected {
    int started = 0;
    bool resumed = false;
    int batches = 0; // acked, the last one included
    int finished = 0;
    std::optional<Error> failure;
    wire::CollectionCounts run;
    wire::CollectionCounts total;
};

// A record's identity in a store: its id, or its content key when it has none.
QByteArray identityOf(const Record &record)
{
    return record.id.isNull() ? contentKey(record) : record.id.toRfc4122();
}

} // namespace

namespace wire {
// For QCOMPARE's messages.
char *toString(const CollectionCounts &counts)
{
    return qstrdup(qPrintable(u"{received %1, duplicate %2, new %3, refused %4}"_s.arg(counts.received)
                                  .arg(counts.duplicates)
                                  .arg(counts.added)
                                  .arg(counts.refused)));
}
} // namespace wire

class tst_Collection : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void oldHistoryReachesANewTerminalOnce();
    void deviceCutOffMidUploadResumes();
    void devicesThatSawTheSameMessages();
    void terminalAsksTheOnlineDevices();
    void onlineDevicesAreAskedWhenTheTerminalIsChosen();
    void completedCollectionIsNotAskedAgain();
    void batchTheServerCouldNotStoreIsSentAgain();
    void malformedUploadsAreRefused();
    void refusedMessageIsCollectedOnlyOnceSent();
    void messageCollectedBeforeItWasSentIsStillRelayed();

private:
    // count old records in the laptop's store, half of them without an id, some from an old phone.
    void importOldHistory(TestDevice &laptop, int count);
    // The laptop (registering alice) with `count` old records, and alice's desktop as the storage
    // terminal, online.
    void setUpLaptopAndNewTerminal(int count);
    void follow(TestDevice &device, Collected &collected);
    QList<StoredRecord> everything(TestDevice &device);
    // The terminal holds every record of `source` once, as it was there, arrived by collection.
    void verifyHoldsOnce(TestDevice &terminal, TestDevice &source, int count);
    // alice's laptop (registering alice), with `old` records of old history, writes to bob before
    // they are contacts: refused for good, it leaves the outbox, marked failed, and stays in the
    // laptop's history (`written`). Then alice's desktop is chosen as the storage terminal, and the
    // laptop, online, is asked for a collection and finishes it.
    void refusedThenTerminalChosen(int old, Collected &collected, Record &written);

    TestSite m_site;
    std::unique_ptr<TestDevice> m_desktop, m_laptop, m_phone, m_bob;
    QList<QMetaObject::Connection> m_followers;
    const QByteArray m_alicePassword = testPassword("alice");
    const QByteArray m_bobPassword = testPassword("bob");
};

void tst_Collection::init()
{
    QVERIFY(m_site.start());
}

void tst_Collection::cleanup()
{
    for (const QMetaObject::Connection &follower : std::as_const(m_followers))
        QObject::disconnect(follower);
    m_followers.clear();
    m_desktop.reset();
    m_laptop.reset();
    m_phone.reset();
    m_bob.reset();
    m_site.stop();
}

void tst_Collection::importOldHistory(TestDevice &laptop, int count)
{
    const qint64 start = QDateTime(QDate(2019, 6, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
    const QStringList contacts = {u"bob"_s, u"carol"_s, u"dave"_s};
    const DeviceInfo oldPhone{u"old-phone"_s, u"Old phone"_s, u"android"_s};
    QList<Record> records;
    for (int index = 0; index < count; ++index) {
        Record record;
        record.account = u"alice"_s;
        record.contact = contacts.at(index % contacts.size());
        record.direction = index % 2 == 0 ? Direction::Outgoing : Direction::Incoming;
        record.sender = record.direction == Direction::Outgoing ? record.account : record.contact;
        record.body = u"old message %1 with %2"_s.arg(index).arg(record.contact);
        record.originDevice = index % 5 == 0 ? oldPhone.id : laptop.id();
        record.deviceTime = start + qint64{index} * 60'000;
        // Every other pair without an id, as imports from older tools come.
        if (index % 4 < 2)
            record.id = RecordId::create(record.deviceTime);
        record.arrival = record.id.isNull() ? Arrival::Imported : Arrival::Local;
        records.append(record);
    }
    for (qsizetype from = 0; from < records.size(); from += 2000) {
        auto merged = laptop.profile().history().merge(records.mid(from, 2000), {oldPhone, laptop.profile().device()});
        HUIJI_VERIFY_OK(merged);
        QCOMPARE(merged->duplicates, 0);
    }
    QCOMPARE(everything(laptop).size(), count);
}

void tst_Collection::setUpLaptopAndNewTerminal(int count)
{
    m_laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QVERIFY(m_laptop->logIn(m_alicePassword, true));
    QVERIFY(!m_laptop->session().collector().isBusy()); // no terminal, nothing to collect for
    QVERIFY(m_laptop->goOffline());
    importOldHistory(*m_laptop, count);

    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    auto chosen = m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_alicePassword));
    HUIJI_VERIFY_OK(chosen);
    QTRY_VERIFY_WITH_TIMEOUT(m_desktop->session().isStorageTerminal(), networkTimeoutMs);
}

void tst_Collection::follow(TestDevice &device, Collected &collected)
{
    Collector *collector = &device.session().collector();
    m_followers << QObject::connect(collector, &Collector::started, collector, [&collected](const QString &, bool resumed) {
        ++collected.started;
        collected.resumed = resumed;
        collected.failure.reset();
    });
    m_followers << QObject::connect(collector, &Collector::progress, collector,
                                    [&collected](const wire::CollectionCounts &run, const wire::CollectionCounts &total) {
                                        ++collected.batches;
                                        collected.run = run;
                                        collected.total = total;
                                    });
    m_followers << QObject::connect(collector, &Collector::finished, collector,
                                    [&collected](const wire::CollectionCounts &run, const wire::CollectionCounts &total) {
                                        ++collected.batches;
                                        ++collected.finished;
                                        collected.run = run;
                                        collected.total = total;
                                    });
    m_followers << QObject::connect(collector, &Collector::failed, collector,
                                    [&collected](const Error &error) { collected.failure = error; });
}

QList<StoredRecord> tst_Collection::everything(TestDevice &device)
{
    auto page = device.profile().history().older({device.profile().user(), {}, {}}, std::nullopt, 1'000'000);
    if (!page)
        return {};
    QList<StoredRecord> records = page->records;
    std::reverse(records.begin(), records.end()); // oldest first
    return records;
}

void tst_Collection::verifyHoldsOnce(TestDevice &terminal, TestDevice &source, int count)
{
    const QList<StoredRecord> held = everything(terminal);
    const QList<StoredRecord> original = everything(source);
    QCOMPARE(held.size(), count);
    QCOMPARE(original.size(), count);
    QHash<QByteArray, Record> byIdentity;
    for (const StoredRecord &stored : held)
        byIdentity.insert(identityOf(stored.record), stored.record);
    QCOMPARE(byIdentity.size(), count);
    for (const StoredRecord &stored : original) {
        const Record &expected = stored.record;
        const auto found = byIdentity.constFind(identityOf(expected));
        QVERIFY2(found != byIdentity.cend(), qPrintable(expected.body));
        Record same = *found;
        QCOMPARE(same.arrival, Arrival::Collected);
        QVERIFY(!same.serverTime); // never passed a server: none is made up
        same.arrival = expected.arrival;
        QCOMPARE(same, expected);
    }
    // Merged by contact and time: each conversation reads in the order the records were made.
    for (const QString &contact : {u"bob"_s, u"carol"_s, u"dave"_s}) {
        auto page = terminal.profile().history().older({u"alice"_s, contact, {}}, std::nullopt, 1'000'000);
        HUIJI_VERIFY_OK(page);
        for (qsizetype index = 1; index < page->records.size(); ++index)
            QVERIFY(page->records.at(index - 1).record.deviceTime > page->records.at(index).record.deviceTime);
    }
}

// ---- a new terminal gets the old history ----

void tst_Collection::oldHistoryReachesANewTerminalOnce()
{
    constexpr int count = 10'000;
    setUpLaptopAndNewTerminal(count);
    QList<std::pair<QString, wire::CollectionCounts>> reports;
    QList<bool> completes;
    m_followers << QObject::connect(&m_desktop->session().collector(), &Collector::reported, &m_desktop->session(),
                                    [&](const QString &device, const wire::CollectionCounts &total, bool complete) {
                                        reports.append({device, total});
                                        completes.append(complete);
                                    });
    Collected collected;
    follow(*m_laptop, collected);

    // The laptop logs in after the terminal was chosen: the server asks it for its records.
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(collected.finished, 1, networkTimeoutMs);
    QVERIFY(!collected.failure);
    QCOMPARE(collected.started, 1);
    QVERIFY(!collected.resumed);
    QCOMPARE(collected.run, (wire::CollectionCounts{count, 0, count, 0}));
    QCOMPARE(collected.total, collected.run);
    QVERIFY(collected.batches >= count / wire::maxCollectRecords);
    const CollectionProgress progress = m_laptop->profile().collectionProgress();
    QCOMPARE(progress.terminal, m_desktop->id());
    QVERIFY(progress.complete);

    // The terminal, online all along, receives them through its delivery stream and merges them.
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), count, networkTimeoutMs);
    verifyHoldsOnce(*m_desktop, *m_laptop, count);
    QTRY_VERIFY_WITH_TIMEOUT(!completes.isEmpty() && completes.last(), networkTimeoutMs);
    QCOMPARE(reports.last().first, m_laptop->id());
    QCOMPARE(reports.last().second, collected.total);

    // Labels: the laptop's records by its name, the old phone's by its id (the server never knew it).
    const QList<StoredRecord> held = everything(*m_desktop);
    const auto labelOf = [&](const QString &deviceId) {
        const auto found = std::ranges::find_if(held, [&](const StoredRecord &s) { return s.record.originDevice == deviceId; });
        return found == held.cend() ? QString() : found->deviceLabel;
    };
    QCOMPARE(labelOf(m_laptop->id()), u"laptop"_s);
    QVERIFY(!labelOf(u"old-phone"_s).isEmpty());

    // Everything was acked: the terminal has nothing pending at its next login.
    QSignalSpy ready(&m_desktop->session(), &Session::ready);
    QVERIFY(m_desktop->goOffline());
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QCOMPARE(ready.first().at(1).toLongLong(), 0);
}

void tst_Collection::deviceCutOffMidUploadResumes()
{
    constexpr int count = 10'000;
    setUpLaptopAndNewTerminal(count);
    Collected first;
    follow(*m_laptop, first);
    auto *socket = m_laptop->session().findChild<QSslSocket *>();
    QVERIFY(socket);
    bool cut = false;
    // After the fifth acked batch the next one is on its way; the laptop dies with it in flight.
    m_followers << QObject::connect(&m_laptop->session().collector(), &Collector::progress, socket, [&, socket] {
        if (first.batches != 5)
            return;
        QTimer::singleShot(0, socket, [&, socket] {
            socket->flush();
            socket->abort();
            m_laptop->session().stop();
            cut = true;
        });
    });
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QTRY_VERIFY_WITH_TIMEOUT(cut, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_laptop->session().state(), Session::State::Offline, networkTimeoutMs);
    QCOMPARE(first.finished, 0);
    const qint64 ackedBefore = first.run.received;
    QVERIFY(ackedBefore > 0);
    QVERIFY(ackedBefore < count);
    const CollectionProgress kept = m_laptop->profile().collectionProgress();
    QCOMPARE(kept.terminal, m_desktop->id());
    QVERIFY(kept.cursor > 0);
    QVERIFY(!kept.complete);

    // The laptop starts again from its folder; the server asks again and it resumes.
    for (const QMetaObject::Connection &follower : std::as_const(m_followers))
        QObject::disconnect(follower);
    m_followers.clear();
    m_laptop.reset();
    m_laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QCOMPARE(m_laptop->profile().collectionProgress(), kept);
    Collected second;
    follow(*m_laptop, second);
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(second.finished, 1, networkTimeoutMs);
    QVERIFY(!second.failure);
    QVERIFY(second.resumed);
    // Nothing acked before is sent again: this run sent exactly the rest, the batch that was in
    // flight included. The server may have taken that batch before the cut: then it counts it twice,
    // once new and once duplicate, and nothing else.
    QCOMPARE(second.run.received, count - ackedBefore);
    const qint64 inFlight = second.total.received - count;
    qInfo("cut after %lld records acked; the batch in flight reached the server: %s",
          static_cast<long long>(ackedBefore), inFlight > 0 ? "yes" : "no");
    QVERIFY(inFlight >= 0);
    QVERIFY(inFlight <= wire::maxCollectRecords);
    QCOMPARE(second.total.duplicates, inFlight);
    QCOMPARE(second.total.added, count);
    QVERIFY(m_laptop->profile().collectionProgress().complete);

    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), count, networkTimeoutMs);
    const auto roundTrip = m_desktop->ask(wire::devices);
    HUIJI_VERIFY_OK(roundTrip);
    verifyHoldsOnce(*m_desktop, *m_laptop, count);
}

// ---- duplicates between devices ----

void tst_Collection::devicesThatSawTheSameMessages()
{
    m_laptop = m_site.device(u"laptop"_s, u"alice"_s);
    m_phone = m_site.device(u"phone"_s, u"alice"_s);
    m_bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_laptop->logIn(m_alicePassword, true));
    QVERIFY(m_phone->logIn(m_alicePassword));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    makeContacts(*m_laptop, *m_bob);

    // Relayed before alice had a storage terminal: both her devices see all of it.
    QSignalSpy laptopStored(&m_laptop->session(), &Session::messageStored);
    QSignalSpy bobStored(&m_bob->session(), &Session::messageStored);
    for (int index = 0; index < 20; ++index)
        HUIJI_VERIFY_OK(m_laptop->session().sendMessage(u"bob"_s, u"from the laptop %1"_s.arg(index)));
    for (int index = 0; index < 30; ++index)
        HUIJI_VERIFY_OK(m_bob->session().sendMessage(u"alice"_s, u"from bob %1"_s.arg(index)));
    QTRY_COMPARE_WITH_TIMEOUT(laptopStored.size(), 20, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(bobStored.size(), 30, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_laptop).size(), 50, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_phone).size(), 50, networkTimeoutMs);

    // A new desktop becomes the terminal while both are off; the server holds nothing for it.
    QVERIFY(m_laptop->goOffline());
    QVERIFY(m_phone->goOffline());
    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    QSignalSpy desktopReady(&m_desktop->session(), &Session::ready);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QCOMPARE(desktopReady.first().at(1).toLongLong(), 0);
    HUIJI_VERIFY_OK(m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_alicePassword)));
    // bob writes once more, live to the terminal: what it is sent next of the old messages lies
    // below what it has been sent already.
    HUIJI_VERIFY_OK(m_bob->session().sendMessage(u"alice"_s, u"the terminal has this one"_s));
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), 1, networkTimeoutMs);

    // Both devices log in again and are asked: the first hands over the fifty older ones, the
    // second only duplicates.
    Collected laptop, phone;
    follow(*m_laptop, laptop);
    follow(*m_phone, phone);
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(laptop.finished, 1, networkTimeoutMs);
    QCOMPARE(laptop.run, (wire::CollectionCounts{50, 0, 50, 0}));
    QVERIFY(m_phone->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(phone.finished, 1, networkTimeoutMs);
    QCOMPARE(phone.run, (wire::CollectionCounts{50, 50, 0, 0}));

    // The terminal has each message once, as the server relayed it: ids and server times kept.
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), 51, networkTimeoutMs);
    const auto roundTrip = m_desktop->ask(wire::devices);
    HUIJI_VERIFY_OK(roundTrip);
    const QList<StoredRecord> held = everything(*m_desktop);
    QCOMPARE(held.size(), 51);
    QSet<QUuid> ids;
    for (const StoredRecord &stored : held) {
        ids.insert(stored.record.id);
        QCOMPARE(stored.record.arrival, Arrival::Relayed);
        QVERIFY(stored.record.serverTime.has_value());
        if (stored.record.direction == Direction::Outgoing)
            QCOMPARE(stored.record.originDevice, m_laptop->id());
    }
    QCOMPARE(ids.size(), 51);
    for (const StoredRecord &stored : everything(*m_phone))
        QVERIFY(ids.contains(stored.record.id));
}

// ---- who may ask and upload ----

void tst_Collection::terminalAsksTheOnlineDevices()
{
    constexpr int count = 100;
    setUpLaptopAndNewTerminal(count);
    Collected laptop, phone;
    follow(*m_laptop, laptop);
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(laptop.finished, 1, networkTimeoutMs);
    QCOMPARE(laptop.run.added, count);
    m_phone = m_site.device(u"phone"_s, u"alice"_s);
    follow(*m_phone, phone);
    QVERIFY(m_phone->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(phone.finished, 1, networkTimeoutMs); // an empty store: done at once
    QCOMPARE(phone.run, wire::CollectionCounts{});
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), count, networkTimeoutMs);

    // The terminal asks: both online devices hand over everything again, all of it duplicate.
    std::optional<Result<qint64>> asked;
    AccountService(m_desktop->session()).collectNow([&](Result<qint64> answer) { asked = answer; });
    QTRY_VERIFY_WITH_TIMEOUT(asked.has_value(), networkTimeoutMs);
    HUIJI_VERIFY_OK(*asked);
    QCOMPARE(**asked, 2);
    QTRY_COMPARE_WITH_TIMEOUT(laptop.finished, 2, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(phone.finished, 2, networkTimeoutMs);
    QVERIFY(!laptop.resumed);
    QCOMPARE(laptop.run, (wire::CollectionCounts{count, count, 0, 0}));
    QCOMPARE(laptop.total, laptop.run); // a new pass counts afresh
    QCOMPARE(phone.run, wire::CollectionCounts{});

    // Only the terminal may ask.
    std::optional<Result<qint64>> notTerminal;
    AccountService(m_laptop->session()).collectNow([&](Result<qint64> answer) { notTerminal = answer; });
    QTRY_VERIFY_WITH_TIMEOUT(notTerminal.has_value(), networkTimeoutMs);
    QVERIFY(!*notTerminal);
    QCOMPARE(notTerminal->error().code, ErrorCode::Forbidden);
    // The terminal does not upload; nor does a device for a terminal that is not the current one.
    const CollectionProgress progress = m_laptop->profile().collectionProgress();
    auto fromTerminal = m_desktop->ask(wire::collectUpload, QCborMap{{u"terminal"_s, progress.terminal},
                                                                     {u"since"_s, progress.since}});
    QVERIFY(!fromTerminal);
    QCOMPARE(fromTerminal.error().code, ErrorCode::InvalidArgument);
    auto stale = m_laptop->ask(wire::collectUpload, QCborMap{{u"terminal"_s, progress.terminal},
                                                             {u"since"_s, progress.since - 1}});
    QVERIFY(!stale);
    QCOMPARE(stale.error().code, ErrorCode::NotFound);

    // Another account cannot put records into alice's terminal, whatever it names.
    const Record foreign = aliceToBob(u"not written by alice"_s, u"forged"_s);
    const QCborMap upload{{u"terminal"_s, progress.terminal}, {u"since"_s, progress.since},
                          {u"records"_s, QCborArray{RecordCbor::toCbor(foreign)}}, {u"done"_s, true}};
    m_bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    auto noTerminal = m_bob->ask(wire::collectUpload, upload);
    QVERIFY(!noTerminal);
    QCOMPARE(noTerminal.error().code, ErrorCode::NotFound);
    // bob with a terminal of his own: naming alice's terminal, or his own with alice's records.
    auto bobTablet = m_site.device(u"bob-tablet"_s, u"bob"_s);
    QVERIFY(bobTablet->logIn(m_bobPassword));
    Collected bobs;
    follow(*m_bob, bobs);
    HUIJI_VERIFY_OK(m_bob->ask(wire::terminalSet, withPassword(QCborMap{{u"device"_s, bobTablet->id()}, {u"role"_s, u"primary"_s}}, m_bobPassword)));
    QTRY_COMPARE_WITH_TIMEOUT(bobs.finished, 1, networkTimeoutMs); // online, so asked at once
    auto namingAlices = m_bob->ask(wire::collectUpload, upload);
    QVERIFY(!namingAlices);
    QCOMPARE(namingAlices.error().code, ErrorCode::NotFound);
    const CollectionProgress bobsProgress = m_bob->profile().collectionProgress();
    QCOMPARE(bobsProgress.terminal, bobTablet->id());
    QCborMap intoHis = upload;
    intoHis.insert(u"terminal"_s, bobsProgress.terminal);
    intoHis.insert(u"since"_s, bobsProgress.since);
    auto alicesRecords = m_bob->ask(wire::collectUpload, intoHis);
    QVERIFY(!alicesRecords);
    QCOMPARE(alicesRecords.error().code, ErrorCode::Forbidden);

    // alice's terminal got nothing of it.
    const auto roundTrip = m_desktop->ask(wire::devices);
    HUIJI_VERIFY_OK(roundTrip);
    QCOMPARE(everything(*m_desktop).size(), count);
    QSignalSpy ready(&m_desktop->session(), &Session::ready);
    QVERIFY(m_desktop->goOffline());
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QCOMPARE(ready.first().at(1).toLongLong(), 0);
}

// ---- asked once per terminal ----

void tst_Collection::onlineDevicesAreAskedWhenTheTerminalIsChosen()
{
    constexpr int count = 300;
    m_laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QVERIFY(m_laptop->logIn(m_alicePassword, true));
    importOldHistory(*m_laptop, count);
    Collected collected;
    follow(*m_laptop, collected);
    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    HUIJI_VERIFY_OK(m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_alicePassword)));

    // The laptop stays online all along: it is asked when the terminal is chosen, not at its next login.
    QTRY_COMPARE_WITH_TIMEOUT(collected.finished, 1, networkTimeoutMs);
    QCOMPARE(collected.started, 1);
    QCOMPARE(collected.total.added, count);
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), count, networkTimeoutMs);
    verifyHoldsOnce(*m_desktop, *m_laptop, count);
}

void tst_Collection::completedCollectionIsNotAskedAgain()
{
    constexpr int count = 40;
    setUpLaptopAndNewTerminal(count);
    m_phone = m_site.device(u"phone"_s, u"alice"_s);
    QVERIFY(m_phone->logIn(m_alicePassword));
    QTRY_VERIFY_WITH_TIMEOUT(!m_phone->session().collector().isBusy(), networkTimeoutMs); // nothing to hand over
    QVERIFY(m_phone->goOffline());
    Collected laptop;
    follow(*m_laptop, laptop);
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(laptop.finished, 1, networkTimeoutMs);
    QCOMPARE(laptop.run.added, count);

    // The next login is not asked: the device answer says so, and no request comes after it.
    QVERIFY(m_laptop->goOffline());
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QVERIFY(!m_laptop->session().collector().isBusy());
    const auto roundTrip = m_laptop->ask(wire::devices);
    HUIJI_VERIFY_OK(roundTrip);
    QCOMPARE(laptop.started, 1);

    // Another terminal: the phone. The laptop, online, is asked again at once and the phone gets
    // the history; the desktop, no longer the terminal, hands over at its next login what it was
    // given, all duplicate.
    QVERIFY(m_desktop->goOffline());
    HUIJI_VERIFY_OK(m_laptop->ask(wire::terminalSet, withPassword(QCborMap{{u"device"_s, m_phone->id()}, {u"role"_s, u"primary"_s}}, m_alicePassword)));
    QTRY_COMPARE_WITH_TIMEOUT(laptop.finished, 2, networkTimeoutMs);
    QCOMPARE(laptop.started, 2);
    QVERIFY(!laptop.resumed);
    QCOMPARE(laptop.run, (wire::CollectionCounts{count, 0, count, 0}));
    QCOMPARE(m_laptop->profile().collectionProgress().terminal, m_phone->id());

    Collected desktop;
    follow(*m_desktop, desktop);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QVERIFY(!m_desktop->session().isStorageTerminal());
    QTRY_COMPARE_WITH_TIMEOUT(desktop.finished, 1, networkTimeoutMs);
    QCOMPARE(desktop.run, (wire::CollectionCounts{count, count, 0, 0}));

    QSignalSpy caughtUp(&m_phone->session(), &Session::caughtUp);
    QVERIFY(m_phone->logIn(m_alicePassword));
    QVERIFY(m_phone->session().isStorageTerminal());
    QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty(), networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_phone).size(), count, networkTimeoutMs);
    verifyHoldsOnce(*m_phone, *m_laptop, count);
}

// ---- the server's trouble ----

void tst_Collection::batchTheServerCouldNotStoreIsSentAgain()
{
    constexpr int count = 1200;
    setUpLaptopAndNewTerminal(count);
    ServerFile file(m_site.server());
    QVERIFY(file.isOpen());
    // Every record the server takes is remembered for the terminal; from here that write fails, in
    // the middle of the first batch.
    QVERIFY(file.exec(u"CREATE TRIGGER refuse_keys BEFORE INSERT ON collected_keys"
                      " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"_s));
    Collected collected;
    follow(*m_laptop, collected);
    QSignalSpy deferred(&m_laptop->session().collector(), &Collector::deferred);
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QTRY_VERIFY_WITH_TIMEOUT(!deferred.isEmpty(), networkTimeoutMs);
    // Nothing of the batch was kept, nor counted, and the laptop has not moved on.
    QCOMPARE(collected.batches, 0);
    QVERIFY(!collected.failure);
    QVERIFY(m_laptop->session().collector().isBusy());
    QCOMPARE(m_laptop->profile().collectionProgress().cursor, 0);
    QCOMPARE(file.count(u"SELECT COUNT(*) FROM collected_keys"_s), 0);
    QCOMPARE(file.count(u"SELECT COUNT(*) FROM messages"_s), 0);
    QCOMPARE(file.count(u"SELECT COUNT(*) FROM inbox"_s), 0);
    QCOMPARE(m_laptop->session().state(), Session::State::Online);

    // The disk is well again: the collector's own retry carries on, and everything arrives once.
    QVERIFY(file.exec(u"DROP TRIGGER refuse_keys"_s));
    QTRY_COMPARE_WITH_TIMEOUT(collected.finished, 1, networkTimeoutMs);
    QVERIFY(!collected.failure);
    QCOMPARE(collected.run, (wire::CollectionCounts{count, 0, count, 0}));
    QCOMPARE(collected.total, collected.run);
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), count, networkTimeoutMs);
    verifyHoldsOnce(*m_desktop, *m_laptop, count);
}

// ---- what the server does not take ----

void tst_Collection::malformedUploadsAreRefused()
{
    setUpLaptopAndNewTerminal(0);
    Collected collected;
    follow(*m_laptop, collected);
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(collected.finished, 1, networkTimeoutMs); // nothing to hand over
    const CollectionProgress progress = m_laptop->profile().collectionProgress();
    const auto upload = [&](const QCborValue &records) {
        return m_laptop->ask(wire::collectUpload, QCborMap{{u"terminal"_s, progress.terminal},
                                                           {u"since"_s, progress.since},
                                                           {u"records"_s, records}});
    };
    const Record record = aliceToBob(u"kept on the laptop"_s, m_laptop->id());

    // A batch that is not a list, or larger than a batch may be, is refused whole, saying why.
    auto notAList = upload(u"everything"_s);
    QVERIFY(!notAList);
    QCOMPARE(notAList.error().code, ErrorCode::InvalidArgument);
    QCborArray tooMany;
    for (qsizetype index = 0; index <= wire::maxCollectRecords; ++index)
        tooMany.append(RecordCbor::toCbor(record));
    auto oversized = upload(tooMany);
    QVERIFY(!oversized);
    QCOMPARE(oversized.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(oversized.error().message.contains(QString::number(wire::maxCollectRecords)),
             qPrintable(oversized.error().message));

    // In a batch, a record that does not parse, one whose sender does not fit its direction and one
    // longer than the relay takes are refused; the rest is taken, once.
    Record wrongSender = record;
    wrongSender.id = RecordId::create(record.deviceTime + 1);
    wrongSender.sender = u"bob"_s;
    Record tooLong = record;
    tooLong.id = RecordId::create(record.deviceTime + 2);
    tooLong.body = QString(m_site.server().config().maxMessageBytes + 1, u'x');
    auto mixed = upload(QCborArray{RecordCbor::toCbor(record), 42, RecordCbor::toCbor(wrongSender),
                                   RecordCbor::toCbor(tooLong)});
    HUIJI_VERIFY_OK(mixed);
    QCOMPARE(wire::collectionCountsFromCbor(*mixed), (wire::CollectionCounts{4, 0, 1, 3}));
    auto again = upload(QCborArray{RecordCbor::toCbor(record)});
    HUIJI_VERIFY_OK(again);
    QCOMPARE(wire::collectionCountsFromCbor(*again), (wire::CollectionCounts{1, 1, 0, 0}));
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), 1, networkTimeoutMs);
    QCOMPARE(everything(*m_desktop).first().record.id, record.id);
}

// ---- collected first, sent later ----

void tst_Collection::refusedThenTerminalChosen(int old, Collected &collected, Record &written)
{
    m_laptop = m_site.device(u"laptop"_s, u"alice"_s);
    m_bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_laptop->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    importOldHistory(*m_laptop, old);
    QSignalSpy refused(&m_laptop->session(), &Session::messageRefused);
    auto sent = m_laptop->session().sendMessage(u"bob"_s, u"are you there?"_s);
    HUIJI_VERIFY_OK(sent);
    written = *sent;
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, networkTimeoutMs);
    QCOMPARE(refused.first().at(1).value<Error>().code, ErrorCode::Forbidden);
    QCOMPARE(m_laptop->profile().outbox().count().value_or(-1), 0);

    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    follow(*m_laptop, collected);
    HUIJI_VERIFY_OK(m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_alicePassword)));
    QTRY_COMPARE_WITH_TIMEOUT(collected.finished, 1, networkTimeoutMs);
    QVERIFY(!collected.failure);
}

void tst_Collection::refusedMessageIsCollectedOnlyOnceSent()
{
    // The laptop hands over its old history, but not the message that was never sent.
    constexpr int old = 3;
    Collected collected;
    Record written;
    refusedThenTerminalChosen(old, collected, written);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(collected.run, (wire::CollectionCounts{old, 0, old, 0}));
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), old, networkTimeoutMs);
    HUIJI_VERIFY_OK(m_desktop->ask(wire::devices)); // a round trip: anything more would be in by now
    QVERIFY(!idsOf(everything(*m_desktop)).contains(written.id));

    // Contacts now: sent again and taken, it reaches bob and the terminal through the server.
    makeContacts(*m_laptop, *m_bob);
    QSignalSpy stored(&m_laptop->session(), &Session::messageStored);
    HUIJI_VERIFY_OK(m_laptop->session().retryMessage(written.id));
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_bob).size(), 1, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), old + 1, networkTimeoutMs);

    // And the next collection hands it over like any record sent: the terminal has all of it.
    std::optional<Result<qint64>> asked;
    AccountService(m_desktop->session()).collectNow([&](Result<qint64> answer) { asked = answer; });
    QTRY_VERIFY_WITH_TIMEOUT(asked.has_value(), networkTimeoutMs);
    HUIJI_VERIFY_OK(*asked);
    QTRY_COMPARE_WITH_TIMEOUT(collected.finished, 2, networkTimeoutMs);
    QCOMPARE(collected.run, (wire::CollectionCounts{old + 1, old + 1, 0, 0}));
    HUIJI_VERIFY_OK(m_desktop->ask(wire::devices));
    QCOMPARE(everything(*m_desktop).size(), old + 1);
}

void tst_Collection::messageCollectedBeforeItWasSentIsStillRelayed()
{
    // The laptop, asked for its history, leaves the refused message out; a Huiji of before store
    // schema 5 handed it over all the same: done here by hand.
    Collected collected;
    Record written;
    refusedThenTerminalChosen(0, collected, written);
    if (QTest::currentTestFailed())
        return;
    const CollectionProgress progress = m_laptop->profile().collectionProgress();
    auto handedOver = m_laptop->ask(wire::collectUpload, QCborMap{{u"terminal"_s, progress.terminal},
                                                                  {u"since"_s, progress.since},
                                                                  {u"records"_s, QCborArray{RecordCbor::toCbor(written)}}});
    HUIJI_VERIFY_OK(handedOver);
    QCOMPARE(wire::collectionCountsFromCbor(*handedOver), (wire::CollectionCounts{1, 0, 1, 0}));
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_desktop).size(), 1, networkTimeoutMs);

    // Contacts now: alice sends it again, and although the server had its id from the
    // collection, bob gets it.
    makeContacts(*m_laptop, *m_bob);
    QSignalSpy stored(&m_laptop->session(), &Session::messageStored);
    HUIJI_VERIFY_OK(m_laptop->session().retryMessage(written.id));
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QCOMPARE(stored.first().first().toUuid(), written.id);
    QCOMPARE(m_laptop->profile().outbox().count().value_or(-1), 0);
    QTRY_COMPARE_WITH_TIMEOUT(everything(*m_bob).size(), 1, networkTimeoutMs);
    const Record received = everything(*m_bob).first().record;
    QCOMPARE(received.id, written.id);
    QCOMPARE(received.body, written.body);
    QCOMPARE(received.arrival, Arrival::Relayed);
    QCOMPARE(received.serverTime, std::optional(stored.first().at(1).toLongLong()));
    // The terminal, sent it again as relayed, still has it once.
    HUIJI_VERIFY_OK(m_desktop->ask(wire::devices));
    QCOMPARE(everything(*m_desktop).size(), 1);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_Collection)
#include "tst_collection.moc"

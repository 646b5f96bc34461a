// A contact who speaks raw frames tries to put words in someone else's archive, to make their real
// message vanish by taking its id first, and to file one id twice with other content. Each attack
// must fail, and alice's and bob's honest devices must end with exactly what was really said. Ids
// are unique per sender, so a contact may also send a message under the id of one of yours, by
// chance or on purpose: your storage terminal keeps both, each with its own body, sender and label,
// whichever came first, and a receipt for yours marks your row and never his.
//
// The world: alice's desktop is her storage terminal and her laptop is another device of hers;
// bob's PC is his storage terminal; alice and bob are contacts. The attacker is bob himself, on a
// device of his own that speaks frames by hand.

#include "../client/TestNetwork.h"
#include "../common/RawClient.h"
#include "../common/TestVerify.h"

#include "protocol/RecordCbor.h"
#include "protocol/RecordId.h"

#include <QTest>

namespace huiji {

class tst_ForgedRecords : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void forwardedForgeryStaysInTheForgersArchive();
    void collectedForgeryStaysInTheForgersArchive();
    void takenIdCannotSwallowARelayedMessage();
    void reusedIdWithOtherContentIsRefused();
    void recordsOfAnotherAccountAreRefused();
    void contactsMessageUnderYourIdKeepsItsOwnRow_data();
    void contactsMessageUnderYourIdKeepsItsOwnRow();

private:
    // bob's raw device, logged in; the test fails when it cannot log in.
    std::unique_ptr<RawClient> attacker();
    // What bob's raw device hands over, with `type` forward or collect-upload.
    wire::CollectionCounts handOver(RawClient &raw, const QString &type, const QList<Record> &records);
    static Record bobReceived(const Record &aliceRecord, const QString &body);
    // Waits until the device's store holds a record with this id and returns the stored records.
    static QList<StoredRecord> waitForRecord(TestDevice &device, const QUuid &id);
    static QList<StoredRecord> withBody(const QList<StoredRecord> &records, const QString &body);
    // What bob's raw device writes to alice under this id, and its sending it (the server must take it).
    static Record bobToAlice(const QString &body, const QUuid &id);
    static void bobSends(RawClient &raw, const Record &record);
    // The record of this sender under this id in the device's store, at once or once it arrived.
    static std::optional<StoredRecord> rowOf(TestDevice &device, const QString &sender, const QUuid &id);
    static std::optional<StoredRecord> waitForRow(TestDevice &device, const QString &sender, const QUuid &id);

    TestSite m_site;
    std::unique_ptr<TestDevice> m_desktop, m_laptop, m_bobPc;
    const QByteArray m_alicePassword = testPassword("alice");
    const QByteArray m_bobPassword = testPassword("bob");
    qint64 m_nextRequest = 10;
};

void tst_ForgedRecords::init()
{
    QVERIFY(m_site.start());
    m_desktop = m_site.device(u"alice-desktop"_s, u"alice"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword, true));
    HUIJI_VERIFY_OK(
        m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"device"_s, m_desktop->id()}}, m_alicePassword)));
    m_laptop = m_site.device(u"alice-laptop"_s, u"alice"_s);
    QVERIFY(m_laptop->logIn(m_alicePassword));
    m_bobPc = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_bobPc->logIn(m_bobPassword, true));
    HUIJI_VERIFY_OK(
        m_bobPc->ask(wire::terminalSet, withPassword(QCborMap{{u"device"_s, m_bobPc->id()}}, m_bobPassword)));
    makeContacts(*m_desktop, *m_bobPc);
}

void tst_ForgedRecords::cleanup()
{
    m_desktop.reset();
    m_laptop.reset();
    m_bobPc.reset();
    m_site.stop();
}

std::unique_ptr<RawClient> tst_ForgedRecords::attacker()
{
    auto raw = std::make_unique<RawClient>();
    if (!raw->open(m_site.server().port()) || !raw->logIn(u"bob"_s, m_bobPassword, u"bob-raw"_s))
        return nullptr;
    return raw;
}

wire::CollectionCounts tst_ForgedRecords::handOver(RawClient &raw, const QString &type, const QList<Record> &records)
{
    QCborArray array;
    for (const Record &record : records)
        array.append(RecordCbor::toCbor(record));
    QCborMap body{{u"records"_s, array}};
    if (type == wire::collectUpload) {
        // A collection names the terminal it is for, as the server's request said.
        body.insert(u"terminal"_s, m_bobPc->id());
        for (std::optional<Frame> push = raw.next(); push; push = raw.next())
            if (push->type == wire::collect) {
                body.insert(u"since"_s, push->body.value(u"since"_s));
                break;
            }
    }
    const qint64 request = ++m_nextRequest;
    raw.send({type, request, body});
    const std::optional<Frame> answer = raw.answerTo(request);
    if (!answer || answer->type != type) {
        qWarning("%s was not taken: %s", qPrintable(type),
                 answer ? qPrintable(wire::errorOf(*answer).message) : "no answer");
        return {};
    }
    return wire::collectionCountsFromCbor(answer->body);
}

Record tst_ForgedRecords::bobReceived(const Record &aliceRecord, const QString &body)
{
    // The same id and conversation as alice's record, as bob's side would keep it.
    Record forged = aliceRecord;
    forged.account = u"bob"_s;
    forged.contact = u"alice"_s;
    forged.direction = Direction::Incoming;
    forged.sender = u"alice"_s;
    forged.body = body;
    return forged;
}

QList<StoredRecord> tst_ForgedRecords::waitForRecord(TestDevice &device, const QUuid &id)
{
    QList<StoredRecord> records;
    const bool arrived = QTest::qWaitFor([&] {
        records = storedRecords(device);
        return idsOf(records).contains(id);
    }, networkTimeoutMs);
    if (!arrived)
        qWarning("record %s never reached the store", qPrintable(id.toString()));
    return records;
}

QList<StoredRecord> tst_ForgedRecords::withBody(const QList<StoredRecord> &records, const QString &body)
{
    QList<StoredRecord> found;
    for (const StoredRecord &stored : records)
        if (stored.record.body == body)
            found.append(stored);
    return found;
}

void tst_ForgedRecords::forwardedForgeryStaysInTheForgersArchive()
{
    // alice's laptop carried a message to bob over a direct link (claim 11); bob saw its id and
    // forwards "his copy" first, with words alice never wrote, labelled with her laptop.
    Record real = aliceToBob(u"see you at noon"_s, m_laptop->id());
    real.arrival = Arrival::Direct;
    const auto raw = attacker();
    QVERIFY(raw);
    Record forged = bobReceived(real, u"I owe bob 1000 yuan"_s);
    const wire::CollectionCounts taken = handOver(*raw, wire::forward, {forged});
    QCOMPARE(taken.received, 1); // bob may keep what he likes in his own archive

    // Then the laptop forwards what it really sent.
    auto forwarded = m_laptop->ask(wire::forward, QCborMap{{u"records"_s, QCborArray{RecordCbor::toCbor(real)}}});
    HUIJI_VERIFY_OK(forwarded);
    QCOMPARE(forwarded->value(u"new"_s).toInteger(), 1);
    QCOMPARE(forwarded->value(u"conflicts"_s).toInteger(), 0);

    // alice's archive has her words, labelled with her laptop, and never bob's.
    const QList<StoredRecord> archive = waitForRecord(*m_desktop, real.id);
    QCOMPARE(withBody(archive, real.body).size(), 1);
    QCOMPARE(withBody(archive, real.body).first().record.originDevice, m_laptop->id());
    QVERIFY(withBody(archive, forged.body).isEmpty());

    // The honest devices go on: alice writes through the server and bob's terminal has it once.
    auto sent = m_laptop->session().sendMessage(u"bob"_s, u"and bring the map"_s);
    HUIJI_VERIFY_OK(sent);
    const QList<StoredRecord> bobs = waitForRecord(*m_bobPc, sent->id);
    QCOMPARE(withBody(bobs, sent->body).size(), 1);
    QVERIFY(withBody(bobs, real.body).isEmpty()); // the direct message never passed the server
}

void tst_ForgedRecords::collectedForgeryStaysInTheForgersArchive()
{
    // The same forgery through a collection (claim 13): bob's raw device hands over "what it
    // holds" when his terminal asks, then alice's laptop hands over its real record to hers.
    const auto raw = attacker();
    QVERIFY(raw);
    Record real = aliceToBob(u"the contract is signed"_s, m_laptop->id());
    real.arrival = Arrival::Direct; // handed over by the laptop as it forwards its direct records
    Record forged = bobReceived(real, u"the contract is void"_s);
    const wire::CollectionCounts taken = handOver(*raw, wire::collectUpload, {forged});
    QCOMPARE(taken.received, 1);

    auto collected = m_laptop->ask(wire::forward, QCborMap{{u"records"_s, QCborArray{RecordCbor::toCbor(real)}}});
    HUIJI_VERIFY_OK(collected);
    QCOMPARE(collected->value(u"new"_s).toInteger(), 1);

    const QList<StoredRecord> archive = waitForRecord(*m_desktop, real.id);
    QCOMPARE(withBody(archive, real.body).size(), 1);
    QVERIFY(withBody(archive, forged.body).isEmpty());
}

void tst_ForgedRecords::takenIdCannotSwallowARelayedMessage()
{
    // bob learns the id alice's laptop will send under (a direct link that then dropped falls
    // back to the server with the same id) and files a record of his own under it first.
    const auto raw = attacker();
    QVERIFY(raw);
    Record next = aliceToBob(u"the door code is 4711"_s, m_laptop->id());
    Record squatter = next;
    squatter.account = u"bob"_s;
    squatter.contact = u"alice"_s;
    squatter.sender = u"bob"_s;
    squatter.direction = Direction::Outgoing;
    squatter.body = u"nothing to see"_s;
    squatter.arrival = Arrival::Direct;
    QCOMPARE(handOver(*raw, wire::forward, {squatter}).received, 1);

    // alice's message is still relayed: bob's devices get it live and her terminal holds it.
    auto relayed = m_laptop->ask(wire::send, QCborMap{{u"record"_s, RecordCbor::toCbor(next)}});
    HUIJI_VERIFY_OK(relayed);
    QVERIFY(relayed->value(u"serverTime"_s).isInteger());
    bool delivered = false;
    while (!delivered) {
        const std::optional<Frame> push = raw->next();
        QVERIFY2(push, "bob's devices never got alice's message");
        for (const QCborValue &item : push->body.value(u"records"_s).toArray()) {
            auto record = RecordCbor::fromCbor(item.toMap().value(u"record"_s).toMap());
            delivered = delivered || (record && record->id == next.id && record->body == next.body);
        }
    }
    QCOMPARE(withBody(waitForRecord(*m_desktop, next.id), next.body).size(), 1);
    QVERIFY(withBody(storedRecords(*m_desktop), squatter.body).isEmpty());
}

void tst_ForgedRecords::reusedIdWithOtherContentIsRefused()
{
    // A device of alice's own that speaks frames by hand sends one id twice with other words.
    RawClient raw;
    QVERIFY(raw.open(m_site.server().port()));
    QVERIFY(raw.logIn(u"alice"_s, m_alicePassword, u"alice-raw"_s));
    Record first = aliceToBob(u"first words"_s, u"alice-raw"_s);
    raw.send({wire::send, 50, QCborMap{{u"record"_s, RecordCbor::toCbor(first)}}});
    std::optional<Frame> answer = raw.answerTo(50);
    QVERIFY(answer);
    QCOMPARE(answer->type, wire::send);

    // The same again is a harmless resend...
    raw.send({wire::send, 51, QCborMap{{u"record"_s, RecordCbor::toCbor(first)}}});
    answer = raw.answerTo(51);
    QVERIFY(answer);
    QCOMPARE(answer->type, wire::send);

    // ...but the same id with other words is refused, never merged.
    Record changed = first;
    changed.body = u"other words"_s;
    raw.send({wire::send, 52, QCborMap{{u"record"_s, RecordCbor::toCbor(changed)}}});
    answer = raw.answerTo(52);
    QVERIFY(answer);
    QCOMPARE(answer->type, wire::error);
    QCOMPARE(wire::errorOf(*answer).code, ErrorCode::IdConflict);

    // Handed over as a direct record, it is counted as a conflict and refused.
    Record viaLink = changed;
    viaLink.arrival = Arrival::Direct;
    raw.send({wire::forward, 53, QCborMap{{u"records"_s, QCborArray{RecordCbor::toCbor(viaLink)}}}});
    answer = raw.answerTo(53);
    QVERIFY(answer);
    QCOMPARE(answer->type, wire::forward);
    const wire::CollectionCounts counts = wire::collectionCountsFromCbor(answer->body);
    QCOMPARE(counts.conflicts, 1);
    QCOMPARE(counts.refused, 1);
    QCOMPARE(counts.added, 0);

    // Both terminals have the first words once, and never the others.
    for (TestDevice *terminal : {m_desktop.get(), m_bobPc.get()}) {
        const QList<StoredRecord> records = waitForRecord(*terminal, first.id);
        QCOMPARE(withBody(records, first.body).size(), 1);
        QVERIFY(withBody(records, changed.body).isEmpty());
    }
}

void tst_ForgedRecords::recordsOfAnotherAccountAreRefused()
{
    // bob hands over a record that says it is alice's: the whole batch is refused.
    const auto raw = attacker();
    QVERIFY(raw);
    const Record hers = aliceToBob(u"written by bob"_s, m_laptop->id());
    raw->send({wire::forward, 60, QCborMap{{u"records"_s, QCborArray{RecordCbor::toCbor(hers)}}}});
    const std::optional<Frame> answer = raw->answerTo(60);
    QVERIFY(answer);
    QCOMPARE(answer->type, wire::error);
    QCOMPARE(wire::errorOf(*answer).code, ErrorCode::Forbidden);

    // alice's terminal is not touched and still gets what her laptop writes.
    auto sent = m_laptop->session().sendMessage(u"bob"_s, u"still here"_s);
    HUIJI_VERIFY_OK(sent);
    const QList<StoredRecord> archive = waitForRecord(*m_desktop, sent->id);
    QVERIFY(withBody(archive, hers.body).isEmpty());
}

Record tst_ForgedRecords::bobToAlice(const QString &body, const QUuid &id)
{
    Record record;
    record.deviceTime = QDateTime::currentMSecsSinceEpoch();
    record.id = id;
    record.account = u"bob"_s;
    record.contact = u"alice"_s;
    record.sender = u"bob"_s;
    record.body = body;
    record.originDevice = u"bob-raw"_s;
    return record;
}

void tst_ForgedRecords::bobSends(RawClient &raw, const Record &record)
{
    const std::optional<Frame> answer = raw.ask(wire::send, QCborMap{{u"record"_s, RecordCbor::toCbor(record)}});
    QVERIFY2(answer, "the server did not answer bob's send");
    QVERIFY2(answer->type == wire::send, qPrintable(wire::errorOf(*answer).message));
}

std::optional<StoredRecord> tst_ForgedRecords::rowOf(TestDevice &device, const QString &sender, const QUuid &id)
{
    for (const StoredRecord &stored : storedRecords(device))
        if (stored.record.sender == sender && stored.record.id == id)
            return stored;
    return std::nullopt;
}

std::optional<StoredRecord> tst_ForgedRecords::waitForRow(TestDevice &device, const QString &sender, const QUuid &id)
{
    std::optional<StoredRecord> found;
    if (!QTest::qWaitFor([&] {
            found = rowOf(device, sender, id);
            return found.has_value();
        }, networkTimeoutMs))
        qWarning("%s never has %s's record %s", qPrintable(device.profile().device().name), qPrintable(sender),
                 qPrintable(id.toString()));
    return found;
}

void tst_ForgedRecords::contactsMessageUnderYourIdKeepsItsOwnRow_data()
{
    QTest::addColumn<bool>("aliceFirst");
    QTest::newRow("alice's message first") << true;
    QTest::newRow("bob's message first") << false;
}

void tst_ForgedRecords::contactsMessageUnderYourIdKeepsItsOwnRow()
{
    QFETCH(bool, aliceFirst);
    const auto raw = attacker();
    QVERIFY(raw);
    // bob's terminal is away while alice writes: its ack, and with it alice's receipt, come last.
    QVERIFY(m_bobPc->goOffline());
    QSignalSpy receipts(&m_desktop->session(), &Session::messagesDelivered);

    // First: alice's desktop writes, and bob answers under its id; or bob writes first, and alice's
    // laptop sends under his id (a device of hers that made the same id, as far as anyone can tell).
    Record alices;
    Record bobs;
    if (aliceFirst) {
        QSignalSpy stored(&m_desktop->session(), &Session::messageStored);
        const auto written = m_desktop->session().sendMessage(u"bob"_s, u"alice: the meeting is at ten"_s);
        HUIJI_VERIFY_OK(written);
        alices = *written;
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
        bobs = bobToAlice(u"bob: I will bring the slides"_s, alices.id);
        bobSends(*raw, bobs);
    } else {
        bobs = bobToAlice(u"bob: I will bring the slides"_s, RecordId::create(QDateTime::currentMSecsSinceEpoch()));
        bobSends(*raw, bobs);
        QVERIFY(waitForRow(*m_desktop, u"bob"_s, bobs.id));
        alices = aliceToBob(u"alice: the meeting is at ten"_s, m_laptop->id());
        alices.id = bobs.id;
        HUIJI_VERIFY_OK(m_laptop->ask(wire::send, QCborMap{{u"record"_s, RecordCbor::toCbor(alices)}}));
    }
    QCOMPARE(bobs.id, alices.id);
    // And a message of bob's under an id of its own: what his should look like.
    const Record control = bobToAlice(u"bob: see you there"_s, RecordId::create(QDateTime::currentMSecsSinceEpoch()));
    bobSends(*raw, control);

    // alice's terminal keeps both, each as it was written and labelled as it would be alone.
    const std::optional<StoredRecord> hers = waitForRow(*m_desktop, u"alice"_s, alices.id);
    const std::optional<StoredRecord> his = waitForRow(*m_desktop, u"bob"_s, bobs.id);
    const std::optional<StoredRecord> unshared = waitForRow(*m_desktop, u"bob"_s, control.id);
    QVERIFY(hers && his && unshared);
    QCOMPARE(hers->record.body, alices.body);
    QCOMPARE(hers->record.direction, Direction::Outgoing);
    QCOMPARE(hers->record.originDevice, aliceFirst ? m_desktop->id() : m_laptop->id());
    QCOMPARE(hers->deviceLabel, aliceFirst ? u"alice-desktop"_s : u"alice-laptop"_s);
    QCOMPARE(his->record.body, bobs.body);
    QCOMPARE(his->record.direction, Direction::Incoming);
    QCOMPARE(his->record.contact, u"bob"_s);
    QCOMPARE(his->record.originDevice, unshared->record.originDevice);
    QCOMPARE(his->deviceLabel, unshared->deviceLabel);
    QCOMPARE(storedRecords(*m_desktop, u"bob"_s).size(), 3);

    // bob's terminal comes back and acks alice's message: the receipt marks her row, not his.
    QVERIFY(m_bobPc->logIn(m_bobPassword));
    QTRY_VERIFY_WITH_TIMEOUT(std::ranges::any_of(receipts, [&](const QList<QVariant> &signal) {
                                 return signal.first().value<QList<QUuid>>().contains(alices.id);
                             }),
                             networkTimeoutMs);
    const std::optional<StoredRecord> hersNow = rowOf(*m_desktop, u"alice"_s, alices.id);
    QVERIFY(hersNow && hersNow->deliveredAt);
    const std::optional<StoredRecord> hisNow = rowOf(*m_desktop, u"bob"_s, bobs.id);
    QVERIFY(hisNow);
    QVERIFY(!hisNow->deliveredAt);
    QCOMPARE(hisNow->record.body, bobs.body);

    // bob's terminal, too, holds both under the one id.
    const std::optional<StoredRecord> bobsCopy = waitForRow(*m_bobPc, u"bob"_s, bobs.id);
    const std::optional<StoredRecord> alicesCopy = waitForRow(*m_bobPc, u"alice"_s, alices.id);
    QVERIFY(bobsCopy && alicesCopy);
    QCOMPARE(bobsCopy->record.body, bobs.body);
    QCOMPARE(alicesCopy->record.body, alices.body);

    // The honest devices go on: a message each way arrives once.
    const auto fromAlice = m_desktop->session().sendMessage(u"bob"_s, u"alice: and lunch after"_s);
    HUIJI_VERIFY_OK(fromAlice);
    const auto fromBob = m_bobPc->session().sendMessage(u"alice"_s, u"bob: sure"_s);
    HUIJI_VERIFY_OK(fromBob);
    QVERIFY(waitForRow(*m_bobPc, u"alice"_s, fromAlice->id));
    QVERIFY(waitForRow(*m_desktop, u"bob"_s, fromBob->id));
    QCOMPARE(storedRecords(*m_desktop, u"bob"_s).size(), 5);
    QCOMPARE(storedRecords(*m_bobPc, u"alice"_s).size(), 5);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_ForgedRecords)
#include "tst_forgedrecords.moc"

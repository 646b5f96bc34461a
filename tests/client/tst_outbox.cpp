// The outbox against a real in-process server and real profiles: a message and its place in the
// outbox are written in one transaction with the sender's history, so the failure of either write
// leaves neither and nothing is sent; a message the server refuses for good leaves the outbox at
// once, marked failed with why, and changes the fate of no other message; Retry sends it again
// once the user has changed what it was refused for; and the outbox files of older profiles are
// taken over and sent.

#include "TestNetwork.h"
#include "../common/RawSql.h"

#include "protocol/RecordCbor.h"

#include <QCborValue>
#include <QFile>
#include <QSet>

namespace huiji {

namespace {

// Records in a store may share a millisecond, whose order is then the store's tie-break.
QSet<QUuid> unordered(const QList<QUuid> &ids)
{
    return {ids.cbegin(), ids.cend()};
}

} // namespace

class tst_Outbox : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void refusedMessageLeavesTheOutboxAndNothingElseChanges();
    void refusedMessageIsNotSentAgain();
    void tooLongMessageIsRefusedForGood();
    void retrySendsItOnceTheContactIsAdded();
    void retryIsOnlyForRefusedMessagesOfThisDevice();
    void failedWriteLeavesNeitherAndSendsNothing_data();
    void failedWriteLeavesNeitherAndSendsNothing();
    void olderProfilesOutboxIsTakenOverAndSent();

private:
    // The server, then alice and bob online and contacts; carol registered, a contact of nobody's.
    void setUpPeople(ServerConfig config = {});
    // After a round trip of the device's, whatever was relayed to it before it has arrived.
    void settle(TestDevice &device);
    QString historyPath(const QString &name) const { return m_site.path(name + u"/history.sqlite"_s); }

    TestSite m_site;
    std::unique_ptr<TestDevice> m_alice, m_bob, m_carol;
    const QByteArray m_alicePassword = testPassword("alice");
    const QByteArray m_bobPassword = testPassword("bob");
    const QByteArray m_carolPassword = testPassword("carol");
};

void tst_Outbox::cleanup()
{
    m_alice.reset();
    m_bob.reset();
    m_carol.reset();
    m_site.stop();
}

void tst_Outbox::setUpPeople(ServerConfig config)
{
    QVERIFY(m_site.start(std::move(config)));
    m_alice = m_site.device(u"alice-pc"_s, u"alice"_s);
    m_bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    m_carol = m_site.device(u"carol-pc"_s, u"carol"_s);
    QVERIFY(m_alice->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    QVERIFY(m_carol->logIn(m_carolPassword, true));
    makeContacts(*m_alice, *m_bob);
}

void tst_Outbox::settle(TestDevice &device)
{
    HUIJI_VERIFY_OK(device.ask(wire::contacts));
}

void tst_Outbox::refusedMessageLeavesTheOutboxAndNothingElseChanges()
{
    setUpPeople();

    // Written offline, in this order: to bob, to carol (not a contact), to bob again.
    QVERIFY(m_alice->goOffline());
    auto first = m_alice->session().sendMessage(u"bob"_s, u"first, to bob"_s);
    auto stranger = m_alice->session().sendMessage(u"carol"_s, u"hello, stranger"_s);
    auto second = m_alice->session().sendMessage(u"bob"_s, u"second, to bob"_s);
    for (const auto *written : {&first, &stranger, &second})
        HUIJI_VERIFY_OK(*written);
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 3);

    QSignalSpy failed(&m_alice->session(), &Session::failed);
    QSignalSpy refused(&m_alice->session(), &Session::messageRefused);
    QSignalSpy stored(&m_alice->session(), &Session::messageStored);
    QVERIFY(m_alice->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(stored.size() + refused.size(), 3, networkTimeoutMs);

    // Only carol's was refused, for what it is; the others were stored, and the session is fine.
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().at(0).toUuid(), stranger->id);
    const Error refusal = refused.first().at(1).value<Error>();
    QCOMPARE(refusal.code, ErrorCode::Forbidden);
    QVERIFY2(refusal.message.contains(u"carol"_s), qPrintable(refusal.message));
    QList<QUuid> storedIds;
    for (const QList<QVariant> &signal : std::as_const(stored))
        storedIds.append(signal.first().toUuid());
    QCOMPARE(storedIds, (QList<QUuid>{first->id, second->id}));
    QVERIFY(failed.isEmpty());
    QCOMPARE(m_alice->session().state(), Session::State::Online);
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 0);

    // alice's history keeps all three, carol's marked failed with the server's reason.
    const QList<StoredRecord> toCarol = storedRecords(*m_alice, u"carol"_s);
    QCOMPARE(toCarol.size(), 1);
    QVERIFY(toCarol.first().failure.has_value());
    QCOMPARE(toCarol.first().failure->code, ErrorCode::Forbidden);
    QCOMPARE(toCarol.first().failure->message, refusal.message);
    const QList<StoredRecord> toBob = storedRecords(*m_alice, u"bob"_s);
    QCOMPARE(toBob.size(), 2);
    QVERIFY(!toBob.at(0).failure && !toBob.at(1).failure);

    // bob has his two, once each; carol has nothing.
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_bob, u"alice"_s).size(), 2, networkTimeoutMs);
    settle(*m_bob);
    QCOMPARE(unordered(idsOf(storedRecords(*m_bob, u"alice"_s))), (QSet<QUuid>{first->id, second->id}));
    QCOMPARE(storedRecords(*m_bob, u"alice"_s).size(), 2);
    settle(*m_carol);
    auto carols = m_carol->profile().history().conversations();
    HUIJI_VERIFY_OK(carols);
    QVERIFY(carols->isEmpty());
}

void tst_Outbox::refusedMessageIsNotSentAgain()
{
    setUpPeople();
    QSignalSpy refused(&m_alice->session(), &Session::messageRefused);
    auto stranger = m_alice->session().sendMessage(u"carol"_s, u"only once"_s);
    HUIJI_VERIFY_OK(stranger);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, networkTimeoutMs);

    // The next logins send only what is new: each answer is that message's own.
    QSignalSpy failed(&m_alice->session(), &Session::failed);
    QSignalSpy stored(&m_alice->session(), &Session::messageStored);
    for (int login = 0; login < 2; ++login) {
        QVERIFY(m_alice->goOffline());
        QVERIFY(m_alice->logIn(m_alicePassword));
        auto sent = m_alice->session().sendMessage(u"bob"_s, u"login %1"_s.arg(login));
        HUIJI_VERIFY_OK(sent);
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), login + 1, networkTimeoutMs);
        QCOMPARE(stored.last().first().toUuid(), sent->id);
    }
    settle(*m_alice);
    QCOMPARE(refused.size(), 1);
    QVERIFY(failed.isEmpty());
    QVERIFY(storedRecords(*m_alice, u"carol"_s).first().failure.has_value()); // still marked
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_bob, u"alice"_s).size(), 2, networkTimeoutMs);
}

void tst_Outbox::tooLongMessageIsRefusedForGood()
{
    setUpPeople();
    // While alice is offline the server's message size goes down: what she writes meanwhile is
    // checked against the size her session learnt at its last login.
    QVERIFY(m_alice->goOffline());
    m_site.server().stop();
    m_site.server().config().maxMessageBytes = 40;
    QVERIFY(m_site.server().start());
    auto tooLong = m_alice->session().sendMessage(u"bob"_s, QString(41, u'x'));
    HUIJI_VERIFY_OK(tooLong);
    auto fits = m_alice->session().sendMessage(u"bob"_s, QString(40, u'y'));
    HUIJI_VERIFY_OK(fits);

    QSignalSpy refused(&m_alice->session(), &Session::messageRefused);
    QSignalSpy stored(&m_alice->session(), &Session::messageStored);
    QVERIFY(m_alice->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(refused.size() + stored.size(), 2, networkTimeoutMs);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().at(0).toUuid(), tooLong->id);
    QCOMPARE(refused.first().at(1).value<Error>().code, ErrorCode::InvalidRecord);
    QCOMPARE(stored.first().first().toUuid(), fits->id);
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 0);
    auto marked = m_alice->profile().history().record(RecordKey::of(*tooLong));
    HUIJI_VERIFY_OK(marked);
    QCOMPARE(marked->failure->code, ErrorCode::InvalidRecord);
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_bob, u"alice"_s).size(), 1, networkTimeoutMs);
    QCOMPARE(storedRecords(*m_bob, u"alice"_s).first().record.id, fits->id);

    // Now that the session knows the new size, one as long is refused before it is written.
    const auto written = m_alice->session().sendMessage(u"bob"_s, QString(41, u'z'));
    QVERIFY(!written);
    QCOMPARE(written.error().code, ErrorCode::InvalidRecord);
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 0);
    QCOMPARE(storedRecords(*m_alice, u"bob"_s).size(), 2);
}

void tst_Outbox::retrySendsItOnceTheContactIsAdded()
{
    setUpPeople();
    QSignalSpy refused(&m_alice->session(), &Session::messageRefused);
    auto early = m_alice->session().sendMessage(u"carol"_s, u"before you accepted"_s);
    HUIJI_VERIFY_OK(early);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, networkTimeoutMs);

    makeContacts(*m_alice, *m_carol);
    QSignalSpy retried(&m_alice->session(), &Session::messageRetried);
    QSignalSpy stored(&m_alice->session(), &Session::messageStored);
    HUIJI_VERIFY_OK(m_alice->session().retryMessage(early->id));
    QCOMPARE(retried.size(), 1);
    QCOMPARE(retried.first().first().toUuid(), early->id);
    // Back in the outbox with its failure cleared, then stored: the same message, the same id.
    auto cleared = m_alice->profile().history().record(RecordKey::of(*early));
    HUIJI_VERIFY_OK(cleared);
    QVERIFY(!cleared->failure);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QCOMPARE(stored.first().first().toUuid(), early->id);
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 0);
    QCOMPARE(refused.size(), 1);

    // carol has it once; alice has it once, no longer marked.
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_carol, u"alice"_s).size(), 1, networkTimeoutMs);
    const Record received = storedRecords(*m_carol, u"alice"_s).first().record;
    QCOMPARE(received.id, early->id);
    QCOMPARE(received.body, early->body);
    const QList<StoredRecord> alices = storedRecords(*m_alice, u"carol"_s);
    QCOMPARE(alices.size(), 1);
    QVERIFY(!alices.first().failure);
    settle(*m_carol);
    QCOMPARE(storedRecords(*m_carol, u"alice"_s).size(), 1);
}

void tst_Outbox::retryIsOnlyForRefusedMessagesOfThisDevice()
{
    setUpPeople();
    QSignalSpy stored(&m_alice->session(), &Session::messageStored);
    auto sent = m_alice->session().sendMessage(u"bob"_s, u"went through"_s);
    HUIJI_VERIFY_OK(sent);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_bob, u"alice"_s).size(), 1, networkTimeoutMs);

    QSignalSpy retried(&m_alice->session(), &Session::messageRetried);
    const auto notRefused = m_alice->session().retryMessage(sent->id);
    QVERIFY(!notRefused);
    QCOMPARE(notRefused.error().code, ErrorCode::InvalidArgument);
    const auto unknown = m_alice->session().retryMessage(RecordId::create(QDateTime::currentMSecsSinceEpoch()));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    // bob's copy of alice's message is not his to send: none of his own has its id.
    const auto notMine = m_bob->session().retryMessage(sent->id);
    QVERIFY(!notMine);
    QCOMPARE(notMine.error().code, ErrorCode::NotFound);
    QVERIFY(retried.isEmpty());
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 0);
    QCOMPARE(m_bob->profile().outbox().count().value_or(-1), 0);
    settle(*m_bob);
    QCOMPARE(storedRecords(*m_bob, u"alice"_s).size(), 1);
}

void tst_Outbox::failedWriteLeavesNeitherAndSendsNothing_data()
{
    QTest::addColumn<QString>("table");
    QTest::newRow("the outbox write fails") << u"outbox"_s;
    QTest::newRow("the history write fails") << u"records"_s;
}

void tst_Outbox::failedWriteLeavesNeitherAndSendsNothing()
{
    QFETCH(QString, table);
    setUpPeople();
    QSignalSpy merged(&m_bob->session(), &Session::recordsMerged);
    // From here every insert into alice's table fails, as a full disk or an I/O error fails it.
    execRaw(historyPath(u"alice-pc"_s), {u"CREATE TRIGGER refuse BEFORE INSERT ON %1"
                                         " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"_s.arg(table)});
    const auto written = m_alice->session().sendMessage(u"bob"_s, u"half written?"_s);
    QVERIFY(!written);
    QVERIFY2(written.error().message.contains(u"refused by the test"_s), qPrintable(written.error().message));
    // Not in alice's history, not in her outbox, not sent, not even at her next login.
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 0);
    QVERIFY(m_alice->goOffline());
    QVERIFY(m_alice->logIn(m_alicePassword));
    settle(*m_alice);
    settle(*m_bob);
    QVERIFY(merged.isEmpty());
    QVERIFY(storedRecords(*m_bob, u"alice"_s).isEmpty());
    execRaw(historyPath(u"alice-pc"_s), {u"DROP TRIGGER refuse"_s});
    QVERIFY(storedRecords(*m_alice, u"bob"_s).isEmpty());

    // The disk is well again: the next message is written, sent and delivered, alone.
    QSignalSpy stored(&m_alice->session(), &Session::messageStored);
    auto sent = m_alice->session().sendMessage(u"bob"_s, u"written whole"_s);
    HUIJI_VERIFY_OK(sent);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_bob, u"alice"_s).size(), 1, networkTimeoutMs);
    QCOMPARE(storedRecords(*m_bob, u"alice"_s).first().record.id, sent->id);
    QCOMPARE(storedRecords(*m_alice, u"bob"_s).size(), 1);
}

void tst_Outbox::olderProfilesOutboxIsTakenOverAndSent()
{
    setUpPeople();
    QVERIFY(m_alice->goOffline());
    const QString deviceId = m_alice->id();
    m_alice.reset();

    // An outbox file as Huiji kept one before: a message in it and in the history, and one a
    // crash left in the outbox only (it wrote the outbox first then).
    const Record both = aliceToBob(u"in both"_s, deviceId);
    Record outboxOnly = aliceToBob(u"outbox only"_s, deviceId);
    outboxOnly.deviceTime = both.deviceTime + 1;
    outboxOnly.id = RecordId::create(outboxOnly.deviceTime);
    {
        auto history = HistoryStore::open(historyPath(u"alice-pc"_s));
        HUIJI_VERIFY_OK(history);
        HUIJI_VERIFY_OK((*history)->merge({both}));
    }
    const QString old = m_site.path(u"alice-pc/outbox.sqlite"_s);
    QStringList statements = {u"PRAGMA journal_mode = WAL"_s,
                              u"CREATE TABLE outbox (seq INTEGER PRIMARY KEY, uid BLOB NOT NULL UNIQUE, record BLOB NOT NULL)"_s};
    for (const Record &record : {both, outboxOnly})
        statements.append(u"INSERT INTO outbox (uid, record) VALUES (x'%1', x'%2')"_s.arg(
            QString::fromLatin1(record.id.toRfc4122().toHex()),
            QString::fromLatin1(QCborValue(RecordCbor::toCbor(record)).toCbor().toHex())));
    execRaw(old, statements);

    // Opened by this Huiji: taken over, in the history, the file gone; sent at login, in order.
    m_alice = m_site.device(u"alice-pc"_s, u"alice"_s);
    QVERIFY(!QFile::exists(old));
    QCOMPARE(m_alice->id(), deviceId);
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 2);
    QCOMPARE(storedRecords(*m_alice, u"bob"_s).size(), 2);
    QSignalSpy stored(&m_alice->session(), &Session::messageStored);
    QVERIFY(m_alice->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 2, networkTimeoutMs);
    QCOMPARE(stored.at(0).first().toUuid(), both.id);
    QCOMPARE(stored.at(1).first().toUuid(), outboxOnly.id);
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 0);
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_bob, u"alice"_s).size(), 2, networkTimeoutMs);
    QCOMPARE(unordered(idsOf(storedRecords(*m_bob, u"alice"_s))), (QSet<QUuid>{both.id, outboxOnly.id}));
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_Outbox)
#include "tst_outbox.moc"

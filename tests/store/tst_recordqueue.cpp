// The queues of what a device still has to hand on (the outbox, the forward queue), kept in the
// history store's own file: a record and its place in a queue are written in one transaction, so
// the failure of either write leaves neither; a refused message keeps why; and the queue files of
// older profiles are taken over, once, in order.

#include "TestHistory.h"
#include "../common/RawSql.h"

#include "store/HistoryStore.h"

#include "protocol/RecordCbor.h"

#include <QCborValue>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace huiji;

namespace {

QList<QUuid> idsOf(const Result<QList<Record>> &records)
{
    QList<QUuid> ids;
    for (const Record &record : records.value_or(QList<Record>{}))
        ids.append(record.id);
    return ids;
}

qsizetype storedCount(HistoryStore &store)
{
    const auto page = store.older({}, std::nullopt, 100000);
    return page ? page->records.size() : -1;
}

// A message written here and put in the outbox, as the session does: one transaction.
Result<void> writeAndQueue(HistoryStore &store, const Record &record)
{
    return store.transaction([&]() -> Result<void> {
        if (auto merged = store.merge({record}, {phone}); !merged)
            return std::unexpected(merged.error());
        return store.outbox().add(record);
    });
}

} // namespace

class tst_RecordQueue : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void keepsOrderAndEachRecordOnce();
    void queuesAreSeparate();
    void bothSidesOfASharedIdAreQueued();
    void recordAndQueueAreWrittenTogether();
    void failedWriteLeavesNeither_data();
    void failedWriteLeavesNeither();
    void failedStepInsideATransactionIsUndoneWithIt();
    void failureIsKeptUntilCleared();
    void oldQueueFileIsTakenOverOnce();
    void queueFileCutOffAtCreationIsDropped();

private:
    QString storePath() const { return m_dir->filePath(u"history.sqlite"_s); }
    std::unique_ptr<HistoryStore> open();

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_RecordQueue::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_RecordQueue::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<HistoryStore> tst_RecordQueue::open()
{
    auto store = HistoryStore::open(storePath());
    if (!store)
        qWarning("%s", why(store).constData());
    return store ? std::move(*store) : nullptr;
}

void tst_RecordQueue::keepsOrderAndEachRecordOnce()
{
    auto store = open();
    QVERIFY(store);
    const QList<Record> records = {makeRecord(u"一"_s, testEpoch + 2), makeRecord(u"two"_s, testEpoch + 1),
                                   makeRecord(u"三"_s, testEpoch)};
    for (const Record &record : records)
        HUIJI_VERIFY_OK(store->outbox().add(record));
    HUIJI_VERIFY_OK(store->outbox().add(records.first())); // again: it keeps its place
    QCOMPARE(store->outbox().count().value_or(-1), 3);
    auto pending = store->outbox().pending();
    HUIJI_VERIFY_OK(pending);
    QCOMPARE(*pending, records); // in the order they were queued, whole

    HUIJI_VERIFY_OK(store->outbox().remove(RecordKey::of(records.at(1))));
    HUIJI_VERIFY_OK(store->outbox().remove(RecordKey::of(records.at(1)))); // gone already: nothing to do
    QCOMPARE(idsOf(store->outbox().pending()), (QList<QUuid>{records.at(0).id, records.at(2).id}));

    // Kept across a reopening, with the store.
    store.reset();
    store = open();
    QVERIFY(store);
    QCOMPARE(idsOf(store->outbox().pending()), (QList<QUuid>{records.at(0).id, records.at(2).id}));
}

void tst_RecordQueue::queuesAreSeparate()
{
    auto store = open();
    QVERIFY(store);
    const Record written = makeRecord(u"written here"_s, testEpoch);
    const Record seen = makeRecord(u"seen on a link"_s, testEpoch + 1, laptop);
    HUIJI_VERIFY_OK(store->outbox().add(written));
    HUIJI_VERIFY_OK(store->forwardQueue().add(seen));
    QCOMPARE(idsOf(store->outbox().pending()), QList<QUuid>{written.id});
    QCOMPARE(idsOf(store->forwardQueue().pending()), QList<QUuid>{seen.id});
    HUIJI_VERIFY_OK(store->forwardQueue().remove(RecordKey::of(written)));
    QCOMPARE(store->outbox().count().value_or(-1), 1);
}

void tst_RecordQueue::bothSidesOfASharedIdAreQueued()
{
    // A direct link carried alice's message and bob's under the same id (ids are unique per
    // sender): the forward queue holds both, in order, and hands each on by itself.
    auto store = open();
    QVERIFY(store);
    const Record own = makeRecord(u"mine, over the link"_s, testEpoch);
    Record bobs = incoming(own);
    bobs.body = u"his, over the link"_s;
    HUIJI_VERIFY_OK(store->forwardQueue().add(own));
    HUIJI_VERIFY_OK(store->forwardQueue().add(bobs));
    HUIJI_VERIFY_OK(store->forwardQueue().add(own)); // again: it keeps its place
    auto pending = store->forwardQueue().pending();
    HUIJI_VERIFY_OK(pending);
    QCOMPARE(*pending, (QList<Record>{own, bobs}));
    HUIJI_VERIFY_OK(store->forwardQueue().remove(RecordKey::of(own)));
    pending = store->forwardQueue().pending();
    HUIJI_VERIFY_OK(pending);
    QCOMPARE(*pending, QList<Record>{bobs});
}

void tst_RecordQueue::recordAndQueueAreWrittenTogether()
{
    auto store = open();
    QVERIFY(store);
    const Record record = makeRecord(u"都写进去"_s, testEpoch);
    HUIJI_VERIFY_OK(writeAndQueue(*store, record));
    QCOMPARE(storedCount(*store), 1);
    QCOMPARE(idsOf(store->outbox().pending()), QList<QUuid>{record.id});
}

void tst_RecordQueue::failedWriteLeavesNeither_data()
{
    QTest::addColumn<QString>("table");
    QTest::newRow("the queue write fails") << u"outbox"_s;
    QTest::newRow("the merge fails") << u"records"_s;
}

void tst_RecordQueue::failedWriteLeavesNeither()
{
    QFETCH(QString, table);
    {
        auto store = open();
        QVERIFY(store);
    }
    // From here every insert into the table fails, as a full disk or an I/O error would fail it.
    execRaw(storePath(), {u"CREATE TRIGGER refuse BEFORE INSERT ON %1"
                          " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"_s.arg(table)});
    auto store = open();
    QVERIFY(store);
    const Record record = makeRecord(u"half written?"_s, testEpoch);
    const auto written = writeAndQueue(*store, record);
    QVERIFY(!written);
    QVERIFY2(written.error().message.contains(u"refused by the test"_s), qPrintable(written.error().message));
    QCOMPARE(storedCount(*store), 0);
    QCOMPARE(store->outbox().count().value_or(-1), 0);
    auto conversations = store->conversations();
    HUIJI_VERIFY_OK(conversations);
    QVERIFY(conversations->isEmpty()); // the merge's counters went too

    // The store works on once the cause is gone.
    execRaw(storePath(), {u"DROP TRIGGER refuse"_s});
    HUIJI_VERIFY_OK(writeAndQueue(*store, record));
    QCOMPARE(storedCount(*store), 1);
    QCOMPARE(store->outbox().count().value_or(-1), 1);
}

void tst_RecordQueue::failedStepInsideATransactionIsUndoneWithIt()
{
    {
        auto store = open();
        QVERIFY(store);
    }
    execRaw(storePath(), {u"CREATE TRIGGER refuse_records BEFORE INSERT ON records"
                          " WHEN NEW.body = 'refused' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"_s});
    auto store = open();
    QVERIFY(store);
    // A body that carries on after a merge failed: the merge's own writes (its device, its
    // conversation) are undone, and what the body wrote besides is committed.
    const Record kept = makeRecord(u"kept"_s, testEpoch);
    const Record refused = makeRecord(u"refused"_s, testEpoch + 1, laptop, u"carol"_s);
    bool mergeFailed = false;
    HUIJI_VERIFY_OK(store->transaction([&]() -> Result<void> {
        if (auto merged = store->merge({kept}, {phone}); !merged)
            return std::unexpected(merged.error());
        mergeFailed = !store->merge({refused}, {laptop});
        return store->outbox().add(kept);
    }));
    QVERIFY(mergeFailed);
    QCOMPARE(storedCount(*store), 1);
    QCOMPARE(store->outbox().count().value_or(-1), 1);
    auto conversations = store->conversations();
    HUIJI_VERIFY_OK(conversations);
    QCOMPARE(conversations->size(), 1);
    QCOMPARE(conversations->first().contact, testContact);
    auto devices = store->devices();
    HUIJI_VERIFY_OK(devices);
    QCOMPARE(devices->size(), 1);
    QCOMPARE(devices->first().device.id, phone.id);
}

void tst_RecordQueue::failureIsKeptUntilCleared()
{
    auto store = open();
    QVERIFY(store);
    const Record record = makeRecord(u"to a stranger"_s, testEpoch);
    HUIJI_VERIFY_OK(writeAndQueue(*store, record));
    const Error refusal{ErrorCode::Forbidden, u"carol is not your contact"_s};
    HUIJI_VERIFY_OK(store->transaction([&]() -> Result<void> {
        if (auto marked = store->setFailure(RecordKey::of(record), refusal); !marked)
            return marked;
        return store->outbox().remove(RecordKey::of(record));
    }));
    QCOMPARE(store->outbox().count().value_or(-1), 0);

    // Every way of reading the history says why, across a reopening.
    store.reset();
    store = open();
    QVERIFY(store);
    auto stored = store->record(RecordKey::of(record));
    HUIJI_VERIFY_OK(stored);
    QCOMPARE(stored->record, record);
    QVERIFY(stored->failure.has_value());
    QCOMPARE(stored->failure->code, refusal.code);
    QCOMPARE(stored->failure->message, refusal.message);
    auto page = store->older({testAccount, testContact, {}}, std::nullopt, 10);
    HUIJI_VERIFY_OK(page);
    QCOMPARE(page->records.size(), 1);
    QCOMPARE(page->records.first().failure->message, refusal.message);
    SearchQuery query;
    query.text = u"stranger"_s;
    auto hits = store->search(query);
    HUIJI_VERIFY_OK(hits);
    QCOMPARE(hits->size(), 1);
    QCOMPARE(hits->first().stored.failure->code, refusal.code);

    HUIJI_VERIFY_OK(store->setFailure(RecordKey::of(record), std::nullopt));
    stored = store->record(RecordKey::of(record));
    HUIJI_VERIFY_OK(stored);
    QVERIFY(!stored->failure);

    const auto unknown = store->record({testAccount, RecordId::create(testEpoch)});
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
}

void tst_RecordQueue::oldQueueFileIsTakenOverOnce()
{
    // A queue file as Huiji kept one before store schema 4, in WAL mode, with records in order
    // (one of them also queued in the store already: taken over once).
    const QString old = m_dir->filePath(u"outbox.sqlite"_s);
    const QList<Record> records = {makeRecord(u"first"_s, testEpoch + 5), makeRecord(u"第二"_s, testEpoch),
                                   makeRecord(u"third"_s, testEpoch + 3)};
    QStringList statements = {u"PRAGMA journal_mode = WAL"_s,
                              u"CREATE TABLE IF NOT EXISTS outbox ("
                              " seq INTEGER PRIMARY KEY, uid BLOB NOT NULL UNIQUE, record BLOB NOT NULL)"_s};
    for (const Record &record : records)
        statements.append(u"INSERT INTO outbox (uid, record) VALUES (x'%1', x'%2')"_s.arg(
            QString::fromLatin1(record.id.toRfc4122().toHex()),
            QString::fromLatin1(QCborValue(RecordCbor::toCbor(record)).toCbor().toHex())));
    execRaw(old, statements);

    auto store = open();
    QVERIFY(store);
    HUIJI_VERIFY_OK(store->outbox().add(records.at(2)));
    HUIJI_VERIFY_OK(store->outbox().adopt(old));
    auto pending = store->outbox().pending();
    HUIJI_VERIFY_OK(pending);
    QCOMPARE(*pending, (QList<Record>{records.at(2), records.at(0), records.at(1)}));
    for (const QString &file : {old, old + u"-wal"_s, old + u"-shm"_s})
        QVERIFY2(!QFile::exists(file), qPrintable(file));
    QCOMPARE(store->forwardQueue().count().value_or(-1), 0);

    // Cut off before the file was deleted, it is taken over again: nothing twice.
    execRaw(old, statements);
    HUIJI_VERIFY_OK(store->outbox().adopt(old));
    QCOMPARE(store->outbox().count().value_or(-1), 3);
    QVERIFY(!QFile::exists(old));
    // The store works on after it: the file was let go of.
    HUIJI_VERIFY_OK(writeAndQueue(*store, makeRecord(u"after"_s, testEpoch + 9)));
    QCOMPARE(store->outbox().count().value_or(-1), 4);
}

void tst_RecordQueue::queueFileCutOffAtCreationIsDropped()
{
    const QString old = m_dir->filePath(u"forward.sqlite"_s);
    {
        QFile empty(old);
        QVERIFY(empty.open(QIODevice::WriteOnly));
    }
    auto store = open();
    QVERIFY(store);
    HUIJI_VERIFY_OK(store->forwardQueue().adopt(old));
    QCOMPARE(store->forwardQueue().count().value_or(-1), 0);
    QVERIFY(!QFile::exists(old));

    // A file that is not a database is refused, and kept for whoever looks into it.
    {
        QFile notes(old);
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write(QByteArray("not a database at all\n").repeated(300));
    }
    const auto refused = store->forwardQueue().adopt(old);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::NotADatabase);
    QVERIFY2(refused.error().message.contains(old), qPrintable(refused.error().message));
    QVERIFY(QFile::exists(old));
    HUIJI_VERIFY_OK(writeAndQueue(*store, makeRecord(u"still works"_s, testEpoch)));
}

QTEST_GUILESS_MAIN(tst_RecordQueue)
#include "tst_recordqueue.moc"

// Bad input never costs what is already stored: files that are not stores, stores from a newer
// Huiji, read-only stores, a full disk and malformed records each give a clear error value.

#include "TestHistory.h"
#include "../common/RawSql.h"

#include "store/HistoryStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace huiji;

namespace {

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(contents), contents.size());
}

QList<Record> batch(const QString &prefix, int count, qint64 start, const DeviceInfo &device = phone)
{
    QList<Record> records;
    for (int i = 0; i < count; ++i)
        records.append(makeRecord(u"%1 %2 消息"_s.arg(prefix).arg(i), start + i, device));
    return records;
}

qsizetype storedCount(HistoryStore &store)
{
    const auto page = store.older({}, std::nullopt, 100000);
    return page ? page->records.size() : -1;
}

} // namespace

class tst_StoreFailures : public QObject
{
    Q_OBJECT

private slots:
    void fileThatIsNotADatabase();
    void databaseOfAnotherProgram();
    void storeFromANewerHuiji();
    void readOnlyStoreReadsButRefusesWrites();
    void folderThatCannotBeCreated();
    void fullDiskRollsBackTheWholeBatch();
    void recordWithMissingFieldRejectsTheBatch_data();
    void recordWithMissingFieldRejectsTheBatch();
    void badArguments();

private:
    QTemporaryDir m_dir;
};

void tst_StoreFailures::fileThatIsNotADatabase()
{
    const QString path = m_dir.filePath(u"notes.sqlite"_s);
    const QByteArray text = QByteArray("These are my notes, not a database.\n").repeated(200);
    writeFile(path, text);

    const auto store = HistoryStore::open(path);
    QVERIFY(!store);
    QCOMPARE(store.error().code, ErrorCode::NotADatabase);
    QVERIFY2(store.error().message.contains(path), qPrintable(store.error().message));
    QCOMPARE(contentsOf(path), text); // untouched
}

void tst_StoreFailures::databaseOfAnotherProgram()
{
    const QString path = m_dir.filePath(u"other.sqlite"_s);
    execRaw(path, {u"CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)"_s,
                   u"INSERT INTO invoices VALUES (1, 9.5)"_s});
    const QByteArray before = contentsOf(path);

    const auto store = HistoryStore::open(path);
    QVERIFY(!store);
    QCOMPARE(store.error().code, ErrorCode::NotADatabase);
    QCOMPARE(contentsOf(path), before);
}

void tst_StoreFailures::storeFromANewerHuiji()
{
    const QString path = m_dir.filePath(u"newer.sqlite"_s);
    {
        auto store = HistoryStore::open(path);
        QVERIFY2(store, why(store).constData());
        auto merged = (*store)->merge(batch(u"old"_s, 3, testEpoch), {phone});
        QVERIFY2(merged, why(merged).constData());
    }
    const int newer = HistoryStore::currentSchemaVersion() + 1;
    execRaw(path, {u"PRAGMA user_version = %1"_s.arg(newer)});

    const auto refused = HistoryStore::open(path);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::SchemaTooNew);
    QVERIFY2(refused.error().message.contains(QString::number(newer)), qPrintable(refused.error().message));

    // Nothing was lost: going back to this version makes it readable again with all its records.
    execRaw(path, {u"PRAGMA user_version = %1"_s.arg(HistoryStore::currentSchemaVersion())});
    auto store = HistoryStore::open(path);
    QVERIFY2(store, why(store).constData());
    QCOMPARE(storedCount(**store), 3);
}

void tst_StoreFailures::readOnlyStoreReadsButRefusesWrites()
{
    const QString path = m_dir.filePath(u"archive.sqlite"_s);
    {
        auto store = HistoryStore::open(path);
        QVERIFY2(store, why(store).constData());
        auto merged = (*store)->merge(batch(u"kept"_s, 5, testEpoch), {phone});
        QVERIFY2(merged, why(merged).constData());
    }
    auto store = HistoryStore::open(path, HistoryStore::Mode::ReadOnly);
    QVERIFY2(store, why(store).constData());
    QCOMPARE(storedCount(**store), 5);

    const auto merged = (*store)->merge(batch(u"new"_s, 2, testEpoch + 100));
    QVERIFY(!merged);
    QCOMPARE(merged.error().code, ErrorCode::ReadOnly);
    const auto renamed = (*store)->renameDevice(phone.id, u"Renamed"_s);
    QVERIFY(!renamed);
    QCOMPARE(renamed.error().code, ErrorCode::ReadOnly);
    QCOMPARE(storedCount(**store), 5);
    const auto devices = (*store)->devices();
    QVERIFY2(devices, why(devices).constData());
    QCOMPARE(devices->first().label, phone.name);
}

void tst_StoreFailures::folderThatCannotBeCreated()
{
    // A store whose folder is a file: SQLite cannot create it there.
    const QString blocker = m_dir.filePath(u"blocker"_s);
    writeFile(blocker, "a file, not a folder");
    const auto store = HistoryStore::open(blocker + u"/history.sqlite"_s);
    QVERIFY(!store);
    QCOMPARE(store.error().code, ErrorCode::ReadOnly);
    QVERIFY2(store.error().message.contains(u"history.sqlite"_s), qPrintable(store.error().message));
}

void tst_StoreFailures::fullDiskRollsBackTheWholeBatch()
{
    const QString path = m_dir.filePath(u"full.sqlite"_s);
    auto opened = HistoryStore::open(path);
    QVERIFY2(opened, why(opened).constData());
    HistoryStore &store = **opened;
    auto merged = store.merge(batch(u"before"_s, 50, testEpoch), {phone});
    QVERIFY2(merged, why(merged).constData());

    // No room for a large batch: it fails as a whole, and what was stored stays.
    QVERIFY2(store.setSizeLimit(QFileInfo(path).size()), "size limit");
    const QList<Record> large = batch(QString(400, u'满'), 2000, testEpoch + 1000, laptop);
    merged = store.merge(large, {laptop});
    QVERIFY(!merged);
    QCOMPARE(merged.error().code, ErrorCode::DiskFull);
    QCOMPARE(storedCount(store), 50);
    auto devices = store.devices();
    QVERIFY2(devices, why(devices).constData());
    QCOMPARE(devices->size(), 1); // the laptop of the failed batch was not half-registered
    QCOMPARE(devices->first().recordCount, 50);

    // Once there is room again, the same batch goes in whole.
    QVERIFY2(store.setSizeLimit(qint64{1} << 40), "size limit");
    merged = store.merge(large, {laptop});
    QVERIFY2(merged, why(merged).constData());
    QCOMPARE(merged->added, 2000);
    QCOMPARE(merged->duplicates, 0);
    QCOMPARE(storedCount(store), 2050);
}

void tst_StoreFailures::recordWithMissingFieldRejectsTheBatch_data()
{
    QTest::addColumn<QString>("field");
    QTest::newRow("account") << u"account"_s;
    QTest::newRow("contact") << u"contact"_s;
    QTest::newRow("sender") << u"sender"_s;
    QTest::newRow("body") << u"body"_s;
    QTest::newRow("origin device") << u"origin device"_s;
    QTest::newRow("time") << u"time"_s;
}

void tst_StoreFailures::recordWithMissingFieldRejectsTheBatch()
{
    QFETCH(QString, field);
    QTemporaryDir dir;
    auto opened = HistoryStore::open(dir.filePath(u"h.sqlite"_s));
    QVERIFY2(opened, why(opened).constData());
    HistoryStore &store = **opened;

    QList<Record> records = batch(u"fine"_s, 3, testEpoch);
    Record &broken = records[1];
    if (field == u"account") broken.account.clear();
    else if (field == u"contact") broken.contact.clear();
    else if (field == u"sender") broken.sender.clear();
    else if (field == u"body") broken.body.clear();
    else if (field == u"origin device") broken.originDevice.clear();
    else broken.deviceTime = 0;

    const auto merged = store.merge(records, {phone});
    QVERIFY(!merged);
    QCOMPARE(merged.error().code, ErrorCode::InvalidRecord);
    QVERIFY2(merged.error().message.contains(u"record 2 of 3"_s), qPrintable(merged.error().message));
    QVERIFY2(merged.error().message.contains(field), qPrintable(merged.error().message));
    QCOMPARE(storedCount(store), 0);
    const auto devices = store.devices();
    QVERIFY2(devices, why(devices).constData());
    QVERIFY(devices->isEmpty());
}

void tst_StoreFailures::badArguments()
{
    QTemporaryDir dir;
    auto opened = HistoryStore::open(dir.filePath(u"h.sqlite"_s));
    QVERIFY2(opened, why(opened).constData());
    HistoryStore &store = **opened;
    QCOMPARE(store.older({}, std::nullopt, -1).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(store.renameDevice(u"nobody"_s, u"Name"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(store.renameDevice(u"nobody"_s, u"  "_s).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(store.positionOf({testAccount, RecordId::create(testEpoch)}).error().code, ErrorCode::NotFound);
    QCOMPARE(store.merge({makeRecord(u"x"_s, testEpoch)}, {DeviceInfo{}}).error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_StoreFailures)
#include "tst_storefailures.moc"

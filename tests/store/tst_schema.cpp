// The schema's two roads: a store created today and one created by the oldest Huiji and migrated
// must end with the same schema, and the migrated one must keep and index what it held.

#include "TestHistory.h"

#include "store/HistoryStore.h"
#include "store/Schema.h"
#include "store/SearchText.h"

#include "protocol/RecordCbor.h"

#include <QCborValue>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace huiji;

namespace {

// A raw connection for building and inspecting files behind the store's back.
class RawConnection
{
public:
    explicit RawConnection(const QString &path)
        : m_name(u"raw-"_s + path)
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
    }
    ~RawConnection()
    {
        QSqlDatabase::database(m_name).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(sql))
            qWarning() << sql << query.lastError().text();
        return query.isActive();
    }
    QStringList rows(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(sql))
            qWarning() << sql << query.lastError().text();
        QStringList rows;
        while (query.next()) {
            QStringList columns;
            for (int i = 0; i < query.record().count(); ++i)
                columns.append(query.value(i).toString());
            rows.append(columns.join(u" | "_s));
        }
        return rows;
    }

private:
    QString m_name;
};

// Everything that makes up a schema: tables, indexes, their SQL, the FTS settings, the versions.
QStringList schemaOf(const QString &path)
{
    RawConnection raw(path);
    return raw.rows(u"SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"_s)
           + raw.rows(u"SELECT k, v FROM search_index_config ORDER BY k"_s)
           + raw.rows(u"PRAGMA user_version"_s) + raw.rows(u"PRAGMA application_id"_s);
}

QString hex(const QByteArray &bytes)
{
    return u"x'%1'"_s.arg(QString::fromLatin1(bytes.toHex()));
}

// A row of records as schema 4 kept it, with its search terms: device 1 is the phone, 2 the laptop.
QStringList version4Row(qint64 position, const Record &record, const QString &delivered, const QString &failure)
{
    const int device = record.originDevice == phone.id ? 1 : 2;
    return {u"INSERT INTO records VALUES (%1, %2, %3, 1, %4, %5, '%6', '%7', %8, NULL, 0, %9, %10)"_s
                .arg(position)
                .arg(hex(record.id.toRfc4122()), hex(contentKey(record)))
                .arg(device)
                .arg(static_cast<int>(record.direction))
                .arg(record.sender, record.body)
                .arg(record.deviceTime)
                .arg(delivered, failure),
            u"INSERT INTO search_index (rowid, terms) VALUES (%1, '%2 %3 %4')"_s.arg(position)
                .arg(SearchText::indexTerms(record.body), SearchText::scopeTerm('c', 1),
                     SearchText::scopeTerm('d', device))};
}

QString version4QueueRow(const QString &queue, const Record &record)
{
    return u"INSERT INTO %1 (uid, record) VALUES (%2, %3)"_s.arg(
        queue, hex(record.id.toRfc4122()), hex(QCborValue(RecordCbor::toCbor(record)).toCbor()));
}

} // namespace

class tst_Schema : public QObject
{
    Q_OBJECT

private slots:
    void migratedOldestEqualsFresh();
    void version4StoreKeepsItsRecordsAndQueues();
    void reopeningKeepsVersionAndData();
    void everyVersionHasAMigration();
};

void tst_Schema::migratedOldestEqualsFresh()
{
    QTemporaryDir dir;
    const QString oldPath = dir.filePath(u"old.sqlite"_s);
    const QString freshPath = dir.filePath(u"fresh.sqlite"_s);

    // The oldest schema, as Huiji 1 left it, holding a Chinese and a Latin record.
    {
        RawConnection raw(oldPath);
        for (const QString &statement : Schema::migration(1))
            QVERIFY(raw.exec(statement));
        QVERIFY(raw.exec(u"PRAGMA user_version = 1"_s));
        QVERIFY(raw.exec(u"PRAGMA application_id = %1"_s.arg(Schema::applicationId)));
        QVERIFY(raw.exec(u"INSERT INTO devices (id, device_id, name, record_count) VALUES (1, 'dev-old', 'Old PC', 2)"_s));
        QVERIFY(raw.exec(u"INSERT INTO conversations (id, account, contact, record_count, last_position)"
                         " VALUES (1, 'alice', 'bob', 2, 200)"_s));
        QVERIFY(raw.exec(u"INSERT INTO records VALUES (100, NULL, x'01', 1, 1, 1, 'alice', '明天见', 1, NULL, 0),"
                         " (200, NULL, x'02', 1, 1, 0, 'bob', 'See you tomorrow', 2, NULL, 0)"_s));
    }

    auto migrated = HistoryStore::open(oldPath);
    QVERIFY2(migrated, why(migrated).constData());
    auto fresh = HistoryStore::open(freshPath);
    QVERIFY2(fresh, why(fresh).constData());

    // The migration indexed what was already there.
    SearchQuery query;
    query.text = u"明天"_s;
    auto hits = (*migrated)->search(query);
    QVERIFY2(hits, why(hits).constData());
    QCOMPARE(hits->size(), 1);
    QCOMPARE(hits->first().stored.record.body, u"明天见"_s);
    QCOMPARE(hits->first().stored.deviceLabel, u"Old PC"_s);
    query.text = u"tomorrow"_s;
    hits = (*migrated)->search(query);
    QVERIFY2(hits, why(hits).constData());
    QCOMPARE(hits->size(), 1);

    migrated->reset();
    fresh->reset();
    const QStringList migratedSchema = schemaOf(oldPath);
    QVERIFY(migratedSchema.size() > 8);
    QCOMPARE(migratedSchema, schemaOf(freshPath));
}

void tst_Schema::version4StoreKeepsItsRecordsAndQueues()
{
    // A store as Huiji left it at schema 4, when ids were unique per store: a message alice wrote
    // and bob got, one the server refused, one in her outbox, and in the forward queue what a
    // direct link carried both ways.
    QTemporaryDir dir;
    const QString oldPath = dir.filePath(u"version4.sqlite"_s);
    const QString freshPath = dir.filePath(u"fresh.sqlite"_s);
    const Record delivered = makeRecord(u"delivered to bob"_s, testEpoch);
    const Record refused = makeRecord(u"refused by the server"_s, testEpoch + 1);
    const Record queued = makeRecord(u"still in the outbox"_s, testEpoch + 2);
    const Record direct = makeRecord(u"over the link"_s, testEpoch + 3, laptop);
    const Record seen = incoming(makeRecord(u"seen on the link"_s, testEpoch + 4, laptop));
    {
        RawConnection raw(oldPath);
        QStringList statements;
        for (int version = 1; version <= 4; ++version)
            statements += Schema::migration(version);
        statements += {u"PRAGMA user_version = 4"_s, u"PRAGMA application_id = %1"_s.arg(Schema::applicationId),
                       u"INSERT INTO devices (id, device_id, name, record_count) VALUES (1, '%1', 'Phone', 3),"
                       " (2, '%2', 'Laptop', 2)"_s.arg(phone.id, laptop.id),
                       u"INSERT INTO conversations (id, account, contact, record_count, last_position)"
                       " VALUES (1, 'alice', 'bob', 5, 500)"_s};
        statements += version4Row(100, delivered, QString::number(testEpoch + 9), u"NULL, NULL"_s);
        statements += version4Row(200, refused, u"NULL"_s, u"'forbidden', 'bob is not your contact'"_s);
        statements += version4Row(300, queued, u"NULL"_s, u"NULL, NULL"_s);
        statements += version4Row(400, direct, u"NULL"_s, u"NULL, NULL"_s);
        statements += version4Row(500, seen, u"NULL"_s, u"NULL, NULL"_s);
        statements += {version4QueueRow(u"outbox"_s, queued), version4QueueRow(u"forward_queue"_s, direct),
                       version4QueueRow(u"forward_queue"_s, seen)};
        for (const QString &statement : std::as_const(statements))
            QVERIFY(raw.exec(statement));
    }

    auto migrated = HistoryStore::open(oldPath);
    QVERIFY2(migrated, why(migrated).constData());
    HistoryStore &store = **migrated;
    // Every record, receipt and failure is where it was, and the search index still finds them.
    const auto page = store.older({}, std::nullopt, 10);
    QVERIFY2(page, why(page).constData());
    QCOMPARE(page->records.size(), 5);
    for (const Record &record : {delivered, refused, queued, direct, seen}) {
        const auto stored = store.record(RecordKey::of(record));
        QVERIFY2(stored, why(stored).constData());
        QCOMPARE(stored->record, record);
    }
    QCOMPARE(store.record(RecordKey::of(delivered))->deliveredAt, std::optional<qint64>(testEpoch + 9));
    const auto failed = store.record(RecordKey::of(refused));
    QVERIFY(failed->failure);
    QCOMPARE(failed->failure->code, ErrorCode::Forbidden);
    QCOMPARE(failed->failure->message, u"bob is not your contact"_s);
    SearchQuery query;
    query.text = u"link"_s;
    const auto hits = store.search(query);
    QVERIFY2(hits, why(hits).constData());
    QCOMPARE(hits->size(), 2);
    // The queues, in their order, with each record whole.
    QCOMPARE(store.outbox().pending().value_or(QList<Record>{}), QList<Record>{queued});
    QCOMPARE(store.forwardQueue().pending().value_or(QList<Record>{}), (QList<Record>{direct, seen}));

    // From now on bob's message may carry the id of one of alice's, in the history and in a queue.
    Record bobs = incoming(delivered);
    bobs.body = u"bob's own words"_s;
    const auto merged = store.merge({bobs});
    QVERIFY2(merged, why(merged).constData());
    QCOMPARE(merged->added, 1);
    QVERIFY(store.forwardQueue().add(bobs));
    QCOMPARE(store.forwardQueue().count().value_or(-1), 3);

    migrated->reset();
    auto fresh = HistoryStore::open(freshPath);
    QVERIFY2(fresh, why(fresh).constData());
    fresh->reset();
    QCOMPARE(schemaOf(oldPath), schemaOf(freshPath));
}

void tst_Schema::reopeningKeepsVersionAndData()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"store.sqlite"_s);
    {
        auto store = HistoryStore::open(path);
        QVERIFY2(store, why(store).constData());
        auto merged = (*store)->merge({makeRecord(u"kept"_s, testEpoch)}, {phone});
        QVERIFY2(merged, why(merged).constData());
    }
    auto store = HistoryStore::open(path);
    QVERIFY2(store, why(store).constData());
    auto page = (*store)->older({}, std::nullopt, 10);
    QVERIFY2(page, why(page).constData());
    QCOMPARE(page->records.size(), 1);
    QCOMPARE(page->records.first().record.body, u"kept"_s);
    store->reset();
    const QStringList schema = schemaOf(path);
    QCOMPARE(schema.at(schema.size() - 2), QString::number(HistoryStore::currentSchemaVersion()));
    QCOMPARE(schema.last(), QString::number(Schema::applicationId));
}

void tst_Schema::everyVersionHasAMigration()
{
    for (int version = 1; version <= Schema::currentVersion(); ++version)
        QVERIFY2(!Schema::migration(version).isEmpty(), qPrintable(u"version %1"_s.arg(version)));
    QVERIFY(Schema::migration(Schema::currentVersion() + 1).isEmpty());
}

QTEST_GUILESS_MAIN(tst_Schema)
#include "tst_schema.moc"

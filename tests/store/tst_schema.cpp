// The schema's two roads: a store created today and one created by the oldest Huiji and migrated
// must end with the same schema, and the migrated one must keep and index what it held.

#include "TestHistory.h"

#include "store/HistoryStore.h"
#include "store/Schema.h"

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

} // namespace

class tst_Schema : public QObject
{
    Q_OBJECT

private slots:
    void migratedOldestEqualsFresh();
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

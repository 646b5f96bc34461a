// The server database's two roads: one created today and one created by the first huijid and
// migrated end with the same schema, and the migrated one still delivers the messages it held as
// relayed ones, next to records collected from a device (claim 13), which keep their own times.

#include "server/db/Mailbox.h"
#include "server/db/ServerDatabase.h"
#include "server/db/ServerSchema.h"
#include "sql/SqlDatabase.h"

#include "protocol/RecordId.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

class tst_ServerSchema : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void migratedEqualsFresh();
    void version2MigratedEqualsFresh();
    void migratedKeepsMessagesAndTakesCollected();
    void version4MessagesGetTheirOwners();

private:
    // A database as the first huijid left it: schema version 1, one message held for device 1.
    void createVersion1(const QString &path);
    static QStringList schemaOf(ServerDatabase &database);

    std::unique_ptr<QTemporaryDir> m_directory;
    const QUuid m_relayedId = RecordId::create(1'700'000'000'000);
};

void tst_ServerSchema::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
}

void tst_ServerSchema::createVersion1(const QString &path)
{
    auto sql = SqlDatabase::open({.path = path, .what = u"old server database"_s});
    QVERIFY(sql);
    QVERIFY((*sql)->exec(ServerSchema::migration(1)));
    QVERIFY((*sql)->exec(u"UPDATE schema_version SET version = 1"_s));
    auto insert = (*sql)->prepare(u"INSERT INTO messages (seq, uid, sender, recipient, sender_device, body,"
                                  " device_time, server_time) VALUES (1, ?, 'bob', 'alice', 'bob-pc', 'hello', ?, ?)"_s);
    QVERIFY(insert);
    insert->addBindValue(m_relayedId.toRfc4122());
    insert->addBindValue(qint64{1'700'000'000'000});
    insert->addBindValue(qint64{1'700'000'000'500});
    QVERIFY((*sql)->exec(*insert));
    QVERIFY((*sql)->exec(u"INSERT INTO inbox (device_key, seq, expires) VALUES (1, 1, NULL)"_s));
}

QStringList tst_ServerSchema::schemaOf(ServerDatabase &database)
{
    QSqlQuery query = database.sql().query();
    if (!query.exec(u"SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"_s))
        return {};
    QStringList rows;
    while (query.next())
        rows.append(u"%1 %2 %3: %4"_s.arg(query.value(0).toString(), query.value(1).toString(),
                                          query.value(2).toString(), query.value(3).toString()));
    return rows;
}

void tst_ServerSchema::migratedEqualsFresh()
{
    const QString oldPath = m_directory->filePath(u"old.sqlite"_s);
    createVersion1(oldPath);
    auto migrated = ServerDatabase::open(oldPath);
    QVERIFY2(migrated, migrated ? "" : qPrintable(migrated.error().message));
    auto fresh = ServerDatabase::open(m_directory->filePath(u"fresh.sqlite"_s));
    QVERIFY(fresh);
    const QStringList schema = schemaOf(**fresh);
    QVERIFY(schema.size() > 10);
    QCOMPARE(schemaOf(**migrated), schema);
    for (ServerDatabase *database : {migrated->get(), fresh->get()}) {
        QSqlQuery version = database->sql().query();
        QVERIFY(version.exec(u"SELECT version FROM schema_version"_s) && version.next());
        QCOMPARE(version.value(0).toInt(), ServerSchema::currentVersion());
    }
    QVERIFY(ServerSchema::migration(ServerSchema::currentVersion() + 1).isEmpty());
}

void tst_ServerSchema::version2MigratedEqualsFresh()
{
    // A database of the collection-request release (schema 2) gains the storage-terminal tables.
    const QString oldPath = m_directory->filePath(u"v2.sqlite"_s);
    createVersion1(oldPath);
    {
        auto sql = SqlDatabase::open({.path = oldPath, .what = u"old server database"_s});
        QVERIFY(sql);
        QVERIFY((*sql)->exec(ServerSchema::migration(2)));
        QVERIFY((*sql)->exec(u"UPDATE schema_version SET version = 2"_s));
    }
    auto migrated = ServerDatabase::open(oldPath);
    QVERIFY2(migrated, migrated ? "" : qPrintable(migrated.error().message));
    auto fresh = ServerDatabase::open(m_directory->filePath(u"fresh.sqlite"_s));
    QVERIFY(fresh);
    QCOMPARE(schemaOf(**migrated), schemaOf(**fresh));
    QVERIFY(schemaOf(**migrated).filter(u"secondary_terminals"_s).size() >= 1);
    // The message held before still reads, as a relayed message, not a synchronised record.
    auto held = (*migrated)->mailbox().pending(1, 0, 10);
    QVERIFY(held);
    QCOMPARE(held->size(), 1);
    QVERIFY(held->first().record.isEmpty());
}

void tst_ServerSchema::migratedKeepsMessagesAndTakesCollected()
{
    const QString path = m_directory->filePath(u"old.sqlite"_s);
    createVersion1(path);
    auto database = ServerDatabase::open(path);
    QVERIFY(database);
    Mailbox &mailbox = (*database)->mailbox();

    // What was held before the migration is still a relayed message with its server time.
    auto held = mailbox.pending(1, 0, 10);
    QVERIFY(held);
    QCOMPARE(held->size(), 1);
    const Record relayed = Mailbox::recordFor(held->first(), u"alice"_s, u"alice-desktop"_s);
    QCOMPARE(relayed.id, m_relayedId);
    QCOMPARE(relayed.arrival, Arrival::Relayed);
    QCOMPARE(relayed.serverTime, std::optional<qint64>(1'700'000'000'500));
    QCOMPARE(relayed.originDevice, u"alice-desktop"_s);

    // A record collected without an id or a server time comes back without them; the time it was
    // collected is the message's server time on this server only.
    Record old;
    old.account = u"alice"_s;
    old.contact = u"carol"_s;
    old.direction = Direction::Incoming;
    old.sender = u"carol"_s;
    old.body = u"from an old phone"_s;
    old.originDevice = u"old-phone"_s;
    old.deviceTime = 1'500'000'000'000;
    old.arrival = Arrival::Collected;
    Mailbox::Message message{0, Mailbox::contentId(old), u"carol"_s, u"alice"_s, u""_s, old.body,
                             old.deviceTime, 1'800'000'000'000, u"old-phone"_s, u"alice-laptop"_s, std::nullopt, {}};
    QVERIFY((*database)->sql().begin());
    auto stored = mailbox.store(u"alice"_s, message);
    QVERIFY(stored);
    QVERIFY(!stored->duplicate);
    QVERIFY(mailbox.enqueue(1, stored->seq, std::nullopt));
    QVERIFY((*database)->sql().commit());
    held = mailbox.pending(1, 1, 10);
    QVERIFY(held);
    QCOMPARE(held->size(), 1);
    QCOMPARE(Mailbox::recordFor(held->first(), u"alice"_s, u"alice-desktop"_s), old);
    QCOMPARE(static_cast<uchar>(Mailbox::contentId(old).toRfc4122().at(6)) >> 4, 8); // version 8
}

void tst_ServerSchema::version4MessagesGetTheirOwners()
{
    // Before version 5 ids were the server's. Each row now belongs to the account whose id it
    // carries: a relayed message to its sender, a collected record to the account of the device
    // that handed it over, a synchronised one to the account of the primary that sent it.
    const QString path = m_directory->filePath(u"v4.sqlite"_s);
    createVersion1(path); // seq 1: relayed from bob to alice
    {
        auto sql = SqlDatabase::open({.path = path, .what = u"old server database"_s});
        QVERIFY(sql);
        for (int version = 2; version <= 4; ++version)
            QVERIFY((*sql)->exec(ServerSchema::migration(version)));
        QVERIFY((*sql)->exec(u"UPDATE schema_version SET version = 4"_s));
        QVERIFY((*sql)->exec(QStringList{
            u"INSERT INTO accounts (name, password_hash, created) VALUES ('alice', 'x', 0), ('bob', 'x', 0)"_s,
            u"INSERT INTO devices (device_key, account, device_id, name, platform, mac_hash, first_seen, last_seen)"
            " VALUES (1, 'alice', 'alice-desktop', 'Desktop', 'linux', '', 0, 0),"
            " (2, 'alice', 'alice-laptop', 'Laptop', 'linux', '', 0, 0), (3, 'bob', 'bob-pc', 'PC', 'linux', '', 0, 0)"_s,
            // Collected from bob's side: a message alice sent him, handed over by his PC.
            u"INSERT INTO messages (seq, uid, sender, recipient, sender_device, body, device_time, server_time,"
            " collected_by) VALUES (2, x'02', 'alice', 'bob', '', 'hi bob', 1, 2, 'bob-pc')"_s,
            // Collected from alice's side: the same conversation, handed over by her laptop.
            u"INSERT INTO messages (seq, uid, sender, recipient, sender_device, body, device_time, server_time,"
            " collected_by) VALUES (3, x'03', 'bob', 'alice', '', 'hi alice', 1, 2, 'alice-laptop')"_s,
            // Synchronised by alice's primary to her secondaries.
            u"INSERT INTO messages (seq, uid, sender, recipient, sender_device, body, device_time, server_time,"
            " seen_by, record) VALUES (4, x'04', 'bob', 'alice', '', 'synced', 1, 2, 'alice-desktop', x'a0')"_s,
        }));
    }
    auto database = ServerDatabase::open(path);
    QVERIFY2(database, database ? "" : qPrintable(database.error().message));
    QSqlQuery owners = (*database)->sql().query();
    QVERIFY(owners.exec(u"SELECT seq, owner FROM messages ORDER BY seq"_s));
    QStringList found;
    while (owners.next())
        found.append(u"%1:%2"_s.arg(owners.value(0).toLongLong()).arg(owners.value(1).toString()));
    QCOMPARE(found, (QStringList{u"1:bob"_s, u"2:bob"_s, u"3:alice"_s, u"4:alice"_s}));
    // The pending delivery of the relayed message survived the rebuild of the table.
    auto held = (*database)->mailbox().pending(1, 0, 10);
    QVERIFY(held);
    QCOMPARE(held->size(), 1);
    QCOMPARE(held->first().id, m_relayedId);
}

QTEST_GUILESS_MAIN(tst_ServerSchema)
#include "tst_serverschema.moc"

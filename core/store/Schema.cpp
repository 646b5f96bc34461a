#include "store/Schema.h"

#include "store/RecordQueue.h"
#include "store/SearchText.h"
#include "sql/SqlDatabase.h"
#include "store/StoreLog.h"

#include <QSqlError>
#include <QSqlQuery>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// The records table with `uid` declared as given and `tail` after its last column: versions 3 and 4
// add columns (SQLite's ALTER appends ", column" to the stored SQL) and version 5 makes it again,
// and a new store must come out exactly as a migrated one.
QString recordsTable(const QString &uid, const QString &tail)
{
    return u"CREATE TABLE records ("
           " position INTEGER PRIMARY KEY,"
           " %1,"
           " content_key BLOB NOT NULL UNIQUE,"
           " conversation INTEGER NOT NULL REFERENCES conversations (id),"
           " device INTEGER NOT NULL REFERENCES devices (id),"
           " direction INTEGER NOT NULL,"
           " sender TEXT NOT NULL,"
           " body TEXT NOT NULL,"
           " device_time INTEGER NOT NULL,"
           " server_time INTEGER,"
           " arrival INTEGER NOT NULL%2)"_s.arg(uid, tail);
}
const QString deliveredColumn = u"delivered_at INTEGER"_s;
const QStringList failureColumns = {u"failure_code TEXT"_s, u"failure_reason TEXT"_s};
const QStringList recordIndexes = {
    u"CREATE INDEX records_by_conversation ON records (conversation, position)"_s,
    u"CREATE INDEX records_by_device ON records (device, position)"_s,
};

// Version 1: records merged per contact and per device, de-duplicated by id and content key.
// `position` is the order time and a tie-break (Position.h), so history pages are rowid ranges.
QStringList version1(const QString &records)
{
    return QStringList{
        u"CREATE TABLE devices ("
        " id INTEGER PRIMARY KEY,"
        " device_id TEXT NOT NULL UNIQUE,"
        " name TEXT,"
        " platform TEXT,"
        " record_count INTEGER NOT NULL DEFAULT 0)"_s,
        u"CREATE TABLE conversations ("
        " id INTEGER PRIMARY KEY,"
        " account TEXT NOT NULL,"
        " contact TEXT NOT NULL,"
        " record_count INTEGER NOT NULL DEFAULT 0,"
        " last_position INTEGER NOT NULL DEFAULT 0,"
        " UNIQUE (account, contact))"_s,
        records,
    } + recordIndexes;
}

// Version 2: full-text search. Contentless (the bodies live in records) and without positions;
// SearchText.h says how terms are made and why.
const QStringList version2Table = {
    u"CREATE VIRTUAL TABLE search_index USING fts5 ("
    " terms, content='', detail=none, tokenize='ascii')"_s,
    // Larger leaf pages and fewer, later merges: merging batches is the hot path.
    u"INSERT INTO search_index (search_index, rank) VALUES ('pgsz', 4000)"_s,
    u"INSERT INTO search_index (search_index, rank) VALUES ('automerge', 8)"_s,
};

// Version 3: when a message written here reached one of the recipient's devices (a receipt).
const QStringList version3 = {
    u"ALTER TABLE records ADD COLUMN "_s + deliveredColumn,
};

// Version 4: what this device has still to hand on, in the store's own file (before, each queue
// was a file of its own): a message and its place in the outbox are written in one transaction,
// so that a crash cannot leave one without the other. And why the server refused a message
// written here for good (the error code's wire name and the server's words); NULL while it was not.
QString queueTable(const QString &name)
{
    return u"CREATE TABLE %1 (seq INTEGER PRIMARY KEY, uid BLOB NOT NULL UNIQUE, record BLOB NOT NULL)"_s.arg(name);
}
const QStringList queues = {u"outbox"_s, u"forward_queue"_s};

QStringList version4()
{
    QStringList statements;
    for (const QString &queue : queues)
        statements.append(queueTable(queue));
    for (const QString &column : failureColumns)
        statements.append(u"ALTER TABLE records ADD COLUMN "_s + column);
    return statements;
}

// Version 5: ids are unique per sender, as the server's are per owner since its schema 5: a
// contact's message may carry the id of one of this account's own, and neither may suppress the
// other, in the history or in a queue (the forward queue holds both sides of a direct link).
// SQLite cannot change a UNIQUE constraint in place: each table is made again under its own
// name, the old one renamed first so that the new one's SQL is a new store's; positions are kept,
// and with them the search index's rowids. A queue's rows are copied by copyQueues(), which reads
// each record's sender.
QString version5RecordsTable()
{
    return recordsTable(u"uid BLOB"_s, u", "_s + deliveredColumn + u", "_s + failureColumns.join(u", "_s)
                                           + u", UNIQUE (uid, sender)"_s);
}
QString version5QueueTable(const QString &name)
{
    return u"CREATE TABLE %1 (seq INTEGER PRIMARY KEY, sender TEXT NOT NULL, uid BLOB NOT NULL,"
           " record BLOB NOT NULL, UNIQUE (uid, sender))"_s.arg(name);
}
QString olderQueue(const QString &name)
{
    return name + u"_v4"_s;
}

QStringList version5()
{
    QStringList statements = {
        u"ALTER TABLE records RENAME TO records_v4"_s,
        version5RecordsTable(),
        // The same columns in the same order.
        u"INSERT INTO records SELECT * FROM records_v4"_s,
        u"DROP TABLE records_v4"_s, // and its indexes, made again below
    };
    statements += recordIndexes;
    for (const QString &queue : queues)
        statements += {u"ALTER TABLE %1 RENAME TO %2"_s.arg(queue, olderQueue(queue)), version5QueueTable(queue)};
    return statements;
}

Result<void> copyQueues(SqlDatabase &database)
{
    for (const QString &queue : queues) {
        if (auto copied = RecordQueue::copyOlderLayout(database, olderQueue(queue), queue); !copied)
            return copied;
        if (auto dropped = database.exec(u"DROP TABLE "_s + olderQueue(queue)); !dropped)
            return dropped;
    }
    return {};
}

// Indexes the bodies a version-1 store already holds.
Result<void> indexExistingRecords(SqlDatabase &database)
{
    auto insert = database.prepare(u"INSERT INTO search_index (rowid, terms) VALUES (?, ?)"_s);
    if (!insert)
        return std::unexpected(insert.error());
    QSqlQuery bodies = database.query();
    if (!bodies.exec(u"SELECT position, body, conversation, device FROM records"_s))
        return std::unexpected(database.error(bodies.lastError(), u"read records to index"_s));
    while (bodies.next()) {
        insert->bindValue(0, bodies.value(0));
        insert->bindValue(1, SearchText::indexTerms(bodies.value(1).toString()) + u' '
                                 + SearchText::scopeTerm('c', bodies.value(2).toLongLong()) + u' '
                                 + SearchText::scopeTerm('d', bodies.value(3).toLongLong()));
        if (auto done = database.exec(*insert); !done)
            return done;
    }
    return {};
}

Result<void> migrate(SqlDatabase &database, int from)
{
    for (int version = from + 1; version <= Schema::currentVersion(); ++version) {
        qCInfo(lcStore) << "migrating" << database.path() << "to schema version" << version;
        if (auto done = database.exec(Schema::migration(version)); !done)
            return done;
        if (version == 2)
            if (auto done = indexExistingRecords(database); !done)
                return done;
        if (version == 5)
            if (auto done = copyQueues(database); !done)
                return done;
    }
    return {};
}

Result<void> setVersion(SqlDatabase &database)
{
    if (auto done = database.exec(u"PRAGMA application_id = %1"_s.arg(Schema::applicationId)); !done)
        return done;
    return database.exec(u"PRAGMA user_version = %1"_s.arg(Schema::currentVersion()));
}

} // namespace

int Schema::currentVersion()
{
    return 5;
}

QStringList Schema::migration(int version)
{
    switch (version) {
    case 1: return version1(recordsTable(u"uid BLOB UNIQUE"_s, {}));
    case 2: return version2Table;
    case 3: return version3;
    case 4: return version4();
    case 5: return version5();
    default: return {};
    }
}

Result<void> Schema::prepare(SqlDatabase &database)
{
    // Reading the header first: a file that is not a database fails here, before anything is written.
    const auto version = database.pragma(u"user_version"_s);
    if (!version)
        return std::unexpected(version.error());
    const auto application = database.pragma(u"application_id"_s);
    if (!application)
        return std::unexpected(application.error());
    const auto schemaCookie = database.pragma(u"schema_version"_s); // 0 for a brand-new file
    if (!schemaCookie)
        return std::unexpected(schemaCookie.error());
    if (*application != applicationId && *schemaCookie != 0)
        return fail(ErrorCode::NotADatabase,
                    u"%1 is an SQLite database of another program, not a Huiji history store"_s.arg(database.path()));
    if (*version > currentVersion())
        return fail(ErrorCode::SchemaTooNew,
                    u"%1 was written by a newer Huiji (schema %2, this one reads up to %3); "
                    "it was left untouched"_s.arg(database.path()).arg(*version).arg(currentVersion()));
    if (*version == currentVersion())
        return {};

    return database.transaction([&]() -> Result<void> {
        if (*version == 0) {
            // A new store: today's schema directly, without the data steps of the migrations.
            QStringList statements = version1(version5RecordsTable()) + version2Table;
            for (const QString &queue : queues)
                statements.append(version5QueueTable(queue));
            if (auto done = database.exec(statements); !done)
                return done;
        } else if (auto done = migrate(database, static_cast<int>(*version)); !done) {
            return done;
        }
        return setVersion(database);
    });
}

} // namespace huiji

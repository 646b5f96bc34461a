#include "store/Schema.h"

#include "store/SearchText.h"
#include "sql/SqlDatabase.h"
#include "store/StoreLog.h"

#include <QSqlError>
#include <QSqlQuery>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// The records table without its closing parenthesis: versions 3 and 4 add columns, and a new store
// must come out exactly as a migrated one (SQLite's ALTER appends ", column" to the stored SQL).
const QString recordsTable = u"CREATE TABLE records ("
                             " position INTEGER PRIMARY KEY,"
                             " uid BLOB UNIQUE,"
                             " content_key BLOB NOT NULL UNIQUE,"
                             " conversation INTEGER NOT NULL REFERENCES conversations (id),"
                             " device INTEGER NOT NULL REFERENCES devices (id),"
                             " direction INTEGER NOT NULL,"
                             " sender TEXT NOT NULL,"
                             " body TEXT NOT NULL,"
                             " device_time INTEGER NOT NULL,"
                             " server_time INTEGER,"
                             " arrival INTEGER NOT NULL"_s;
const QString deliveredColumn = u"delivered_at INTEGER"_s;
const QStringList failureColumns = {u"failure_code TEXT"_s, u"failure_reason TEXT"_s};

// Version 1: records merged per contact and per device, de-duplicated by id and content key.
// `position` is the order time and a tie-break (Position.h), so history pages are rowid ranges.
QStringList version1(const QString &records)
{
    return {
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
        u"CREATE INDEX records_by_conversation ON records (conversation, position)"_s,
        u"CREATE INDEX records_by_device ON records (device, position)"_s,
    };
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
const QStringList version4Tables = {queueTable(u"outbox"_s), queueTable(u"forward_queue"_s)};

QStringList version4()
{
    QStringList statements = version4Tables;
    for (const QString &column : failureColumns)
        statements.append(u"ALTER TABLE records ADD COLUMN "_s + column);
    return statements;
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
    return 4;
}

QStringList Schema::migration(int version)
{
    switch (version) {
    case 1: return version1(recordsTable + u')');
    case 2: return version2Table;
    case 3: return version3;
    case 4: return version4();
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
            const QString records = recordsTable + u", "_s + deliveredColumn + u", "_s + failureColumns.join(u", "_s) + u')';
            if (auto done = database.exec(version1(records) + version2Table + version4Tables); !done)
                return done;
        } else if (auto done = migrate(database, static_cast<int>(*version)); !done) {
            return done;
        }
        return setVersion(database);
    });
}

} // namespace huiji

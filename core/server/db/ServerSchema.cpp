#include "server/db/ServerSchema.h"

#include "server/ServerLog.h"
#include "sql/SqlDatabase.h"

#include <QSqlError>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// Version 1. Times are milliseconds since the epoch; `day` is whole UTC days since the epoch.
// A message is stored once; `inbox` says which device still has to get it: a row with an expiry
// is a queued delivery to an ordinary device (dropped after the retention), a row without one is
// held for a storage terminal until it acks (claim 1 step 3).
const QStringList version1 = {
    u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s,
    u"INSERT INTO schema_version (version) VALUES (0)"_s,
    u"CREATE TABLE accounts ("
    " name TEXT PRIMARY KEY,"
    " password_hash TEXT NOT NULL,"
    " created BIGINT NOT NULL)"_s,
    u"CREATE TABLE sessions ("
    " token_hash BLOB PRIMARY KEY,"
    " account TEXT NOT NULL REFERENCES accounts (name),"
    " created BIGINT NOT NULL)"_s,
    u"CREATE INDEX sessions_by_account ON sessions (account)"_s,
    u"CREATE TABLE devices ("
    " device_key BIGINT PRIMARY KEY,"
    " account TEXT NOT NULL REFERENCES accounts (name),"
    " device_id TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " platform TEXT NOT NULL,"
    " mac_hash TEXT NOT NULL,"
    " first_seen BIGINT NOT NULL,"
    " last_seen BIGINT NOT NULL,"
    " UNIQUE (account, device_id))"_s,
    u"CREATE TABLE device_usage ("
    " device_key BIGINT NOT NULL REFERENCES devices (device_key),"
    " day BIGINT NOT NULL,"
    " uses BIGINT NOT NULL,"
    " PRIMARY KEY (device_key, day))"_s,
    u"CREATE TABLE terminals ("
    " account TEXT NOT NULL REFERENCES accounts (name),"
    " role TEXT NOT NULL,"
    " device_key BIGINT NOT NULL REFERENCES devices (device_key),"
    " since BIGINT NOT NULL,"
    " PRIMARY KEY (account, role))"_s,
    u"CREATE TABLE contacts ("
    " account TEXT NOT NULL REFERENCES accounts (name),"
    " contact TEXT NOT NULL REFERENCES accounts (name),"
    " state TEXT NOT NULL,"
    " since BIGINT NOT NULL,"
    " PRIMARY KEY (account, contact))"_s,
    u"CREATE TABLE messages ("
    " seq BIGINT PRIMARY KEY,"
    " uid BLOB NOT NULL UNIQUE,"
    " sender TEXT NOT NULL,"
    " recipient TEXT NOT NULL,"
    " sender_device TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " device_time BIGINT NOT NULL,"
    " server_time BIGINT NOT NULL,"
    " seen_by TEXT)"_s,
    u"CREATE INDEX messages_by_time ON messages (server_time)"_s,
    u"CREATE TABLE inbox ("
    " device_key BIGINT NOT NULL,"
    " seq BIGINT NOT NULL,"
    " expires BIGINT,"
    " PRIMARY KEY (device_key, seq))"_s,
    u"CREATE INDEX inbox_by_seq ON inbox (seq)"_s,
    u"CREATE INDEX inbox_by_expiry ON inbox (expires)"_s,
};

// Version 2: collection requests (claim 13). A record a device hands over that the server did not
// relay becomes a message row like a relayed one, with `collected_by` naming the device that handed
// it over; its `server_time` is then when it was collected (the purge clock), and the server time
// the record itself carried, if it ever passed a server, is `origin_server_time` - never invented.
// `collected_keys` remembers, by id and content key, what each storage terminal was given through
// collections, so that it is not sent again after the message rows are purged; it holds no bodies.
// `collections` is each device's collection for the account's current storage terminal.
const QStringList version2 = {
    u"ALTER TABLE messages ADD COLUMN collected_by TEXT"_s,
    u"ALTER TABLE messages ADD COLUMN origin_server_time BIGINT"_s,
    u"CREATE TABLE collected_keys ("
    " terminal_key BIGINT NOT NULL REFERENCES devices (device_key),"
    " uid BLOB NOT NULL,"
    " content_key BLOB NOT NULL,"
    " PRIMARY KEY (terminal_key, uid))"_s,
    u"CREATE INDEX collected_keys_by_content ON collected_keys (terminal_key, content_key)"_s,
    u"CREATE TABLE collections ("
    " device_key BIGINT PRIMARY KEY REFERENCES devices (device_key),"
    " terminal_key BIGINT NOT NULL,"
    " terminal_since BIGINT NOT NULL,"
    " received BIGINT NOT NULL,"
    " duplicates BIGINT NOT NULL,"
    " added BIGINT NOT NULL,"
    " refused BIGINT NOT NULL,"
    " completed BIGINT)"_s,
};

// Version 3: several storage terminals and the server as a secondary (claims 2-5). `terminals`
// keeps the primary; each secondary is a row of `secondary_terminals`. A record the primary
// synchronises to its secondaries is a message row whose `record` is the record exactly as the
// primary keeps it (CBOR, the account's view), held in the inbox of every secondary; its `uid` is
// made of the account and the record's id, so that it never meets the relayed message of the same
// id. `archives` is the accounts that made the server a secondary, with their retention (0 days:
// forever); `archive` is their merged history, one row per record, read only by the account.
const QStringList version3 = {
    u"CREATE TABLE secondary_terminals ("
    " account TEXT NOT NULL REFERENCES accounts (name),"
    " device_key BIGINT NOT NULL REFERENCES devices (device_key),"
    " since BIGINT NOT NULL,"
    " PRIMARY KEY (account, device_key))"_s,
    u"ALTER TABLE messages ADD COLUMN record BLOB"_s,
    u"CREATE TABLE archives ("
    " account TEXT PRIMARY KEY REFERENCES accounts (name),"
    " retention_days BIGINT NOT NULL,"
    " since BIGINT NOT NULL)"_s,
    u"CREATE TABLE archive ("
    " account TEXT NOT NULL REFERENCES accounts (name),"
    " uid BLOB NOT NULL,"
    " device_time BIGINT NOT NULL,"
    " archived BIGINT NOT NULL,"
    " record BLOB NOT NULL,"
    " PRIMARY KEY (account, uid))"_s,
    u"CREATE INDEX archive_in_order ON archive (account, device_time, uid)"_s,
};

// Version 4: how the account's devices that are not its storage terminal forward what they saw on
// direct links (claim 12). No row: the default policy, every 5 minutes.
const QStringList version4 = {
    u"CREATE TABLE forwarding_policies ("
    " account TEXT PRIMARY KEY REFERENCES accounts (name),"
    " mode TEXT NOT NULL,"
    " amount BIGINT NOT NULL)"_s,
};

// Version 5: ids are the account's, not the server's (DESIGN.md, "Trust"). A message row belongs
// to the account whose id it carries - `owner`: the sender of a relayed message, the account that
// handed over a collected, forwarded or synchronised record - and ids are unique per owner, so a
// contact can never file a record under an id of someone else's, nor take an id first to make
// another account's message vanish. SQLite cannot drop a UNIQUE constraint in place: the table is
// made again, rows and sequence numbers kept. A collected row's owner is the account of the device
// that handed it over, a synchronised row's the account of the primary that sent it. A collection
// also counts the records it refused because their id was taken with other content.
const QStringList version5 = {
    u"CREATE TABLE messages_by_owner ("
    " seq BIGINT PRIMARY KEY,"
    " owner TEXT NOT NULL,"
    " uid BLOB NOT NULL,"
    " sender TEXT NOT NULL,"
    " recipient TEXT NOT NULL,"
    " sender_device TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " device_time BIGINT NOT NULL,"
    " server_time BIGINT NOT NULL,"
    " seen_by TEXT,"
    " collected_by TEXT,"
    " origin_server_time BIGINT,"
    " record BLOB,"
    " UNIQUE (owner, uid))"_s,
    u"INSERT INTO messages_by_owner (seq, owner, uid, sender, recipient, sender_device, body, device_time,"
    " server_time, seen_by, collected_by, origin_server_time, record)"
    " SELECT m.seq,"
    " COALESCE((SELECT d.account FROM devices d WHERE d.account IN (m.sender, m.recipient)"
    "  AND d.device_id = CASE WHEN m.collected_by IS NOT NULL THEN m.collected_by"
    "   WHEN m.record IS NOT NULL THEN m.seen_by END LIMIT 1), m.sender),"
    " m.uid, m.sender, m.recipient, m.sender_device, m.body, m.device_time, m.server_time, m.seen_by,"
    " m.collected_by, m.origin_server_time, m.record FROM messages m"_s,
    u"DROP TABLE messages"_s,
    u"ALTER TABLE messages_by_owner RENAME TO messages"_s,
    u"CREATE INDEX messages_by_time ON messages (server_time)"_s,
    u"ALTER TABLE collections ADD COLUMN conflicts BIGINT NOT NULL DEFAULT 0"_s,
};

// Version 6: every device has its own credential (issue 13),
// bound to the device's key and so to one device id of one account; the server keeps its SHA-256
// only. `last_used` is when it last logged in: one unused for the configured inactivity has
// expired. The tokens of `sessions` were bound to no device and are dropped with it: each device
// logs in with the password once more and gets a credential of its own.
const QStringList version6 = {
    u"DROP TABLE sessions"_s,
    u"CREATE TABLE device_credentials ("
    " device_key BIGINT PRIMARY KEY REFERENCES devices (device_key),"
    " token_hash BLOB NOT NULL UNIQUE,"
    " created BIGINT NOT NULL,"
    " last_used BIGINT NOT NULL)"_s,
    u"CREATE INDEX device_credentials_by_use ON device_credentials (last_used)"_s,
};

} // namespace

int ServerSchema::currentVersion()
{
    return 6;
}

QStringList ServerSchema::migration(int version)
{
    switch (version) {
    case 1: return version1;
    case 2: return version2;
    case 3: return version3;
    case 4: return version4;
    case 5: return version5;
    case 6: return version6;
    default: return {};
    }
}

Result<void> ServerSchema::prepare(SqlDatabase &database)
{
    QSqlQuery probe = database.query();
    // A missing table is the only way both databases agree to say "new": read and see.
    qint64 version = 0;
    if (probe.exec(u"SELECT version FROM schema_version"_s)) {
        if (!probe.next())
            return fail(ErrorCode::NotADatabase, u"%1: schema_version is empty"_s.arg(database.path()));
        version = probe.value(0).toLongLong();
    }
    probe.finish();
    if (version > currentVersion())
        return fail(ErrorCode::SchemaTooNew,
                    u"%1 was written by a newer huijid (schema %2, this one reads up to %3); "
                    "it was left untouched"_s.arg(database.path()).arg(version).arg(currentVersion()));
    if (version == currentVersion())
        return {};
    return database.transaction([&]() -> Result<void> {
        for (auto next = static_cast<int>(version) + 1; next <= currentVersion(); ++next) {
            qCInfo(lcServer) << "creating or migrating" << database.path() << "to schema version" << next;
            if (auto done = database.exec(migration(next)); !done)
                return done;
        }
        return database.exec(u"UPDATE schema_version SET version = %1"_s.arg(currentVersion()));
    });
}

} // namespace huiji

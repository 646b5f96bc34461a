#include "store/HistoryStore.h"

#include "store/HistoryReader.h"
#include "store/HistorySearch.h"
#include "store/RecordMerger.h"
#include "store/Schema.h"
#include "sql/SqlDatabase.h"
#include "store/StoreLog.h"

#include <QScopedValueRollback>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// Durability: WAL with synchronous=FULL. A merged batch is acknowledged to the server, which then
// deletes its copy, so a commit must survive a power cut, not only a crash (docs/store.md).
const QStringList connectionSettings = {
    u"PRAGMA journal_mode = WAL"_s,
    u"PRAGMA synchronous = FULL"_s,
    u"PRAGMA foreign_keys = ON"_s,
    u"PRAGMA cache_size = -65536"_s, // 64 MiB: the id and content-key indexes stay in memory
    u"PRAGMA temp_store = MEMORY"_s,
};

} // namespace

HistoryStore::HistoryStore(std::unique_ptr<SqlDatabase> database)
    : m_database(std::move(database)),
      m_merger(std::make_unique<RecordMerger>(*m_database)),
      m_reader(std::make_unique<HistoryReader>(*m_database)),
      m_search(std::make_unique<HistorySearch>(*m_database, *m_reader)),
      m_outbox(std::make_unique<RecordQueue>(*m_database, u"outbox"_s)),
      m_forwardQueue(std::make_unique<RecordQueue>(*m_database, u"forward_queue"_s))
{
}

HistoryStore::~HistoryStore() = default;

Result<std::unique_ptr<HistoryStore>> HistoryStore::open(const QString &path, Mode mode)
{
    const bool readOnly = mode == Mode::ReadOnly;
    auto database = SqlDatabase::open({.path = path, .what = u"history store"_s, .readOnly = readOnly});
    if (!database)
        return std::unexpected(database.error());
    if (auto prepared = Schema::prepare(**database); !prepared)
        return std::unexpected(prepared.error());
    for (const QString &setting : connectionSettings) {
        if (readOnly && setting.contains(u"journal_mode"))
            continue; // switching the journal mode writes to the file
        if (auto done = (*database)->exec(setting); !done)
            return std::unexpected(done.error());
    }
    qCDebug(lcStore) << "opened" << path << (readOnly ? "read-only" : "read-write");
    return std::unique_ptr<HistoryStore>(new HistoryStore(std::move(*database)));
}

int HistoryStore::currentSchemaVersion()
{
    return Schema::currentVersion();
}

QString HistoryStore::path() const
{
    return m_database->path();
}

Result<void> HistoryStore::transaction(const std::function<Result<void>()> &body)
{
    // Inside another: a savepoint, so that a failed step takes back its own writes only.
    if (m_inTransaction)
        return m_database->savepoint(body);
    const QScopedValueRollback inside(m_inTransaction, true);
    return m_database->transaction(body);
}

Result<MergeResult> HistoryStore::merge(const QList<Record> &records, const QList<DeviceInfo> &devices)
{
    Result<MergeResult> result = MergeResult{};
    const auto written = transaction([&]() -> Result<void> {
        result = m_merger->merge(records, devices);
        return result ? Result<void>{} : std::unexpected(result.error());
    });
    if (!written) // the commit itself failed (a full disk, say)
        result = std::unexpected(written.error());
    if (result)
        qCDebug(lcStore) << "merged" << result->added << "new and" << result->duplicates << "duplicate records";
    else
        qCWarning(lcStore) << "merge failed:" << result.error().message;
    return result;
}

Result<void> HistoryStore::renameDevice(const QString &deviceId, const QString &name)
{
    return m_merger->renameDevice(deviceId, name);
}

Result<qint64> HistoryStore::countIncoming(const HistoryScope &scope, qint64 after) const
{
    return m_reader->countIncoming(scope, after);
}

Result<void> HistoryStore::markDelivered(const QString &sender, const QList<QUuid> &ids, qint64 at)
{
    return transaction([&]() -> Result<void> {
        auto update = m_database->prepare(
            u"UPDATE records SET delivered_at = ? WHERE uid = ? AND sender = ? AND delivered_at IS NULL"_s);
        if (!update)
            return std::unexpected(update.error());
        for (const QUuid &id : ids) {
            update->bindValue(0, at);
            update->bindValue(1, id.toRfc4122());
            update->bindValue(2, sender);
            if (auto done = m_database->exec(*update); !done)
                return done;
        }
        return {};
    });
}

Result<void> HistoryStore::setArrival(const RecordKey &key, Arrival arrival)
{
    auto update = m_database->prepare(u"UPDATE records SET arrival = ? WHERE uid = ? AND sender = ?"_s);
    if (!update)
        return std::unexpected(update.error());
    update->addBindValue(static_cast<int>(arrival));
    update->addBindValue(key.id.toRfc4122());
    update->addBindValue(key.sender);
    return m_database->exec(*update);
}

Result<void> HistoryStore::setFailure(const RecordKey &key, const std::optional<Error> &failure)
{
    auto update = m_database->prepare(
        u"UPDATE records SET failure_code = ?, failure_reason = ? WHERE uid = ? AND sender = ?"_s);
    if (!update)
        return std::unexpected(update.error());
    const QVariant none{QMetaType(QMetaType::QString)}; // braces: a declaration, not a function
    update->addBindValue(failure ? QVariant(errorCodeName(failure->code)) : none);
    update->addBindValue(failure ? QVariant(failure->message) : none);
    update->addBindValue(key.id.toRfc4122());
    update->addBindValue(key.sender);
    return m_database->exec(*update);
}

Result<void> HistoryStore::setSizeLimit(qint64 bytes)
{
    const auto pageSize = m_database->pragma(u"page_size"_s);
    if (!pageSize)
        return std::unexpected(pageSize.error());
    // SQLite never sets the limit below the pages already in use.
    return m_database->exec(u"PRAGMA max_page_count = %1"_s.arg(qMax<qint64>(1, bytes / *pageSize)));
}

Result<QList<DeviceSummary>> HistoryStore::devices() const
{
    return m_reader->devices();
}

Result<QList<ConversationSummary>> HistoryStore::conversations() const
{
    return m_reader->conversations();
}

Result<HistoryPage> HistoryStore::older(const HistoryScope &scope, std::optional<qint64> before, int limit) const
{
    return m_reader->older(scope, before, limit);
}

Result<HistoryPage> HistoryStore::newer(const HistoryScope &scope, qint64 after, int limit) const
{
    return m_reader->newer(scope, after, limit);
}

Result<HistoryPage> HistoryStore::around(const HistoryScope &scope, qint64 anchor, int before, int after) const
{
    return m_reader->around(scope, anchor, before, after);
}

Result<qint64> HistoryStore::positionOf(const RecordKey &key) const
{
    return m_reader->positionOf(key);
}

Result<StoredRecord> HistoryStore::record(const RecordKey &key) const
{
    return m_reader->record(key);
}

Result<QList<SearchHit>> HistoryStore::search(const SearchQuery &query) const
{
    return m_search->search(query);
}

} // namespace huiji

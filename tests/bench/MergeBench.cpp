#include "MergeBench.h"

#include "BaselineDatabase.h"

#include "store/HistoryStore.h"
#include "store/SearchText.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QVariant>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

constexpr double goalRecordsPerSecond = 100000;
constexpr double goalRatio = 0.8;

// The columns of the store's records table (core/store/Schema.cpp), in its order.
const QString insertRecordSql =
    u"INSERT INTO records (position, uid, content_key, conversation, device, direction, sender,"
    " body, device_time, server_time, arrival) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;

const QString indexlessTableSql =
    u"CREATE TABLE records (position INTEGER, uid BLOB, content_key BLOB, conversation INTEGER,"
    " device INTEGER, direction INTEGER, sender TEXT, body TEXT, device_time INTEGER,"
    " server_time INTEGER, arrival INTEGER)"_s;

void bindRow(QSqlQuery &insert, const Record &record, qint64 position, const QByteArray &uid,
             const QByteArray &key, qint64 conversation, qint64 device)
{
    insert.bindValue(0, position);
    insert.bindValue(1, uid);
    insert.bindValue(2, key);
    insert.bindValue(3, conversation);
    insert.bindValue(4, device);
    insert.bindValue(5, static_cast<int>(record.direction));
    insert.bindValue(6, record.sender);
    insert.bindValue(7, record.body);
    insert.bindValue(8, record.deviceTime);
    insert.bindValue(9, record.serverTime ? QVariant(*record.serverTime) : QVariant(QMetaType(QMetaType::LongLong)));
    insert.bindValue(10, static_cast<int>(record.arrival));
}

double megabytesOf(const QString &path)
{
    return static_cast<double>(QFileInfo(path).size() + QFileInfo(path + u"-wal"_s).size()) / (1024.0 * 1024.0);
}

double perSecond(qint64 count, qint64 nanoseconds)
{
    return nanoseconds > 0 ? static_cast<double>(count) * 1e9 / static_cast<double>(nanoseconds) : 0;
}

// The two baseline files: the store's schema, made by opening a store on a fresh file, written
// with plain SQL; and the same columns without any index.
class Baselines
{
public:
    Baselines(const QString &directory, const QString &storePath)
        : m_plainPath(directory + u"/plain.db"_s)
        , m_ceilingPath(directory + u"/indexless.db"_s)
    {
        if (auto created = HistoryStore::open(m_plainPath); !created)
            BaselineDatabase::die(u"cannot create %1: %2"_s.arg(m_plainPath, created.error().message));
        m_source = std::make_unique<BaselineDatabase>(storePath, BaselineDatabase::Mode::ReadOnly);
        m_plain = std::make_unique<BaselineDatabase>(m_plainPath, BaselineDatabase::Mode::ReadWrite);
        m_ceiling = std::make_unique<BaselineDatabase>(m_ceilingPath, BaselineDatabase::Mode::ReadWrite);
        m_ceiling->exec(indexlessTableSql);
        m_plainRecord = m_plain->prepare(insertRecordSql);
        m_plainTerms = m_plain->prepare(u"INSERT INTO search_index (rowid, terms) VALUES (?, ?)"_s);
        m_ceilingRecord = m_ceiling->prepare(insertRecordSql);
    }

    // The devices and conversations the store has registered since the last call, under the
    // store's keys, so that the baseline's rows refer to the same keys (not timed).
    void copyKeys()
    {
        QSqlQuery devices = m_source->prepare(u"SELECT id, device_id, name, platform FROM devices WHERE id > ?"_s);
        devices.bindValue(0, m_lastDevice);
        m_source->exec(devices);
        QSqlQuery insertDevice = m_plain->prepare(u"INSERT INTO devices (id, device_id, name, platform) VALUES (?, ?, ?, ?)"_s);
        while (devices.next()) {
            for (int i = 0; i < 4; ++i)
                insertDevice.bindValue(i, devices.value(i));
            m_plain->exec(insertDevice);
            m_lastDevice = std::max(m_lastDevice, devices.value(0).toLongLong());
            m_deviceKeys.insert(devices.value(1).toString(), devices.value(0).toLongLong());
        }
        QSqlQuery conversations = m_source->prepare(u"SELECT id, account, contact FROM conversations WHERE id > ?"_s);
        conversations.bindValue(0, m_lastConversation);
        m_source->exec(conversations);
        QSqlQuery insertConversation = m_plain->prepare(u"INSERT INTO conversations (id, account, contact) VALUES (?, ?, ?)"_s);
        while (conversations.next()) {
            for (int i = 0; i < 3; ++i)
                insertConversation.bindValue(i, conversations.value(i));
            m_plain->exec(insertConversation);
            m_lastConversation = std::max(m_lastConversation, conversations.value(0).toLongLong());
            m_conversationKeys.insert(conversations.value(2).toString(), conversations.value(0).toLongLong());
        }
    }

    // One transaction of plain INSERTs: records and their index terms. Returns the time taken,
    // and adds the part spent making row values to rowBuildNs.
    qint64 insertPlain(const QList<Record> &records, const std::vector<qint64> &positions, qint64 &rowBuildNs)
    {
        QElapsedTimer timer;
        timer.start();
        m_plain->exec(u"BEGIN IMMEDIATE"_s);
        for (qsizetype i = 0; i < records.size(); ++i) {
            const Record &record = records.at(i);
            const qint64 position = positions[static_cast<std::size_t>(i)];
            const qint64 buildStart = timer.nsecsElapsed();
            const QByteArray uid = record.id.toRfc4122();
            const QByteArray key = contentKey(record);
            const QString terms = SearchText::indexTerms(record.body);
            rowBuildNs += timer.nsecsElapsed() - buildStart;
            bindRow(m_plainRecord, record, position, uid, key, m_conversationKeys.value(record.contact),
                    m_deviceKeys.value(record.originDevice));
            m_plain->exec(m_plainRecord);
            m_plainTerms.bindValue(0, position);
            m_plainTerms.bindValue(1, terms);
            m_plain->exec(m_plainTerms);
        }
        m_plain->exec(u"COMMIT"_s);
        return timer.nsecsElapsed();
    }

    qint64 insertCeiling(const QList<Record> &records, const std::vector<qint64> &positions)
    {
        QElapsedTimer timer;
        timer.start();
        m_ceiling->exec(u"BEGIN IMMEDIATE"_s);
        for (qsizetype i = 0; i < records.size(); ++i) {
            const Record &record = records.at(i);
            bindRow(m_ceilingRecord, record, positions[static_cast<std::size_t>(i)], record.id.toRfc4122(),
                    contentKey(record), m_conversationKeys.value(record.contact),
                    m_deviceKeys.value(record.originDevice));
            m_ceiling->exec(m_ceilingRecord);
        }
        m_ceiling->exec(u"COMMIT"_s);
        return timer.nsecsElapsed();
    }

    qint64 plainCount() { return m_plain->scalar(u"SELECT count(*) FROM records"_s); }

private:
    QString m_plainPath;
    QString m_ceilingPath;
    std::unique_ptr<BaselineDatabase> m_source;
    std::unique_ptr<BaselineDatabase> m_plain;
    std::unique_ptr<BaselineDatabase> m_ceiling;
    QSqlQuery m_plainRecord;
    QSqlQuery m_plainTerms;
    QSqlQuery m_ceilingRecord;
    qint64 m_lastDevice = 0;
    qint64 m_lastConversation = 0;
    QHash<QString, qint64> m_deviceKeys;
    QHash<QString, qint64> m_conversationKeys;
};

} // namespace

MergeBench::MergeBench(const HistoryGenerator &generator, const QString &directory)
    : m_generator(generator)
    , m_directory(directory)
{
}

void MergeBench::run(HistoryStore &store, const QString &storePath)
{
    Baselines baselines(m_directory, storePath);
    const QList<DeviceInfo> devices = m_generator.devices();
    const auto &batches = m_generator.batches();
    m_positions.assign(static_cast<std::size_t>(m_generator.uniqueCount()), 0);
    const std::size_t tenth = std::max<std::size_t>(1, batches.size() / 10);
    qint64 offered = 0;
    qint64 segmentOffered = 0;
    qint64 segmentNs = 0;
    for (std::size_t b = 0; b < batches.size(); ++b) {
        const HistoryGenerator::Batch &batch = batches[b];
        const QList<Record> records = m_generator.records(batch);
        QElapsedTimer timer;
        timer.start();
        const auto merged = store.merge(records, devices);
        const qint64 ns = timer.nsecsElapsed();
        if (!merged)
            BaselineDatabase::die(u"merge of batch %1 failed: %2"_s.arg(b).arg(merged.error().message));
        m_storeNs += ns;
        m_added += merged->added;
        m_duplicates += merged->duplicates;
        (batch.retried ? m_retriedBatches : m_freshBatches).add(ns);
        offered += records.size();
        segmentOffered += records.size();
        segmentNs += ns;
        if ((b + 1) % tenth == 0 || b + 1 == batches.size()) {
            std::fprintf(stderr, "merge: %lld of %lld offered, last stretch %.0f offered/s\n",
                         static_cast<long long>(offered), static_cast<long long>(m_generator.offeredCount()),
                         perSecond(segmentOffered, segmentNs));
            segmentOffered = segmentNs = 0;
        }
        if (batch.retried)
            continue; // nothing new: the baselines have no work for it
        m_storeFreshNs += ns;

        // Not timed: where the store put the new records, and the keys they refer to.
        std::vector<qint64> positions;
        for (quint32 index : batch.records) {
            const auto position = store.positionOf(RecordKey::of(m_generator.original(index)));
            if (!position)
                BaselineDatabase::die(u"record %1 is not in the store: %2"_s.arg(index).arg(position.error().message));
            positions.push_back(m_positions[index] = *position);
        }
        baselines.copyKeys();

        m_plainNs += baselines.insertPlain(records, positions, m_plainRowBuildNs);
        m_ceilingNs += baselines.insertCeiling(records, positions);
    }
    if (baselines.plainCount() != m_generator.uniqueCount())
        BaselineDatabase::die(u"the baseline does not hold every unique record"_s);
}

void MergeBench::print(const QString &storePath) const
{
    const qint64 unique = m_generator.uniqueCount();
    const double recordsPerSecond = perSecond(m_added, m_storeNs);
    const double baseline = perSecond(unique, m_plainNs);
    const double ratio = baseline > 0 ? recordsPerSecond / baseline : 0;
    JsonLine(u"merge"_s)
        .add(u"records"_s, unique)
        .add(u"offered"_s, m_generator.offeredCount())
        .add(u"batch"_s, static_cast<qint64>(m_generator.batches().front().records.size()))
        .add(u"added"_s, m_added)
        .add(u"duplicates"_s, m_duplicates)
        .add(u"correct"_s, m_added == unique && m_duplicates == m_generator.duplicateCount())
        .add(u"seconds"_s, static_cast<double>(m_storeNs) / 1e9, 2)
        .add(u"offered_per_s"_s, perSecond(m_generator.offeredCount(), m_storeNs), 0)
        .add(u"records_per_s"_s, recordsPerSecond, 0)
        .add(u"baseline"_s, u"plain_insert_same_schema"_s)
        .add(u"baseline_records_per_s"_s, baseline, 0)
        .add(u"ratio"_s, ratio, 3)
        .add(u"fresh_batches_ratio"_s, baseline > 0 ? perSecond(m_added, m_storeFreshNs) / baseline : 0, 3)
        .add(u"baseline_row_build_share"_s,
             m_plainNs > 0 ? static_cast<double>(m_plainRowBuildNs) / static_cast<double>(m_plainNs) : 0, 3)
        .add(u"ceiling"_s, u"indexless_table"_s)
        .add(u"ceiling_records_per_s"_s, perSecond(unique, m_ceilingNs), 0)
        .add(u"fresh_batch_ms_p50"_s, m_freshBatches.percentileMs(50), 2)
        .add(u"fresh_batch_ms_p99"_s, m_freshBatches.percentileMs(99), 2)
        .add(u"retried_batch_ms_p50"_s, m_retriedBatches.percentileMs(50), 2)
        .add(u"retried_batch_ms_p99"_s, m_retriedBatches.percentileMs(99), 2)
        .add(u"store_file_mb"_s, megabytesOf(storePath), 1)
        .add(u"baseline_file_mb"_s, megabytesOf(m_directory + u"/plain.db"_s), 1)
        .add(u"ceiling_file_mb"_s, megabytesOf(m_directory + u"/indexless.db"_s), 1)
        .add(u"goal"_s, u"records_per_s >= 100000 and ratio >= 0.8"_s)
        .add(u"met"_s, recordsPerSecond >= goalRecordsPerSecond && ratio >= goalRatio)
        .print();
}

} // namespace huiji::bench

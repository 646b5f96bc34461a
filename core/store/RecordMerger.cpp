#include "store/RecordMerger.h"

#include "store/Position.h"
#include "store/SearchText.h"
#include "sql/SqlDatabase.h"

#include <QVariant>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// The tie-break of a record's position: 20 bits that differ between records of one millisecond.
qint64 tieBreak(const QByteArray &uid, const QByteArray &contentKey)
{
    // A v7 id's last bytes are random; a content key is a hash throughout.
    const QByteArray &source = uid.isEmpty() ? contentKey : uid;
    const auto byte = [&source](qsizetype i) { return qint64{static_cast<uchar>(source.at(i))}; };
    const qsizetype n = source.size();
    return (byte(n - 3) << 16) | (byte(n - 2) << 8) | byte(n - 1);
}

// How many other tie-breaks to try when two records of one millisecond draw the same one.
constexpr int maxTieProbes = 64;

} // namespace

RecordMerger::RecordMerger(SqlDatabase &database) : m_database(database) {}

Result<void> RecordMerger::prepareStatements()
{
    if (m_prepared)
        return {};
    auto insertRecord = m_database.prepare(
        u"INSERT OR IGNORE INTO records (position, uid, content_key, conversation, device, direction,"
        " sender, body, device_time, server_time, arrival) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    auto insertTerms = m_database.prepare(u"INSERT INTO search_index (rowid, terms) VALUES (?, ?)"_s);
    auto findDuplicate = m_database.prepare(
        u"SELECT 1 FROM records WHERE uid = ? AND sender = ? UNION ALL SELECT 1 FROM records WHERE content_key = ?"_s);
    for (auto *prepared : {&insertRecord, &insertTerms, &findDuplicate})
        if (!*prepared)
            return std::unexpected(prepared->error());
    m_insertRecord = std::move(*insertRecord);
    m_insertTerms = std::move(*insertTerms);
    m_findDuplicate = std::move(*findDuplicate);
    m_prepared = true;
    return {};
}

Result<MergeResult> RecordMerger::merge(const QList<Record> &records, const QList<DeviceInfo> &devices)
{
    // Refuse the whole batch before writing anything if one record is malformed.
    for (qsizetype i = 0; i < records.size(); ++i)
        if (auto valid = validate(records.at(i)); !valid)
            return fail(ErrorCode::InvalidRecord,
                        u"record %1 of %2: %3"_s.arg(i + 1).arg(records.size()).arg(valid.error().message));
    for (const DeviceInfo &device : devices)
        if (device.id.isEmpty())
            return fail(ErrorCode::InvalidArgument, u"a device without an id"_s);
    if (auto prepared = prepareStatements(); !prepared)
        return std::unexpected(prepared.error());

    MergeResult result;
    const auto written = [&]() -> Result<void> {
        for (const DeviceInfo &device : devices)
            if (auto done = upsertDevice(device); !done)
                return done;
        for (qsizetype index = 0; index < records.size(); ++index) {
            const int before = result.added;
            if (auto done = mergeOne(records.at(index), result); !done)
                return done;
            if (result.added > before)
                result.addedAt.append(index);
        }
        return writeCounts();
    }();
    m_devices.clear();
    m_conversations.clear();
    m_deviceCounts.clear();
    m_conversationCounts.clear();
    if (!written)
        return std::unexpected(written.error());
    return result;
}

Result<void> RecordMerger::mergeOne(const Record &record, MergeResult &result)
{
    const QByteArray uid = record.id.isNull() ? QByteArray() : record.id.toRfc4122();
    const QByteArray key = contentKey(record);
    const auto device = deviceKey(record.originDevice);
    if (!device)
        return std::unexpected(device.error());
    const auto conversation = conversationKey(record.account, record.contact);
    if (!conversation)
        return std::unexpected(conversation.error());

    qint64 tie = tieBreak(uid, key);
    for (int probe = 0; probe < maxTieProbes; ++probe, ++tie) {
        const qint64 at = position::make(record.orderTime(), tie);
        m_insertRecord.bindValue(0, at);
        m_insertRecord.bindValue(1, uid.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(uid));
        m_insertRecord.bindValue(2, key);
        m_insertRecord.bindValue(3, *conversation);
        m_insertRecord.bindValue(4, *device);
        m_insertRecord.bindValue(5, static_cast<int>(record.direction));
        m_insertRecord.bindValue(6, record.sender);
        m_insertRecord.bindValue(7, record.body);
        m_insertRecord.bindValue(8, record.deviceTime);
        m_insertRecord.bindValue(9, record.serverTime ? QVariant(*record.serverTime)
                                                      : QVariant(QMetaType(QMetaType::LongLong)));
        m_insertRecord.bindValue(10, static_cast<int>(record.arrival));
        if (auto done = m_database.exec(m_insertRecord); !done)
            return done;
        if (m_insertRecord.numRowsAffected() == 1) {
            m_insertTerms.bindValue(0, at);
            m_insertTerms.bindValue(1, SearchText::indexTerms(record.body) + u' '
                                           + SearchText::scopeTerm('c', *conversation) + u' '
                                           + SearchText::scopeTerm('d', *device));
            if (auto done = m_database.exec(m_insertTerms); !done)
                return done;
            ++result.added;
            ++m_deviceCounts[*device];
            auto &[count, newest] = m_conversationCounts[*conversation];
            ++count;
            newest = qMax(newest, at);
            return {};
        }
        // Ignored: either the record is already here, or another record holds this position.
        const auto stored = isStored(uid, record.sender, key);
        if (!stored)
            return std::unexpected(stored.error());
        if (*stored) {
            ++result.duplicates;
            return {};
        }
    }
    return fail(ErrorCode::StorageFailure,
                u"no free position for a record at %1 ms: too many records in one millisecond"_s.arg(record.orderTime()));
}

Result<bool> RecordMerger::isStored(const QByteArray &uid, const QString &sender, const QByteArray &contentKey)
{
    m_findDuplicate.bindValue(0, uid.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(uid));
    m_findDuplicate.bindValue(1, sender);
    m_findDuplicate.bindValue(2, contentKey);
    if (auto done = m_database.exec(m_findDuplicate); !done)
        return std::unexpected(done.error());
    const bool found = m_findDuplicate.next();
    m_findDuplicate.finish();
    return found;
}

Result<qint64> RecordMerger::deviceKey(const QString &deviceId)
{
    if (const auto known = m_devices.constFind(deviceId); known != m_devices.cend())
        return *known;
    if (auto done = upsertDevice({deviceId, {}, {}}); !done)
        return std::unexpected(done.error());
    return m_devices.value(deviceId);
}

Result<void> RecordMerger::upsertDevice(const DeviceInfo &device)
{
    // A name or platform already known is kept when a record names its device without them.
    auto upsert = m_database.prepare(
        u"INSERT INTO devices (device_id, name, platform) VALUES (?, ?, ?)"
        " ON CONFLICT (device_id) DO UPDATE SET name = coalesce(excluded.name, name),"
        " platform = coalesce(excluded.platform, platform)"
        " RETURNING id"_s);
    if (!upsert)
        return std::unexpected(upsert.error());
    upsert->bindValue(0, device.id);
    upsert->bindValue(1, device.name.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(device.name));
    upsert->bindValue(2, device.platform.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(device.platform));
    if (auto done = m_database.exec(*upsert); !done)
        return done;
    if (!upsert->next())
        return fail(ErrorCode::StorageFailure, u"could not register device %1"_s.arg(device.id));
    m_devices.insert(device.id, upsert->value(0).toLongLong());
    return {};
}

Result<qint64> RecordMerger::conversationKey(const QString &account, const QString &contact)
{
    const std::pair key{account, contact};
    if (const auto known = m_conversations.constFind(key); known != m_conversations.cend())
        return *known;
    auto upsert = m_database.prepare(
        u"INSERT INTO conversations (account, contact) VALUES (?, ?)"
        " ON CONFLICT (account, contact) DO UPDATE SET account = account RETURNING id"_s);
    if (!upsert)
        return std::unexpected(upsert.error());
    upsert->bindValue(0, account);
    upsert->bindValue(1, contact);
    if (auto done = m_database.exec(*upsert); !done)
        return std::unexpected(done.error());
    if (!upsert->next())
        return fail(ErrorCode::StorageFailure, u"could not register conversation with %1"_s.arg(contact));
    const qint64 id = upsert->value(0).toLongLong();
    m_conversations.insert(key, id);
    return id;
}

Result<void> RecordMerger::writeCounts()
{
    auto devices = m_database.prepare(u"UPDATE devices SET record_count = record_count + ? WHERE id = ?"_s);
    auto conversations = m_database.prepare(
        u"UPDATE conversations SET record_count = record_count + ?,"
        " last_position = max(last_position, ?) WHERE id = ?"_s);
    if (!devices || !conversations)
        return std::unexpected(devices ? conversations.error() : devices.error());
    for (auto it = m_deviceCounts.cbegin(); it != m_deviceCounts.cend(); ++it) {
        devices->bindValue(0, it.value());
        devices->bindValue(1, it.key());
        if (auto done = m_database.exec(*devices); !done)
            return done;
    }
    for (auto it = m_conversationCounts.cbegin(); it != m_conversationCounts.cend(); ++it) {
        conversations->bindValue(0, it.value().first);
        conversations->bindValue(1, it.value().second);
        conversations->bindValue(2, it.key());
        if (auto done = m_database.exec(*conversations); !done)
            return done;
    }
    return {};
}

Result<void> RecordMerger::renameDevice(const QString &deviceId, const QString &name)
{
    if (name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, u"a device name cannot be empty"_s);
    auto rename = m_database.prepare(u"UPDATE devices SET name = ? WHERE device_id = ?"_s);
    if (!rename)
        return std::unexpected(rename.error());
    rename->bindValue(0, name.trimmed());
    rename->bindValue(1, deviceId);
    if (auto done = m_database.exec(*rename); !done)
        return done;
    if (rename->numRowsAffected() != 1)
        return fail(ErrorCode::NotFound, u"no device %1 in this history"_s.arg(deviceId));
    return {};
}

} // namespace huiji

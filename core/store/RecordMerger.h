#pragma once

#include "store/HistoryTypes.h"

#include "protocol/Error.h"

#include <QHash>
#include <QSqlQuery>

namespace huiji {

class SqlDatabase;

// Writes batches into the store: the only way records enter it. A record is new unless one with
// the same id from the same sender, or the same content key, is already there, whatever order
// batches come in: ids are unique per sender (RecordKey), so a contact's message under the id of
// one of this account's own is another record. The
// caller runs each merge inside a transaction (HistoryStore::transaction), which a failure rolls
// back: the merger's keys of devices and conversations are only valid within it.
class RecordMerger
{
public:
    explicit RecordMerger(SqlDatabase &database);

    Result<MergeResult> merge(const QList<Record> &records, const QList<DeviceInfo> &devices);
    Result<void> renameDevice(const QString &deviceId, const QString &name);

private:
    Result<void> prepareStatements();
    Result<void> mergeOne(const Record &record, MergeResult &result);
    Result<qint64> deviceKey(const QString &deviceId);
    Result<qint64> conversationKey(const QString &account, const QString &contact);
    Result<void> upsertDevice(const DeviceInfo &device);
    Result<bool> isStored(const QByteArray &uid, const QString &sender, const QByteArray &contentKey);
    Result<void> writeCounts();

    SqlDatabase &m_database;
    bool m_prepared = false;
    QSqlQuery m_insertRecord;
    QSqlQuery m_insertTerms;
    QSqlQuery m_findDuplicate;

    // Keys of rows in devices and conversations, valid only inside one merge: a rollback
    // may take rows with it.
    QHash<QString, qint64> m_devices;
    QHash<std::pair<QString, QString>, qint64> m_conversations;
    // What this merge adds to each device's and conversation's counters.
    QHash<qint64, qint64> m_deviceCounts;
    QHash<qint64, std::pair<qint64, qint64>> m_conversationCounts; // count, newest position
};

} // namespace huiji

#pragma once

#include "store/HistoryTypes.h"

#include "protocol/Error.h"

#include <QVariantList>

namespace huiji {

class SqlDatabase;

// Reads the merged history: pages and windows by contact or by device, and the summaries.
// Every history query is a keyset range on position (never OFFSET), served by an index.
class HistoryReader
{
public:
    explicit HistoryReader(const SqlDatabase &database);

    // A scope turned into SQL: the condition on r, with its values, or nothing when it cannot match.
    struct Filter {
        QString condition; // " AND ..." or empty
        QVariantList values;
        QList<qint64> conversations; // the keys the condition names, empty for all
        std::optional<qint64> device;
        bool matchesNothing = false;
    };
    Result<Filter> filter(const HistoryScope &scope) const;

    Result<HistoryPage> older(const HistoryScope &scope, std::optional<qint64> before, int limit) const;
    Result<HistoryPage> newer(const HistoryScope &scope, qint64 after, int limit) const;
    Result<HistoryPage> around(const HistoryScope &scope, qint64 anchor, int before, int after) const;
    Result<qint64> positionOf(const RecordKey &key) const;
    Result<StoredRecord> record(const RecordKey &key) const;
    Result<qint64> countIncoming(const HistoryScope &scope, qint64 after) const;
    Result<QList<DeviceSummary>> devices() const;
    Result<QList<ConversationSummary>> conversations() const;

private:
    enum class Towards { Older, Newer };
    // Up to limit records from the cursor on (older: position < cursor; newer: position >= cursor),
    // nearest first.
    Result<QList<StoredRecord>> range(const Filter &filter, Towards towards, qint64 cursor, int limit) const;
    Result<bool> exists(const Filter &filter, Towards towards, qint64 cursor) const;

    const SqlDatabase &m_database;
};

} // namespace huiji

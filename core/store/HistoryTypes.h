#pragma once

#include "protocol/DeviceInfo.h"
#include "protocol/Record.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace huiji {

// Which record a store means: ids are unique per sender, as the server's are per owner (its schema
// 5), so a contact's message may carry the id of one of this account's own and both are kept. A
// message written here is (account, id); one a contact sent is (contact, id).
struct RecordKey {
    QString sender;
    QUuid id;

    static RecordKey of(const Record &record) { return {record.sender, record.id}; }
    friend bool operator==(const RecordKey &, const RecordKey &) = default;
};

// A record as the store holds it: where it stands, and the label of the device it came from.
struct StoredRecord {
    Record record;
    qint64 position = 0;  // see Position.h; also the paging cursor
    QString deviceLabel;  // the origin device's current name ([0093]); follows renames
    std::optional<qint64> deliveredAt; // sent from here: when a device of the recipient had it
    std::optional<Error> failure;      // sent from here: why the server refused it for good
};

// Which part of the history a query reads. Empty fields match everything.
struct HistoryScope {
    QString account;
    QString contact;
    QString device; // origin device id (claim 14)
};

// Records in newest-first order, and whether the history goes on past either end.
struct HistoryPage {
    QList<StoredRecord> records;
    bool hasOlder = false; // more records older than records.last()
    bool hasNewer = false; // more records newer than records.first()
    int anchorIndex = -1;  // for windows: the record at or just after the anchor; -1 when there is
                           // none or the window asked for nothing at or after it
};

struct MergeResult {
    int added = 0;
    int duplicates = 0;
    QList<qsizetype> addedAt; // where in the batch the added ones were, in order
    friend bool operator==(const MergeResult &, const MergeResult &) = default;
};

struct DeviceSummary {
    DeviceInfo device;
    QString label;          // name, or a short form of the id while the device has no name
    qint64 recordCount = 0; // records that came from this device
};

struct ConversationSummary {
    QString account;
    QString contact;
    qint64 recordCount = 0;
    qint64 lastPosition = 0; // newest record's position
};

struct SearchQuery {
    QString text;   // whitespace-separated terms; a record matches when it contains every term
    HistoryScope scope;
    std::optional<qint64> from;   // order time, inclusive (milliseconds)
    std::optional<qint64> until;  // order time, exclusive
    std::optional<qint64> before; // cursor: only hits older than this position (next page)
    int limit = 50;
    // cursor: only hits newer than this position, the `limit` nearest to it (the page above one
    // that was let go); hits still come newest first
    std::optional<qint64> after;
};

struct SearchHit {
    StoredRecord stored;
    QString snippet;                      // about 80 characters around the first hit, "…" where cut
    QList<std::pair<int, int>> highlights; // (offset, length) of every term in the snippet
};

} // namespace huiji

#pragma once

#include "FuzzCheck.h"

#include "protocol/RecordCbor.h"

#include <QCborValue>

namespace huiji::fuzz {

// Decodes a record the way every receiver does (RecordCbor::fromCbor) and checks the result: a
// refusal is InvalidRecord and says why; a record that is taken is valid, and its own encoding,
// through bytes, decodes to the same record.
inline Result<Record> checkedRecord(const QCborMap &map)
{
    auto record = RecordCbor::fromCbor(map);
    if (!record) {
        require(record.error().code == ErrorCode::InvalidRecord, "a record is refused as InvalidRecord");
        require(!record.error().message.isEmpty(), "a refused record says why");
        return record;
    }
    require(validate(*record).has_value(), "a decoded record is valid");
    const QByteArray bytes = QCborValue(RecordCbor::toCbor(*record)).toCbor();
    const auto again = RecordCbor::fromCbor(QCborValue::fromCbor(bytes).toMap());
    require(again && *again == *record, "a record's own encoding decodes to the record");
    return record;
}

} // namespace huiji::fuzz

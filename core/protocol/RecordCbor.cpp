#include "protocol/RecordCbor.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

QCborMap RecordCbor::toCbor(const Record &record)
{
    QCborMap map{{u"account"_s, record.account},
                 {u"contact"_s, record.contact},
                 {u"direction"_s, directionName(record.direction)},
                 {u"sender"_s, record.sender},
                 {u"body"_s, record.body},
                 {u"device"_s, record.originDevice},
                 {u"time"_s, record.deviceTime},
                 {u"arrival"_s, arrivalName(record.arrival)}};
    if (!record.id.isNull())
        map.insert(u"id"_s, record.id.toRfc4122());
    if (record.serverTime)
        map.insert(u"serverTime"_s, *record.serverTime);
    return map;
}

Result<Record> RecordCbor::fromCbor(const QCborMap &map)
{
    Record record;
    const QCborValue id = map.value(u"id"_s);
    if (!id.isUndefined()) {
        if (!id.isByteArray() || id.toByteArray().size() != 16)
            return fail(ErrorCode::InvalidRecord, u"a record id must be 16 bytes"_s);
        record.id = QUuid::fromRfc4122(id.toByteArray());
    }
    record.account = map.value(u"account"_s).toString();
    record.contact = map.value(u"contact"_s).toString();
    record.sender = map.value(u"sender"_s).toString();
    record.body = map.value(u"body"_s).toString();
    record.originDevice = map.value(u"device"_s).toString();
    const auto direction = directionFromName(map.value(u"direction"_s).toString());
    if (!direction)
        return fail(ErrorCode::InvalidRecord, u"a record's direction must be \"in\" or \"out\""_s);
    record.direction = *direction;
    const auto arrival = arrivalFromName(map.value(u"arrival"_s).toString());
    if (!arrival)
        return fail(ErrorCode::InvalidRecord, u"a record's arrival is unknown"_s);
    record.arrival = *arrival;
    const QCborValue time = map.value(u"time"_s);
    if (!time.isInteger())
        return fail(ErrorCode::InvalidRecord, u"a record has no time"_s);
    record.deviceTime = time.toInteger();
    const QCborValue serverTime = map.value(u"serverTime"_s);
    if (!serverTime.isUndefined()) {
        if (!serverTime.isInteger())
            return fail(ErrorCode::InvalidRecord, u"a record's server time is not an integer"_s);
        record.serverTime = serverTime.toInteger();
    }
    if (auto valid = validate(record); !valid)
        return std::unexpected(valid.error());
    return record;
}

} // namespace huiji

#include "store/RecordRow.h"

#include <QVariant>

namespace huiji::recordRow {

using namespace Qt::Literals::StringLiterals;

QString columns()
{
    return u"r.position, r.uid, c.account, c.contact, r.direction, r.sender, r.body, d.device_id,"
           " r.device_time, r.server_time, r.arrival, d.name, r.delivered_at,"
           " r.failure_code, r.failure_reason"_s;
}

QString joins()
{
    return u"records r JOIN conversations c ON c.id = r.conversation JOIN devices d ON d.id = r.device"_s;
}

StoredRecord decode(const QSqlQuery &query)
{
    StoredRecord stored;
    stored.position = query.value(0).toLongLong();
    Record &record = stored.record;
    const QByteArray uid = query.value(1).toByteArray();
    if (!uid.isEmpty())
        record.id = QUuid::fromRfc4122(uid);
    record.account = query.value(2).toString();
    record.contact = query.value(3).toString();
    record.direction = static_cast<Direction>(query.value(4).toInt());
    record.sender = query.value(5).toString();
    record.body = query.value(6).toString();
    record.originDevice = query.value(7).toString();
    record.deviceTime = query.value(8).toLongLong();
    if (!query.isNull(9))
        record.serverTime = query.value(9).toLongLong();
    record.arrival = static_cast<Arrival>(query.value(10).toInt());
    const QString name = query.value(11).toString();
    stored.deviceLabel = name.isEmpty() ? fallbackLabel(record.originDevice) : name;
    if (!query.isNull(12))
        stored.deliveredAt = query.value(12).toLongLong();
    if (!query.isNull(13)) // a code a later Huiji named reads as a refusal all the same
        stored.failure = Error{errorCodeFromName(query.value(13).toString()).value_or(ErrorCode::Forbidden),
                               query.value(14).toString()};
    return stored;
}

QString fallbackLabel(const QString &deviceId)
{
    return deviceId.left(8);
}

} // namespace huiji::recordRow

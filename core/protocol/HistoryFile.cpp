#include "protocol/HistoryFile.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

const QString formatName = u"huiji-history"_s;
constexpr int formatVersion = 1;

QString timeText(qint64 millis)
{
    return QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC).toString(Qt::ISODateWithMs);
}

std::optional<qint64> timeFromText(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

Result<Record> recordFromJson(const QJsonObject &object)
{
    Record record;
    const QString id = object.value(u"id").toString();
    if (!id.isEmpty()) {
        record.id = QUuid::fromString(id);
        if (record.id.isNull())
            return fail(ErrorCode::InvalidRecord, u"id \"%1\" is not a UUID"_s.arg(id));
    }
    record.account = object.value(u"account").toString();
    record.contact = object.value(u"contact").toString();
    record.sender = object.value(u"sender").toString();
    record.body = object.value(u"body").toString();
    record.originDevice = object.value(u"device").toString();

    const auto direction = directionFromName(object.value(u"direction").toString());
    if (!direction)
        return fail(ErrorCode::InvalidRecord, u"direction must be \"in\" or \"out\""_s);
    record.direction = *direction;

    const auto arrival = arrivalFromName(object.value(u"arrival").toString(u"imported"_s));
    if (!arrival)
        return fail(ErrorCode::InvalidRecord, u"unknown arrival"_s);
    record.arrival = *arrival;

    const auto deviceTime = timeFromText(object.value(u"time").toString());
    if (!deviceTime)
        return fail(ErrorCode::InvalidRecord, u"time is missing or not ISO 8601"_s);
    record.deviceTime = *deviceTime;
    if (object.contains(u"serverTime")) {
        record.serverTime = timeFromText(object.value(u"serverTime").toString());
        if (!record.serverTime)
            return fail(ErrorCode::InvalidRecord, u"serverTime is not ISO 8601"_s);
    }
    if (auto valid = validate(record); !valid)
        return std::unexpected(valid.error());
    return record;
}

} // namespace

QJsonObject HistoryFile::recordToJson(const Record &record)
{
    QJsonObject object{
        {u"account"_s, record.account},
        {u"contact"_s, record.contact},
        {u"direction"_s, directionName(record.direction)},
        {u"sender"_s, record.sender},
        {u"body"_s, record.body},
        {u"device"_s, record.originDevice},
        {u"time"_s, timeText(record.deviceTime)},
        {u"arrival"_s, arrivalName(record.arrival)},
    };
    if (!record.id.isNull())
        object.insert(u"id", record.id.toString(QUuid::WithoutBraces));
    if (record.serverTime)
        object.insert(u"serverTime", timeText(*record.serverTime));
    return object;
}

Result<HistoryFile> HistoryFile::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(ErrorCode::InvalidArgument,
                    u"not JSON: %1 at offset %2"_s
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    const QJsonObject root = document.object();
    if (root.value(u"format").toString() != formatName)
        return fail(ErrorCode::InvalidArgument, u"not a Huiji history file"_s);
    if (root.value(u"version").toInt() != formatVersion)
        return fail(ErrorCode::InvalidArgument,
                    u"history file version %1 is not supported"_s
                        .arg(root.value(u"version").toInt()));

    if (!root.value(u"records").isArray())
        return fail(ErrorCode::InvalidArgument, u"the history file has no list of records"_s);
    if (root.contains(u"devices") && !root.value(u"devices").isArray())
        return fail(ErrorCode::InvalidArgument, u"the devices of a history file must be a list"_s);

    HistoryFile file;
    for (const QJsonValue &value : root.value(u"devices").toArray()) {
        const QJsonObject device = value.toObject();
        file.devices.append({device.value(u"id").toString(), device.value(u"name").toString(),
                             device.value(u"platform").toString()});
        if (file.devices.last().id.isEmpty())
            return fail(ErrorCode::InvalidArgument,
                        u"device %1 has no id"_s.arg(file.devices.size()));
    }
    const QJsonArray records = root.value(u"records").toArray();
    file.records.reserve(records.size());
    for (qsizetype i = 0; i < records.size(); ++i) {
        auto record = recordFromJson(records.at(i).toObject());
        if (!record)
            return fail(record.error().code,
                        u"record %1: %2"_s.arg(i + 1).arg(record.error().message));
        file.records.append(std::move(*record));
    }
    return file;
}

QByteArray HistoryFile::toJson() const
{
    QJsonArray deviceArray;
    for (const DeviceInfo &device : devices)
        deviceArray.append(QJsonObject{
            {u"id"_s, device.id}, {u"name"_s, device.name}, {u"platform"_s, device.platform}});
    QJsonArray recordArray;
    for (const Record &record : records)
        recordArray.append(recordToJson(record));
    const QJsonObject root{{u"format"_s, formatName},
                           {u"version"_s, formatVersion},
                           {u"devices"_s, deviceArray},
                           {u"records"_s, recordArray}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace huiji

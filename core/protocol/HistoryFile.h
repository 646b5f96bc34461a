#pragma once

#include "protocol/DeviceInfo.h"
#include "protocol/Error.h"
#include "protocol/Record.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace huiji {

// A history as a JSON document: every field of every record plus the devices that label them,
// so that an export can be imported again without losing anything. Described in docs/history-file.md.
struct HistoryFile {
    QList<DeviceInfo> devices;
    QList<Record> records;

    static Result<HistoryFile> fromJson(const QByteArray &json);
    QByteArray toJson() const;

    // One record as the file writes it; others that print records as JSON use the same fields.
    static QJsonObject recordToJson(const Record &record);
};

} // namespace huiji

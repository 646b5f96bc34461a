#pragma once

#include "protocol/Error.h"
#include "protocol/Record.h"

#include <QCborMap>

namespace huiji {

// A record in a frame's body: the history file's field names, times as integer milliseconds and
// the id as its 16 bytes (docs/protocol.md).
class RecordCbor
{
public:
    static QCborMap toCbor(const Record &record);
    // Refuses a map without every field a record must have (validate()).
    static Result<Record> fromCbor(const QCborMap &map);
};

} // namespace huiji

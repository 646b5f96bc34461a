#pragma once

#include "protocol/Record.h"
#include "protocol/Wire.h"

#include <QCborArray>
#include <QList>

namespace huiji {

// One request's worth of records (forward, sync-upload), cut by count and by bytes so that the
// frame fits the server's limit (wire::Limits::batchBytes) whatever the bodies hold. A record over
// the limits is left out, and listed: the server would refuse it, and it fits no frame.
struct RecordBatch {
    QCborArray records;
    qsizetype next = 0;     // the index after the last record taken or left out
    QList<Record> refused; // left out, over the limits

    static RecordBatch from(const QList<Record> &records, qsizetype first, qsizetype maxRecords,
                            const wire::Limits &limits);
};

} // namespace huiji

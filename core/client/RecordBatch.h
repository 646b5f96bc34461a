#pragma once

#include "protocol/Record.h"

#include <QCborArray>
#include <QList>

namespace huiji {

// One request's worth of records (forward, sync-upload): at most a number of records and, past the
// first, at most maxBytes of CBOR, so that the frame stays well under the server's 1 MiB limit
// whatever the bodies hold.
struct RecordBatch {
    static constexpr qsizetype maxBytes = 256 * 1024;

    QCborArray records;
    qsizetype next = 0; // the index after the last record taken

    static RecordBatch from(const QList<Record> &records, qsizetype first, qsizetype maxRecords);
};

} // namespace huiji

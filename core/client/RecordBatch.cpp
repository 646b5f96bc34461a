#include "client/RecordBatch.h"

#include "protocol/RecordCbor.h"

#include <QCborMap>
#include <QCborValue>

namespace huiji {

RecordBatch RecordBatch::from(const QList<Record> &records, qsizetype first, qsizetype maxRecords)
{
    RecordBatch batch;
    qsizetype bytes = 0;
    for (batch.next = first; batch.next < records.size() && batch.records.size() < maxRecords; ++batch.next) {
        const QCborMap record = RecordCbor::toCbor(records.at(batch.next));
        const qsizetype size = record.toCborValue().toCbor().size();
        if (!batch.records.isEmpty() && bytes + size > maxBytes)
            break;
        batch.records.append(record);
        bytes += size;
    }
    return batch;
}

} // namespace huiji

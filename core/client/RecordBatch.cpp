#include "client/RecordBatch.h"

#include "protocol/RecordCbor.h"

namespace huiji {

RecordBatch RecordBatch::from(const QList<Record> &records, qsizetype first, qsizetype maxRecords,
                              const wire::Limits &limits)
{
    RecordBatch batch;
    qsizetype bytes = 0;
    for (batch.next = first; batch.next < records.size() && batch.records.size() < maxRecords; ++batch.next) {
        const Record &record = records.at(batch.next);
        const Result<qsizetype> size = limits.checkRecord(record);
        if (!size) {
            batch.refused.append(record);
            continue;
        }
        if (bytes + *size > limits.batchBytes())
            break; // a record within the limits fits alone: the next batch starts with it
        batch.records.append(RecordCbor::toCbor(record));
        bytes += *size;
    }
    return batch;
}

} // namespace huiji

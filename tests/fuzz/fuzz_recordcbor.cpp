// libFuzzer target: records in CBOR (RecordCbor), both ways. The input's first byte picks:
// - even: the rest is the CBOR of a record map, decoded as a receiver does (RecordChecks.h);
// - odd: the rest describes a record field by field (FuzzedDataProvider), which is encoded, sent
//   through bytes and decoded: it must come back equal exactly when it is valid (validate()), and
//   be refused as InvalidRecord otherwise.
// Either way a record's content key is 16 bytes that start with its device time, big-endian.

#include "RecordChecks.h"

#include <QtEndian>

#include <fuzzer/FuzzedDataProvider.h>

using namespace huiji;
using namespace huiji::fuzz;

namespace {

void checkContentKey(const Record &record)
{
    const QByteArray key = contentKey(record);
    require(key.size() == 16, "a content key is 16 bytes");
    require(qFromBigEndian<qint64>(key.constData()) == record.deviceTime, "a content key starts with the time");
}

QString text(FuzzedDataProvider &input)
{
    return QString::fromStdString(input.ConsumeRandomLengthString(64));
}

Record recordOf(FuzzedDataProvider &input)
{
    Record record;
    if (input.ConsumeBool()) {
        const std::vector<char> id = input.ConsumeBytes<char>(16);
        record.id = QUuid::fromRfc4122(QByteArrayView(id.data(), static_cast<qsizetype>(id.size())));
    }
    record.account = text(input);
    record.contact = text(input);
    record.direction = input.ConsumeBool() ? Direction::Incoming : Direction::Outgoing;
    record.sender = text(input);
    record.body = text(input);
    record.originDevice = text(input);
    record.deviceTime = input.ConsumeIntegral<qint64>();
    if (input.ConsumeBool())
        record.serverTime = input.ConsumeIntegral<qint64>();
    record.arrival = input.PickValueInArray(
        {Arrival::Local, Arrival::Relayed, Arrival::Collected, Arrival::Direct, Arrival::Imported});
    return record;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] % 2 == 0) {
        // As a receiver reads it: what does not parse is refused before anything looks into it
        // (FrameCodec), which matters: Qt 6.4 hands back a map that is read past its end after
        // an error in the middle of it.
        QCborParserError error;
        const QCborValue value = QCborValue::fromCbor(data + 1, static_cast<qsizetype>(size - 1), &error);
        if (error.error != QCborError::NoError)
            return 0;
        if (const auto record = checkedRecord(value.toMap()))
            checkContentKey(*record);
        return 0;
    }
    FuzzedDataProvider input(data + 1, size - 1);
    const Record record = recordOf(input);
    checkContentKey(record);
    const QByteArray bytes = QCborValue(RecordCbor::toCbor(record)).toCbor();
    const auto decoded = RecordCbor::fromCbor(QCborValue::fromCbor(bytes).toMap());
    if (validate(record))
        require(decoded && *decoded == record, "a valid record survives its encoding");
    else
        require(!decoded && decoded.error().code == ErrorCode::InvalidRecord, "an invalid record is refused");
    return 0;
}

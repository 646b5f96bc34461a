// libFuzzer target: every decoder of a wire message body (core/protocol/Wire.h, RecordCbor).
// Input: one frame's payload, as it follows the length header on the wire. It goes through the
// frame decoder, and then every body decoder reads the body and the fields that the receivers
// hand to them (docs/protocol.md): `contacts`, `devices`, `terminals`, `total`, `forwarding`,
// `record`, `records` (as a list of records and as a list of deliveries); the body's limits
// (`maxMessageBytes`, `maxFrameBytes`, as a `hello` answer has them) measure its records. Properties:
// - nothing crashes or invokes undefined behaviour, whatever the body holds;
// - each decoded value's own encoding decodes to the same value (nothing is lost or made up);
// - the limits a client takes work, and a record they let in fits a batch entry;
// - an enum name is taken only as the name the sender would write;
// - a refusal (forwarding policy, record) is InvalidArgument or InvalidRecord and says why.

#include "RecordChecks.h"

#include "protocol/FrameCodec.h"
#include "protocol/Wire.h"

#include <QtEndian>

using namespace huiji;
using namespace huiji::fuzz;
using namespace Qt::Literals::StringLiterals;

namespace {

template <typename Enum>
void checkName(const QCborValue &value, std::optional<Enum> (*fromName)(QStringView), QString (*nameOf)(Enum))
{
    const QString text = value.toString();
    if (const std::optional<Enum> parsed = fromName(text))
        require(nameOf(*parsed) == text, "an enum is read from its own name only");
}

void checkNames(const QCborMap &body)
{
    checkName(body.value(u"code"_s), errorCodeFromName, errorCodeName);
    checkName(body.value(u"state"_s), wire::contactStateFromName, wire::contactStateName);
    checkName(body.value(u"role"_s), wire::terminalRoleFromName, wire::terminalRoleName);
    checkName(body.value(u"order"_s), wire::deviceOrderFromName, wire::deviceOrderName);
    checkName(body.value(u"mode"_s), wire::forwardingModeFromName, wire::forwardingModeName);
    checkName(body.value(u"direction"_s), directionFromName, directionName);
    checkName(body.value(u"arrival"_s), arrivalFromName, arrivalName);
}

void checkError(const Frame &frame)
{
    const Error error = wire::errorOf(frame);
    require(error.retryAfter >= 0, "an error's wait is never negative");
    const Error again = wire::errorOf(wire::errorFrame(frame.requestId, error));
    require(again.code == error.code && again.message == error.message && again.retryAfter == error.retryAfter,
            "an error frame carries its error");
}

// The `hello` answer's limits: whatever a server announces, a client takes limits that carry the
// largest message in a frame (check()), within its floor and cap.
wire::Limits checkedLimits(const QCborMap &body)
{
    const wire::Limits limits = wire::Limits::fromCbor(body);
    require(limits.check().has_value(), "announced limits are taken only as limits that work");
    require(wire::Limits::fromCbor(limits.toCbor()) == limits, "limits survive their encoding");
    return limits;
}

void checkContacts(const QCborMap &body)
{
    const wire::ContactEntry entry = wire::contactFromCbor(body);
    require(wire::contactFromCbor(wire::toCbor(entry)) == entry, "a contact survives its encoding");
    const QList<wire::ContactEntry> entries = wire::contactsFromCbor(body.value(u"contacts"_s).toArray());
    require(wire::contactsFromCbor(wire::toCbor(entries)) == entries, "a contact list survives its encoding");
}

void checkDevice(const QCborMap &map)
{
    const DeviceInfo info = wire::deviceInfoFromCbor(map);
    require(wire::deviceInfoFromCbor(wire::toCbor(info)) == info, "a device survives its encoding");
    const wire::DeviceEntry entry = wire::deviceEntryFromCbor(map);
    require(wire::deviceEntryFromCbor(wire::toCbor(entry)) == entry, "a device entry survives its encoding");
}

void checkCounts(const QCborMap &body)
{
    const wire::CollectionCounts counts = wire::collectionCountsFromCbor(body);
    require(wire::collectionCountsFromCbor(wire::toCbor(counts)) == counts, "counts survive their encoding");
    // The storage terminal and the collecting device add up what the server reports (Collector).
    wire::CollectionCounts run;
    run += counts;
    run += wire::collectionCountsFromCbor(body.value(u"total"_s).toMap());
}

void checkTerminals(const QCborMap &body)
{
    const QList<wire::TerminalEntry> terminals = wire::terminalsFromCbor(body.value(u"terminals"_s).toArray());
    for (const wire::TerminalEntry &terminal : terminals)
        require(terminal.role != wire::TerminalRole::None, "a terminal list holds terminals only");
    require(wire::terminalsFromCbor(wire::toCbor(terminals)) == terminals, "terminals survive their encoding");
}

void checkForwarding(const QCborMap &map)
{
    const auto policy = wire::forwardingPolicyFromCbor(map);
    if (!policy) {
        require(policy.error().code == ErrorCode::InvalidArgument, "a policy is refused as InvalidArgument");
        require(!policy.error().message.isEmpty(), "a refused policy says why");
        return;
    }
    const auto again = wire::forwardingPolicyFromCbor(wire::toCbor(*policy));
    require(again && *again == *policy, "a policy survives its encoding");
}

// A record is measured where it enters (Limits::checkRecord): one that is let in must fit a batch
// entry, so that a batch cut by bytes always carries it, alone if need be.
void checkRecord(const QCborMap &map, const wire::Limits &limits)
{
    const auto record = checkedRecord(map);
    if (!record)
        return;
    const auto size = limits.checkRecord(*record);
    if (!size) {
        require(size.error().code == ErrorCode::InvalidRecord, "a record too large is refused as InvalidRecord");
        return;
    }
    require(*size == QCborValue(RecordCbor::toCbor(*record)).toCbor().size(), "a record's measure is its encoding");
    require(*size <= limits.maxEntryBytes(), "a record let in fits a batch entry");
}

void checkRecords(const QCborMap &body, const wire::Limits &limits)
{
    checkRecord(body.value(u"record"_s).toMap(), limits);
    for (const QCborValue &item : body.value(u"records"_s).toArray()) {
        checkRecord(item.toMap(), limits);                          // collect-upload, forward, sync, restore
        checkRecord(item.toMap().value(u"record"_s).toMap(), limits); // deliver
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(FrameCodec::headerSize, Qt::Uninitialized);
    qToBigEndian(static_cast<quint32>(size), bytes.data());
    bytes.append(bytesOf(data, size));
    FrameCodec codec;
    codec.append(bytes);
    const auto frame = codec.next();
    if (!frame || !frame->has_value())
        return 0;
    const QCborMap &body = (*frame)->body;
    checkError(**frame);
    checkNames(body);
    checkContacts(body);
    checkDevice(body);
    for (const QCborValue &device : body.value(u"devices"_s).toArray())
        checkDevice(device.toMap());
    checkCounts(body);
    checkTerminals(body);
    checkForwarding(body);
    checkForwarding(body.value(u"forwarding"_s).toMap());
    checkRecords(body, checkedLimits(body));
    return 0;
}

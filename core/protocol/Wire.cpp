#include "protocol/Wire.h"

#include "protocol/RecordCbor.h"

#include <QCborValue>
#include <QtNumeric>

#include <algorithm>
#include <array>
#include <limits>

namespace huiji::wire {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> fromName(QStringView name, const std::array<QString, N> &names)
{
    for (std::size_t index = 0; index < N; ++index)
        if (names[index] == name)
            return static_cast<Enum>(index);
    return std::nullopt;
}

const std::array<QString, 3> contactStateNames = {u"accepted"_s, u"outgoing"_s, u"incoming"_s};
const std::array<QString, 3> terminalRoleNames = {u"none"_s, u"primary"_s, u"secondary"_s};
const std::array<QString, 2> deviceOrderNames = {u"frequency"_s, u"recency"_s};
const std::array<QString, 4> forwardingModeNames = {u"at-once"_s, u"interval"_s, u"threshold"_s, u"on-close"_s};

std::unexpected<Error> bodyTooLarge(qsizetype limit, qsizetype bytes)
{
    return fail(ErrorCode::InvalidRecord,
                u"a message is at most %1 bytes of UTF-8 text; this one has %2"_s.arg(limit).arg(bytes));
}

} // namespace

qint64 integerOf(const QCborValue &value, qint64 fallback)
{
    return value.isInteger() ? value.toInteger() : fallback;
}

Frame errorFrame(qint64 requestId, const Error &failure)
{
    QCborMap body{{u"code"_s, errorCodeName(failure.code)}, {u"message"_s, failure.message}};
    if (failure.retryAfter > 0)
        body.insert(u"retryAfter"_s, failure.retryAfter);
    return {wire::error, requestId, body};
}

Error errorOf(const Frame &frame)
{
    const auto code = errorCodeFromName(frame.body.value(u"code"_s).toString());
    return {code.value_or(ErrorCode::ServerFailure), frame.body.value(u"message"_s).toString(),
            qMax(integerOf(frame.body.value(u"retryAfter"_s)), qint64{0})};
}

QString contactStateName(ContactState state)
{
    return contactStateNames[static_cast<std::size_t>(state)];
}

std::optional<ContactState> contactStateFromName(QStringView name)
{
    return fromName<ContactState>(name, contactStateNames);
}

QCborMap toCbor(const ContactEntry &entry)
{
    return {{u"user"_s, entry.user}, {u"state"_s, contactStateName(entry.state)}, {u"online"_s, entry.online}};
}

ContactEntry contactFromCbor(const QCborMap &map)
{
    return {map.value(u"user"_s).toString(),
            contactStateFromName(map.value(u"state"_s).toString()).value_or(ContactState::Accepted),
            map.value(u"online"_s).toBool()};
}

QCborArray toCbor(const QList<ContactEntry> &entries)
{
    QCborArray array;
    for (const ContactEntry &entry : entries)
        array.append(toCbor(entry));
    return array;
}

QList<ContactEntry> contactsFromCbor(const QCborArray &array)
{
    QList<ContactEntry> entries;
    for (const QCborValue &value : array)
        entries.append(contactFromCbor(value.toMap()));
    return entries;
}

QString terminalRoleName(TerminalRole role)
{
    return terminalRoleNames[static_cast<std::size_t>(role)];
}

std::optional<TerminalRole> terminalRoleFromName(QStringView name)
{
    return fromName<TerminalRole>(name, terminalRoleNames);
}

QCborMap toCbor(const DeviceInfo &info)
{
    return {{u"id"_s, info.id}, {u"name"_s, info.name}, {u"platform"_s, info.platform}};
}

DeviceInfo deviceInfoFromCbor(const QCborMap &map)
{
    return {map.value(u"id"_s).toString(), map.value(u"name"_s).toString(), map.value(u"platform"_s).toString()};
}

QCborMap toCbor(const DeviceEntry &entry)
{
    QCborMap map = toCbor(entry.info);
    map.insert(u"firstSeen"_s, entry.firstSeen);
    map.insert(u"lastSeen"_s, entry.lastSeen);
    map.insert(u"uses"_s, entry.uses);
    map.insert(u"role"_s, terminalRoleName(entry.role));
    map.insert(u"online"_s, entry.online);
    QCborArray daily;
    for (const qint64 uses : entry.daily)
        daily.append(uses);
    map.insert(u"daily"_s, daily);
    map.insert(u"signedIn"_s, entry.signedIn);
    return map;
}

DeviceEntry deviceEntryFromCbor(const QCborMap &map)
{
    return {deviceInfoFromCbor(map),
            integerOf(map.value(u"firstSeen"_s)),
            integerOf(map.value(u"lastSeen"_s)),
            integerOf(map.value(u"uses"_s)),
            terminalRoleFromName(map.value(u"role"_s).toString()).value_or(TerminalRole::None),
            map.value(u"online"_s).toBool(),
            [&] {
                QList<qint64> daily;
                for (const QCborValue &uses : map.value(u"daily"_s).toArray())
                    daily.append(integerOf(uses));
                return daily;
            }(),
            map.value(u"signedIn"_s).toBool()};
}

CollectionCounts &CollectionCounts::operator+=(const CollectionCounts &other)
{
    // The counts come from the peer (the client adds up the server's answers): absurd ones must
    // not overflow, so the sums stop at the ends of qint64.
    const auto add = [](qint64 &sum, qint64 more) {
        if (qAddOverflow(sum, more, &sum))
            sum = more > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    };
    add(received, other.received);
    add(duplicates, other.duplicates);
    add(added, other.added);
    add(refused, other.refused);
    add(conflicts, other.conflicts);
    return *this;
}

QCborMap toCbor(const CollectionCounts &counts)
{
    return {{u"received"_s, counts.received}, {u"duplicate"_s, counts.duplicates}, {u"new"_s, counts.added},
            {u"refused"_s, counts.refused}, {u"conflicts"_s, counts.conflicts}};
}

CollectionCounts collectionCountsFromCbor(const QCborMap &map)
{
    return {integerOf(map.value(u"received"_s)), integerOf(map.value(u"duplicate"_s)),
            integerOf(map.value(u"new"_s)), integerOf(map.value(u"refused"_s)), integerOf(map.value(u"conflicts"_s))};
}

Result<void> Limits::check() const
{
    if (maxMessageBytes < 1)
        return fail(ErrorCode::InvalidArgument, u"the message size limit must be at least one byte"_s);
    if (maxFrameBytes < minFrameBytes || maxFrameBytes > maxFrameBytesCap)
        return fail(ErrorCode::InvalidArgument, u"the frame limit is %1 to %2 bytes, not %3"_s.arg(minFrameBytes)
                                                    .arg(maxFrameBytesCap)
                                                    .arg(maxFrameBytes));
    if (maxFrameBytes < maxMessageBytes + recordOverheadBytes)
        return fail(ErrorCode::InvalidArgument,
                    u"a frame limit of %1 bytes cannot carry a message of %2 bytes: it must be at least %3 "
                    "(the message and %4 bytes for its record, device label and frame)"_s.arg(maxFrameBytes)
                        .arg(maxMessageBytes)
                        .arg(maxMessageBytes + recordOverheadBytes)
                        .arg(recordOverheadBytes));
    return {};
}

Result<qsizetype> Limits::checkBody(const QString &body) const
{
    const qsizetype bytes = body.toUtf8().size();
    if (bytes > maxMessageBytes)
        return bodyTooLarge(maxMessageBytes, bytes);
    return bytes;
}

Result<qsizetype> Limits::checkRecord(const Record &record) const
{
    const qsizetype body = record.body.toUtf8().size();
    if (body > maxMessageBytes)
        return bodyTooLarge(maxMessageBytes, body);
    const qsizetype bytes = RecordCbor::toCbor(record).toCborValue().toCbor().size();
    if (bytes - body > recordFieldsBytes)
        return fail(ErrorCode::InvalidRecord, u"a record's fields other than its body are at most %1 bytes; this "
                                              "one's have %2"_s.arg(recordFieldsBytes)
                                                  .arg(bytes - body));
    return bytes;
}

QCborMap Limits::toCbor() const
{
    return {{u"maxMessageBytes"_s, maxMessageBytes}, {u"maxFrameBytes"_s, maxFrameBytes}};
}

Limits Limits::fromCbor(const QCborMap &answer)
{
    Limits limits;
    const auto announced = [&answer](const QString &key, qsizetype fallback) {
        return static_cast<qsizetype>(integerOf(answer.value(key), fallback));
    };
    limits.maxFrameBytes = std::clamp(announced(u"maxFrameBytes"_s, defaultFrameBytes), minFrameBytes, maxFrameBytesCap);
    limits.maxMessageBytes = std::clamp(announced(u"maxMessageBytes"_s, defaultMessageBytes), qsizetype{1},
                                        limits.maxFrameBytes - recordOverheadBytes);
    return limits;
}

QCborArray toCbor(const QList<TerminalEntry> &terminals)
{
    QCborArray array;
    for (const TerminalEntry &entry : terminals)
        array.append(QCborMap{{u"device"_s, entry.device}, {u"role"_s, terminalRoleName(entry.role)}});
    return array;
}

QList<TerminalEntry> terminalsFromCbor(const QCborArray &array)
{
    QList<TerminalEntry> terminals;
    for (const QCborValue &value : array) {
        const QCborMap map = value.toMap();
        const auto role = terminalRoleFromName(map.value(u"role"_s).toString());
        if (role && *role != TerminalRole::None)
            terminals.append({map.value(u"device"_s).toString(), *role});
    }
    return terminals;
}

QString deviceOrderName(DeviceOrder order)
{
    return deviceOrderNames[static_cast<std::size_t>(order)];
}

std::optional<DeviceOrder> deviceOrderFromName(QStringView name)
{
    return fromName<DeviceOrder>(name, deviceOrderNames);
}

QString forwardingModeName(ForwardingPolicy::Mode mode)
{
    return forwardingModeNames[static_cast<std::size_t>(mode)];
}

std::optional<ForwardingPolicy::Mode> forwardingModeFromName(QStringView name)
{
    return fromName<ForwardingPolicy::Mode>(name, forwardingModeNames);
}

QCborMap toCbor(const ForwardingPolicy &policy)
{
    return {{u"mode"_s, forwardingModeName(policy.mode)}, {u"amount"_s, policy.amount}};
}

Result<ForwardingPolicy> forwardingPolicyFromCbor(const QCborMap &map)
{
    const auto mode = forwardingModeFromName(map.value(u"mode"_s).toString());
    if (!mode)
        return fail(ErrorCode::InvalidArgument, u"the forwarding mode is at-once, interval, threshold or on-close"_s);
    ForwardingPolicy policy{*mode, 0};
    if (*mode == ForwardingPolicy::Mode::Interval || *mode == ForwardingPolicy::Mode::Threshold) {
        const bool minutes = *mode == ForwardingPolicy::Mode::Interval;
        const qint64 fallback = minutes ? ForwardingPolicy::defaultMinutes : ForwardingPolicy::defaultCharacters;
        // An amount that is there but no integer is out of range (0), not the default.
        const QCborValue amount = map.value(u"amount"_s);
        policy.amount = amount.isUndefined() ? fallback : integerOf(amount);
        if (policy.amount < 1 || policy.amount > (minutes ? 1440 : 1'000'000))
            return fail(ErrorCode::InvalidArgument, minutes ? u"the interval is 1 to 1440 minutes"_s
                                                            : u"the threshold is 1 to 1,000,000 characters"_s);
    }
    return policy;
}

} // namespace huiji::wire

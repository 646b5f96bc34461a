#include "server/engine/DeliveryStream.h"

#include "server/ServerConfig.h"
#include "server/ServerLog.h"

#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

DeliveryStream::Limits DeliveryStream::limitsOf(const ServerConfig &config)
{
    const wire::Limits limits = config.limits();
    return {config.deliveryBatch, config.deliveryWindow, limits.batchBytes(), limits.maxEntryBytes(),
            config.deliveryWindowBytes};
}

DeliveryStream::DeliveryStream(qint64 deviceKey, QString account, QString deviceId, qint64 pending, Limits limits)
    : m_deviceKey(deviceKey), m_account(std::move(account)), m_deviceId(std::move(deviceId)), m_limits(limits),
      m_remaining(pending)
{
}

bool DeliveryStream::windowHasRoom() const
{
    // Room for the largest entry, so that whatever comes next fits; an empty window takes anything.
    return m_inFlight.isEmpty()
        || (m_inFlight.size() < m_limits.window && m_bytesInFlight + m_limits.entryBytes <= m_limits.windowBytes);
}

bool DeliveryStream::takesLive() const
{
    const bool frameHasRoom = m_batch.isEmpty()
        || m_batchBytes + m_limits.entryBytes + wire::Limits::labelBytes <= m_limits.frameBytes;
    return m_caughtUp && windowHasRoom() && batchHasRoom() && frameHasRoom;
}

DeliveryStream::Entry DeliveryStream::entryFor(const Mailbox::Message &message) const
{
    const Record record = Mailbox::recordFor(message, m_account, m_deviceId);
    Entry entry{message.seq, QCborMap{{u"seq"_s, message.seq}, {u"record"_s, RecordCbor::toCbor(record)}}, 0,
                record.originDevice};
    entry.bytes = entry.map.toCborValue().toCbor().size();
    return entry;
}

bool DeliveryStream::fits(const Entry &entry) const
{
    if (!batchHasRoom() || m_inFlight.size() >= m_limits.window)
        return false;
    const qsizetype label = m_batchDevices.contains(entry.device) ? 0 : wire::Limits::labelBytes;
    // The first entry of a frame and of the window always goes, so the stream never stops at a
    // record; every record enters within the limits, so it fits alone.
    if (!m_batch.isEmpty() && m_batchBytes + entry.bytes + label > m_limits.frameBytes)
        return false;
    return m_inFlight.isEmpty() || m_bytesInFlight + entry.bytes <= m_limits.windowBytes;
}

void DeliveryStream::add(const Mailbox::Message &message)
{
    add(entryFor(message));
}

void DeliveryStream::add(Entry entry)
{
    if (!m_batchDevices.contains(entry.device)) {
        m_batchDevices.insert(entry.device);
        m_batchBytes += wire::Limits::labelBytes;
    }
    m_batchBytes += entry.bytes;
    if (m_batch.isEmpty() && m_batchBytes > m_limits.frameBytes)
        qCWarning(lcServerRelay) << "a record of" << entry.bytes << "bytes, from before the limits were lowered,"
                                 << "goes alone in a frame over the limit";
    m_batch.append(std::move(entry.map));
    if (!m_inFlight.contains(entry.seq)) { // held again while in flight: it is acked once
        m_inFlight.insert(entry.seq, entry.bytes);
        m_bytesInFlight += entry.bytes;
    }
    m_cursor = std::max(m_cursor, entry.seq);
    m_remaining = std::max<qint64>(0, m_remaining - 1);
}

void DeliveryStream::held(const QList<qint64> &seqs)
{
    for (const qint64 seq : seqs)
        if (seq <= m_cursor)
            m_reheld.append(seq);
    m_remaining += seqs.size();
    m_caughtUp = false;
}

Result<void> DeliveryStream::refill(const Mailbox &mailbox)
{
    // What does not fit this turn's frame or the window is read again in a later turn.
    while (!m_reheld.isEmpty()) {
        auto message = mailbox.queued(m_deviceKey, m_reheld.first());
        if (!message)
            return std::unexpected(message.error());
        if (*message) {
            Entry entry = entryFor(**message);
            if (!fits(entry))
                return {};
            add(std::move(entry));
        }
        m_reheld.removeFirst();
    }
    if (m_caughtUp || !windowHasRoom() || !batchHasRoom())
        return {};
    const auto limit = static_cast<int>(
        std::min<qsizetype>(m_limits.batch - m_batch.size(), m_limits.window - m_inFlight.size()));
    auto read = mailbox.pending(m_deviceKey, m_cursor, limit);
    if (!read)
        return std::unexpected(read.error());
    for (const Mailbox::Message &message : std::as_const(*read)) {
        Entry entry = entryFor(message);
        if (!fits(entry))
            return {}; // after the cursor: read again next turn
        add(std::move(entry));
    }
    if (read->size() < limit)
        m_caughtUp = true;
    return {};
}

void DeliveryStream::acknowledged(const QList<qint64> &seqs)
{
    for (const qint64 seq : seqs)
        if (const auto sent = m_inFlight.constFind(seq); sent != m_inFlight.cend()) {
            m_bytesInFlight -= *sent;
            m_inFlight.erase(sent);
        }
}

QCborMap DeliveryStream::takeBatch(const QList<DeviceRegistry::Device> &devices)
{
    QCborArray labels;
    for (const DeviceRegistry::Device &device : devices)
        if (m_batchDevices.contains(device.info.id))
            labels.append(wire::toCbor(device.info));
    QCborMap body{{u"records"_s, m_batch}, {u"devices"_s, labels}, {u"remaining"_s, m_remaining}};
    dropBatch();
    return body;
}

void DeliveryStream::dropBatch()
{
    m_batch = {};
    m_batchBytes = 0;
    m_batchDevices.clear();
}

} // namespace huiji

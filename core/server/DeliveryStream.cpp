#include "server/DeliveryStream.h"

#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

DeliveryStream::DeliveryStream(qint64 deviceKey, QString account, QString deviceId, qint64 pending, Limits limits)
    : m_deviceKey(deviceKey), m_account(std::move(account)), m_deviceId(std::move(deviceId)), m_limits(limits),
      m_remaining(pending)
{
}

void DeliveryStream::add(const Mailbox::Message &message)
{
    const Record record = Mailbox::recordFor(message, m_account, m_deviceId);
    m_batch.append(QCborMap{{u"seq"_s, message.seq}, {u"record"_s, RecordCbor::toCbor(record)}});
    m_batchDevices.insert(record.originDevice);
    m_cursor = std::max(m_cursor, message.seq);
    m_unacked.insert(message.seq);
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
    while (!m_reheld.isEmpty() && m_unacked.size() < m_limits.window && m_batch.size() < m_limits.batch) {
        auto message = mailbox.queued(m_deviceKey, m_reheld.takeFirst());
        if (!message)
            return std::unexpected(message.error());
        if (*message)
            add(**message);
    }
    while (!m_caughtUp && m_unacked.size() < m_limits.window) {
        const int limit = std::min<int>(m_limits.batch, static_cast<int>(m_limits.window - m_unacked.size()));
        auto read = mailbox.pending(m_deviceKey, m_cursor, limit);
        if (!read)
            return std::unexpected(read.error());
        for (const Mailbox::Message &message : std::as_const(*read))
            add(message);
        if (read->size() < limit) {
            m_caughtUp = m_reheld.isEmpty(); // those held again that did not fit go next turn
            break;
        }
        if (m_batch.size() >= m_limits.batch)
            break; // one batch a turn: it goes out while the next turn reads the next

    }
    return {};
}

void DeliveryStream::acknowledged(const QList<qint64> &seqs)
{
    for (const qint64 seq : seqs)
        m_unacked.remove(seq);
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
    m_batchDevices.clear();
}

} // namespace huiji

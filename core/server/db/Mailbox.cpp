#include "server/db/Mailbox.h"

#include "sql/SqlDatabase.h"

#include "protocol/RecordCbor.h"

#include <QCborValue>

#include <QSqlError>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// The columns decode() reads, in its order.
const QString messageColumns = u"m.seq, m.uid, m.sender, m.recipient, m.sender_device, m.body, m.device_time,"
                               " m.server_time, m.seen_by, m.collected_by, m.origin_server_time, m.record"_s;
const QString selectPending = u"SELECT "_s + messageColumns
                              + u" FROM inbox i JOIN messages m ON m.seq = i.seq"
                                " WHERE i.device_key = ? AND i.seq > ? ORDER BY i.seq LIMIT ?"_s;
const QString selectQueued = u"SELECT "_s + messageColumns
                             + u" FROM inbox i JOIN messages m ON m.seq = i.seq WHERE i.device_key = ? AND i.seq = ?"_s;
const QString selectById = u"SELECT "_s + messageColumns + u" FROM messages m WHERE m.owner = ? AND m.uid = ?"_s;
// Relayed: neither collected nor synchronised, so both accounts of the conversation saw it here.
const QString selectRelayed = u"SELECT "_s + messageColumns
                              + u" FROM messages m WHERE m.owner = ? AND m.uid = ? AND m.recipient = ?"
                                " AND m.collected_by IS NULL AND m.record IS NULL"_s;

QVariant nullable(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

Mailbox::Mailbox(SqlDatabase &database) : m_database(database) {}

Record Mailbox::recordFor(const Message &message, const QString &account, const QString &receivingDevice)
{
    if (!message.record.isEmpty()) {
        // Stored only after it parsed (TerminalRequests::syncUpload, Collections::take): a failure
        // here is a damaged row. A direct record kept as one side saw it is that side's only.
        auto kept = RecordCbor::fromCbor(QCborValue::fromCbor(message.record).toMap());
        if (kept && kept->account == account)
            return *kept;
    }
    Record record;
    record.id = message.id;
    record.account = account;
    record.sender = message.sender;
    record.body = message.body;
    record.deviceTime = message.deviceTime;
    const bool collected = !message.collectedBy.isEmpty();
    record.serverTime = collected ? message.originServerTime : std::optional(message.serverTime);
    record.arrival = collected ? Arrival::Collected : Arrival::Relayed;
    const bool sent = message.sender == account;
    record.direction = sent ? Direction::Outgoing : Direction::Incoming;
    record.contact = sent ? message.recipient : message.sender;
    record.originDevice = sent ? message.senderDevice : message.seenBy.isEmpty() ? receivingDevice : message.seenBy;
    if (collected && record.id == contentId(record))
        record.id = QUuid(); // it came without an id; the one it is filed under is not the device's
    return record;
}

QUuid Mailbox::contentId(const Record &record)
{
    QByteArray bytes = contentKey(record);
    bytes[6] = static_cast<char>(0x80 | (bytes[6] & 0x0f)); // version 8: made here, not by a device
    bytes[8] = static_cast<char>(0x80 | (bytes[8] & 0x3f)); // RFC 9562 variant
    return QUuid::fromRfc4122(bytes);
}

Mailbox::Message Mailbox::decode(const QSqlQuery &row)
{
    Message message{row.value(0).toLongLong(), QUuid::fromRfc4122(row.value(1).toByteArray()),
                    row.value(2).toString(),   row.value(3).toString(),
                    row.value(4).toString(),   row.value(5).toString(),
                    row.value(6).toLongLong(), row.value(7).toLongLong(),
                    row.value(8).toString(),   row.value(9).toString(),
                    std::nullopt,
                    row.value(11).toByteArray()};
    if (!row.isNull(10))
        message.originServerTime = row.value(10).toLongLong();
    return message;
}

Result<void> Mailbox::load()
{
    QSqlQuery highest = m_database.query();
    if (!highest.exec(u"SELECT COALESCE(MAX(seq), 0) FROM messages"_s) || !highest.next())
        return std::unexpected(m_database.error(highest.lastError(), u"read the message sequence"_s));
    m_lastSeq = highest.value(0).toLongLong();
    return {};
}

Result<Mailbox::Stored> Mailbox::store(const QString &owner, Message message)
{
    // Insert first and look only when nothing was inserted: resends after a lost ack are rare, so
    // the common case is one statement.
    auto insert = m_insertMessage.get(m_database,
                                      u"INSERT INTO messages (seq, owner, uid, sender, recipient, sender_device, body,"
                                      " device_time, server_time, seen_by, collected_by, origin_server_time, record)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                      " ON CONFLICT (owner, uid) DO NOTHING"_s);
    if (!insert)
        return std::unexpected(insert.error());
    message.seq = m_lastSeq + 1;
    const QVariant values[] = {message.seq,
                               owner,
                               message.id.toRfc4122(),
                               message.sender,
                               message.recipient,
                               message.senderDevice,
                               message.body,
                               message.deviceTime,
                               message.serverTime,
                               nullable(message.seenBy),
                               nullable(message.collectedBy),
                               message.originServerTime ? QVariant(*message.originServerTime)
                                                        : QVariant(QMetaType::fromType<qint64>()),
                               message.record.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>())
                                                        : QVariant(message.record)};
    for (int index = 0; const QVariant &value : values)
        (*insert)->bindValue(index++, value);
    if (auto done = m_database.exec(**insert); !done)
        return std::unexpected(done.error());
    if ((*insert)->numRowsAffected() == 1) {
        m_lastSeq = message.seq;
        return Stored{message.seq, message.serverTime, false};
    }
    auto find = m_findId.get(m_database, u"SELECT seq, server_time FROM messages WHERE owner = ? AND uid = ?"_s);
    if (!find)
        return std::unexpected(find.error());
    (*find)->bindValue(0, owner);
    (*find)->bindValue(1, message.id.toRfc4122());
    if (auto done = m_database.exec(**find); !done)
        return std::unexpected(done.error());
    if (!(*find)->next())
        return std::unexpected(Error{ErrorCode::ServerFailure, u"a message id was taken and is not there"_s});
    Stored before{(*find)->value(0).toLongLong(), (*find)->value(1).toLongLong(), true};
    (*find)->finish();
    return before;
}

Result<void> Mailbox::enqueue(qint64 deviceKey, qint64 seq, std::optional<qint64> expires)
{
    auto insert = m_insertInbox.get(m_database, u"INSERT INTO inbox (device_key, seq, expires) VALUES (?, ?, ?)"
                                                " ON CONFLICT (device_key, seq) DO NOTHING"_s);
    if (!insert)
        return std::unexpected(insert.error());
    (*insert)->bindValue(0, deviceKey);
    (*insert)->bindValue(1, seq);
    (*insert)->bindValue(2, expires ? QVariant(*expires) : QVariant(QMetaType::fromType<qint64>()));
    return m_database.exec(**insert);
}

Result<QList<Mailbox::Message>> Mailbox::pending(qint64 deviceKey, qint64 afterSeq, int limit) const
{
    auto select = m_pending.get(m_database, selectPending);
    if (!select)
        return std::unexpected(select.error());
    (*select)->bindValue(0, deviceKey);
    (*select)->bindValue(1, afterSeq);
    (*select)->bindValue(2, limit);
    if (auto done = m_database.exec(**select); !done)
        return std::unexpected(done.error());
    QList<Message> messages;
    QSqlQuery &row = **select;
    while (row.next())
        messages.append(decode(row));
    row.finish();
    return messages;
}

Result<qint64> Mailbox::pendingCount(qint64 deviceKey) const
{
    auto count = m_database.prepare(u"SELECT COUNT(*) FROM inbox WHERE device_key = ?"_s);
    if (!count)
        return std::unexpected(count.error());
    count->addBindValue(deviceKey);
    if (auto done = m_database.exec(*count); !done)
        return std::unexpected(done.error());
    return count->next() ? count->value(0).toLongLong() : 0;
}

Result<std::optional<Mailbox::Message>> Mailbox::first(KeptQuery &kept, const QString &sql,
                                                       std::initializer_list<QVariant> values) const
{
    auto select = kept.get(m_database, sql);
    if (!select)
        return std::unexpected(select.error());
    for (int index = 0; const QVariant &value : values)
        (*select)->bindValue(index++, value);
    if (auto done = m_database.exec(**select); !done)
        return std::unexpected(done.error());
    std::optional<Message> found;
    if ((*select)->next())
        found = decode(**select);
    (*select)->finish();
    return found;
}

Result<std::optional<Mailbox::Message>> Mailbox::find(const QString &owner, const QUuid &id) const
{
    return first(m_findMessage, selectById, {owner, id.toRfc4122()});
}

Result<std::optional<Mailbox::Message>> Mailbox::findRelayed(const QString &sender, const QUuid &id,
                                                             const QString &recipient) const
{
    return first(m_findRelayed, selectRelayed, {sender, id.toRfc4122(), recipient});
}

bool Mailbox::sameContent(const Message &stored, const Message &offered)
{
    return stored.sender == offered.sender && stored.recipient == offered.recipient && stored.body == offered.body
           && stored.deviceTime == offered.deviceTime;
}

Result<std::optional<Mailbox::Message>> Mailbox::queued(qint64 deviceKey, qint64 seq) const
{
    return first(m_queued, selectQueued, {deviceKey, seq});
}

Result<bool> Mailbox::relayCollected(qint64 seq, const Message &sent)
{
    auto update = m_database.prepare(u"UPDATE messages SET collected_by = NULL, origin_server_time = NULL, record = NULL,"
                                     " server_time = ?, sender_device = ?"
                                     " WHERE seq = ? AND collected_by IS NOT NULL AND sender = ? AND recipient = ?"_s);
    if (!update)
        return std::unexpected(update.error());
    for (const QVariant &value : {QVariant(sent.serverTime), QVariant(sent.senderDevice), QVariant(seq),
                                  QVariant(sent.sender), QVariant(sent.recipient)})
        update->addBindValue(value);
    if (auto done = m_database.exec(*update); !done)
        return std::unexpected(done.error());
    return update->numRowsAffected() == 1;
}

Result<QList<Mailbox::Seen>> Mailbox::acknowledge(qint64 deviceKey, const QString &deviceId, const QString &account,
                                                const QList<qint64> &seqs)
{
    auto erase = m_deleteInbox.get(m_database, u"DELETE FROM inbox WHERE device_key = ? AND seq = ?"_s);
    if (!erase)
        return std::unexpected(erase.error());
    auto seen = m_markSeen.get(m_database, u"UPDATE messages SET seen_by = ? WHERE seq = ? AND recipient = ?"
                                           " AND seen_by IS NULL RETURNING uid, sender"_s);
    if (!seen)
        return std::unexpected(seen.error());
    QList<Seen> first;
    for (qint64 seq : seqs) {
        (*erase)->bindValue(0, deviceKey);
        (*erase)->bindValue(1, seq);
        if (auto done = m_database.exec(**erase); !done)
            return std::unexpected(done.error());
        (*seen)->bindValue(0, deviceId);
        (*seen)->bindValue(1, seq);
        (*seen)->bindValue(2, account);
        if (auto done = m_database.exec(**seen); !done)
            return std::unexpected(done.error());
        if ((*seen)->next())
            first.append({QUuid::fromRfc4122((*seen)->value(0).toByteArray()), (*seen)->value(1).toString()});
        (*seen)->finish();
    }
    return first;
}

Result<void> Mailbox::hold(qint64 deviceKey)
{
    auto update = m_database.prepare(u"UPDATE inbox SET expires = NULL WHERE device_key = ?"_s);
    if (!update)
        return std::unexpected(update.error());
    update->addBindValue(deviceKey);
    return m_database.exec(*update);
}

Result<void> Mailbox::release(qint64 deviceKey, qint64 expires)
{
    auto update = m_database.prepare(u"UPDATE inbox SET expires = ? WHERE device_key = ? AND expires IS NULL"_s);
    if (!update)
        return std::unexpected(update.error());
    update->addBindValue(expires);
    update->addBindValue(deviceKey);
    return m_database.exec(*update);
}

Result<qint64> Mailbox::purge(qint64 now, qint64 before)
{
    auto expired = m_database.prepare(u"DELETE FROM inbox WHERE expires IS NOT NULL AND expires < ?"_s);
    if (!expired)
        return std::unexpected(expired.error());
    expired->addBindValue(now);
    if (auto done = m_database.exec(*expired); !done)
        return std::unexpected(done.error());
    const qint64 dropped = expired->numRowsAffected();
    auto unused = m_database.prepare(u"DELETE FROM messages WHERE server_time < ?"
                                     " AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.seq = messages.seq)"_s);
    if (!unused)
        return std::unexpected(unused.error());
    unused->addBindValue(before);
    if (auto done = m_database.exec(*unused); !done)
        return std::unexpected(done.error());
    return dropped + unused->numRowsAffected();
}

} // namespace huiji

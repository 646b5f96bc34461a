#pragma once

#include "server/db/KeptQuery.h"

#include "protocol/Error.h"
#include "protocol/Record.h"

#include <QByteArray>
#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QUuid>
#include <QVariant>

#include <initializer_list>
#include <optional>

namespace huiji {

class SqlDatabase;

// Messages the server relayed (claim 10), each stored once, and the inbox that says which device
// still has to get which message: queued for ordinary devices until an expiry, held without one
// for storage terminals until they ack (claim 1 step 3, S270). Sequence numbers are assigned here
// and only grow, so a device's deliveries can be read in order after a cursor.
class Mailbox
{
public:
    struct Message {
        qint64 seq = 0;
        QUuid id;
        QString sender;
        QString recipient;
        QString senderDevice;
        QString body;
        qint64 deviceTime = 0;
        qint64 serverTime = 0; // when this server stored it
        QString seenBy; // the recipient's device that acked it first, if any
        // Set for a record a device handed over on a collection request (claim 13) rather than one
        // relayed here: that device, and the server time the record carried, if it had one.
        QString collectedBy;
        std::optional<qint64> originServerTime;
        // Set for a record the account's primary storage terminal synchronised to its secondaries
        // (claims 2-4): the record as the primary keeps it (RecordCbor), delivered as it is. Set
        // too for a record a device handed over that it saw on a direct link (claim 11): its
        // account's devices get it as that device kept it.
        QByteArray record;
    };
    struct Stored {
        qint64 seq = 0;
        qint64 serverTime = 0;
        bool duplicate = false; // the id was stored before: nothing new to deliver
    };

    explicit Mailbox(SqlDatabase &database);

    // A message as one account's device receives it: outgoing for the sender's devices, labelled
    // with the device that sent it; incoming for the recipient's, labelled with the recipient's
    // device that saw it first (acked it), or, while none has, the device receiving it.
    // A collected record keeps the server time it came with (or none) and comes without an id when
    // it came without one.
    // A synchronised record is delivered exactly as the primary sent it, a direct one to its
    // account exactly as the device that handed it over kept it.
    static Record recordFor(const Message &message, const QString &account, const QString &receivingDevice);
    // The id a record without one is stored under: a version-8 UUID made of its content key, so the
    // same record handed over twice is one message.
    static QUuid contentId(const Record &record);
    Result<void> load(); // reads the highest sequence number in use

    // Stores a message under the account that owns its id (seq is assigned), or finds the one that
    // account stored with this id before. Ids are the owner's: the sender's for a relayed message,
    // the handing-over account's for a collected, forwarded or synchronised record, so one account
    // can never collide with, suppress or replace another's records.
    Result<Stored> store(const QString &owner, Message message);
    Result<void> enqueue(qint64 deviceKey, qint64 seq, std::optional<qint64> expires);
    // Up to limit deliveries of a device after a sequence number, in order.
    Result<QList<Message>> pending(qint64 deviceKey, qint64 afterSeq, int limit) const;
    Result<qint64> pendingCount(qint64 deviceKey) const;
    Result<std::optional<Message>> find(const QString &owner, const QUuid &id) const;
    // The message `sender` relayed to `recipient` under this id, if there is one: a record the
    // recipient's device hands over may be that message, and then it is not stored again.
    Result<std::optional<Message>> findRelayed(const QString &sender, const QUuid &id, const QString &recipient) const;
    // Whether two messages say the same thing: the same conversation, direction, body and device
    // time. Labels and server times may differ between two devices' copies of one record.
    static bool sameContent(const Message &stored, const Message &offered);
    // One delivery of a device, by its sequence number; none when it is not queued for it.
    Result<std::optional<Message>> queued(qint64 deviceKey, qint64 seq) const;
    // A message sent for relay whose id was stored before only as a collected record: its sender's
    // device handed it over (claim 13) before its outbox got it here, so it was held for a storage
    // terminal and reached nobody else. From now on it is a relayed message of this server time;
    // false when the stored message is not a collected one of this conversation.
    Result<bool> relayCollected(qint64 seq, const Message &sent);
    // A message that reached one of its recipient's devices for the first time.
    struct Seen {
        QUuid id;
        QString sender;
    };
    // Removes the device's deliveries of these messages; the first of the recipient's devices to
    // ack a message is remembered as the device that saw it, and the message is returned.
    Result<QList<Seen>> acknowledge(qint64 deviceKey, const QString &deviceId, const QString &account,
                                    const QList<qint64> &seqs);
    // A device becomes a storage terminal: what is queued for it is held without expiry. And back.
    Result<void> hold(qint64 deviceKey);
    Result<void> release(qint64 deviceKey, qint64 expires);
    // Drops expired queue rows and the messages nothing refers to any more that are older than
    // `before` (kept until then to recognise resends); returns the number of rows dropped.
    Result<qint64> purge(qint64 now, qint64 before);

private:
    static Message decode(const QSqlQuery &row); // the columns of messageColumns, in order
    // The first row of a select of messageColumns, its parameters bound in order.
    Result<std::optional<Message>> first(KeptQuery &kept, const QString &sql,
                                         std::initializer_list<QVariant> values) const;

    SqlDatabase &m_database;
    qint64 m_lastSeq = 0;
    mutable KeptQuery m_findId, m_insertMessage, m_insertInbox, m_pending, m_deleteInbox, m_markSeen,
        m_findMessage, m_findRelayed, m_queued;
};

} // namespace huiji

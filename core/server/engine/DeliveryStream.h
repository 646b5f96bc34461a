#pragma once

#include "server/db/DeviceRegistry.h"
#include "server/db/Mailbox.h"

#include <QCborArray>
#include <QCborMap>
#include <QHash>
#include <QSet>

namespace huiji {

struct ServerConfig;

// What one logged-in device is being sent of its inbox (S270): held and queued records read in
// sequence order from the mailbox, then live messages joining the same ordered stream once it has
// caught up, so a device never sees a message twice or out of order (except an old message that a
// collection holds for it again: it comes when it is held). The records of one hub turn go out as
// one deliver frame, cut by count and by bytes so that it fits the frame limit with its labels;
// what does not fit waits in the inbox for the next turn. At most `window` records, and
// `windowBytes` of them, are sent and not yet acked at a time.
class DeliveryStream
{
public:
    struct Limits {
        int batch;             // records in one deliver frame, and read from the mailbox at a time
        int window;            // records sent and not yet acked
        qsizetype frameBytes;  // the entries and labels of one deliver frame (wire::Limits::batchBytes)
        qsizetype entryBytes;  // the largest entry an accepted record makes (wire::Limits::maxEntryBytes)
        qsizetype windowBytes; // the entries sent and not yet acked
    };
    static Limits limitsOf(const ServerConfig &config);

    DeliveryStream() = default;
    DeliveryStream(qint64 deviceKey, QString account, QString deviceId, qint64 pending, Limits limits);

    // Whether a new message may go straight into the stream: caught up, room in the window and in
    // this turn's frame for any message; otherwise missLive() and a later refill() reads it from
    // the inbox in its turn.
    bool takesLive() const;
    void missLive() { m_caughtUp = false; }
    // Records were held for this device outside the live stream (a collection, claim 13). New
    // messages come after the cursor and are read in their turn; old ones held again are below it
    // and are read one by one before the next batch.
    void held(const QList<qint64> &seqs);
    void add(const Mailbox::Message &message);
    // Reads what fits this turn's frame and the window from the inbox, unless the stream has
    // caught up.
    Result<void> refill(const Mailbox &mailbox);
    bool wantsRefill() const { return !m_caughtUp && windowHasRoom(); }
    // The device acked these; sequence numbers not in flight on this stream change nothing.
    void acknowledged(const QList<qint64> &seqs);

    bool hasBatch() const { return !m_batch.isEmpty(); }
    // The deliver frame's body for this turn's records, with the devices they are labelled with.
    QCborMap takeBatch(const QList<DeviceRegistry::Device> &devices);
    void dropBatch(); // the turn failed: the device is disconnected and reads its inbox afresh

private:
    struct Entry {
        qint64 seq = 0;
        QCborMap map;        // {seq, record}, as the deliver frame carries it
        qsizetype bytes = 0; // its encoding, and the label of a device new to the batch
        QString device;
    };
    Entry entryFor(const Mailbox::Message &message) const;
    bool fits(const Entry &entry) const; // in this turn's frame and in the window
    void add(Entry entry);
    bool windowHasRoom() const;
    bool batchHasRoom() const { return m_batch.size() < m_limits.batch; }

    qint64 m_deviceKey = 0;
    QString m_account;
    QString m_deviceId;
    Limits m_limits{0, 0, 0, 0, 0};
    qint64 m_cursor = 0;              // the highest sequence number sent
    QHash<qint64, qsizetype> m_inFlight; // sent and not acked: sequence number to entry bytes
    qsizetype m_bytesInFlight = 0;
    QList<qint64> m_reheld; // held again below the cursor, not sent yet
    qint64 m_remaining = 0; // held or queued records not sent yet, for progress
    bool m_caughtUp = false;
    QCborArray m_batch;
    qsizetype m_batchBytes = 0;
    QSet<QString> m_batchDevices;
};

} // namespace huiji

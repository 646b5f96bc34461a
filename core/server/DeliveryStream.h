#pragma once

#include "server/DeviceRegistry.h"
#include "server/Mailbox.h"

#include <QCborArray>
#include <QCborMap>
#include <QSet>

namespace huiji {

// What one logged-in device is being sent of its inbox (S270): held and queued records read in
// sequence order from the mailbox, then live messages joining the same ordered stream once it has
// caught up, so a device never sees a message twice or out of order (except an old message that a
// collection holds for it again: it comes when it is held). At most `window` records are unacked at
// a time; the records of one hub turn go out as one deliver frame.
class DeliveryStream
{
public:
    struct Limits {
        int batch;  // records read from the mailbox at a time
        int window; // records sent and not yet acked
    };

    DeliveryStream() = default;
    DeliveryStream(qint64 deviceKey, QString account, QString deviceId, qint64 pending, Limits limits);

    // Whether a new message may go straight into the stream; otherwise missLive() and the next
    // refill() reads it from the inbox in its turn.
    bool takesLive() const { return m_caughtUp && m_unacked.size() < m_limits.window; }
    void missLive() { m_caughtUp = false; }
    // Records were held for this device outside the live stream (a collection, claim 13). New
    // messages come after the cursor and are read in their turn; old ones held again are below it
    // and are read one by one before the next batch.
    void held(const QList<qint64> &seqs);
    void add(const Mailbox::Message &message);
    // Reads up to a batch from the inbox while the window has room and the stream has not caught up.
    Result<void> refill(const Mailbox &mailbox);
    bool wantsRefill() const { return !m_caughtUp && m_unacked.size() < m_limits.window; }
    // Only seqs this stream sent and that were not acked yet make room: a client cannot widen its
    // window by acking others, or the same ones twice.
    void acknowledged(const QList<qint64> &seqs);

    bool hasBatch() const { return !m_batch.isEmpty(); }
    // The deliver frame's body for this turn's records, with the devices they are labelled with.
    QCborMap takeBatch(const QList<DeviceRegistry::Device> &devices);
    void dropBatch(); // the turn failed: the device is disconnected and reads its inbox afresh

private:
    qint64 m_deviceKey = 0;
    QString m_account;
    QString m_deviceId;
    Limits m_limits{0, 0};
    qint64 m_cursor = 0;    // the highest sequence number sent
    QSet<qint64> m_unacked; // sent, at most a window of them
    QList<qint64> m_reheld; // held again below the cursor, not sent yet
    qint64 m_remaining = 0; // held or queued records not sent yet, for progress
    bool m_caughtUp = false;
    QCborArray m_batch;
    QSet<QString> m_batchDevices;
};

} // namespace huiji

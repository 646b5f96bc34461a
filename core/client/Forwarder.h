#pragma once

#include "protocol/Error.h"
#include "protocol/Record.h"
#include "protocol/Wire.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace huiji {

class Session;

// Forwarding policies on a device (claim 12). A device that is not the storage terminal keeps the
// records it saw on direct links in the profile's forward queue and hands them to the server, by
// the account's policy: at once, every N minutes, once N characters have gathered, or when the
// client closes. The queue survives restarts; what a crash left in it goes at the next start.
// Forwarded records leave the queue only once the server has acked their batch. The primary of
// several storage terminals queues its direct records too and hands them on to its secondaries.
class Forwarder : public QObject
{
    Q_OBJECT

public:
    // How often the interval policy looks at the clock; the clock, not this timer, decides.
    static constexpr int tickMs = 15'000;

    explicit Forwarder(Session &session);

    wire::ForwardingPolicy policy() const { return m_policy; }
    void setPolicy(const wire::ForwardingPolicy &policy);
    // The clock the interval policy measures by (the tests inject one).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    // From the session: logged in (catch up with what earlier runs left), a record was queued.
    void online();
    void queued();
    // Forwards what is due by the policy now: what the interval timer calls.
    void tick();
    // Forwards everything queued now, whatever the policy; `done` runs when the queue is empty or
    // the server cannot take it now.
    void flush(std::function<void()> done = {});
    bool isBusy() const { return m_inFlight; }

signals:
    void policyChanged(const huiji::wire::ForwardingPolicy &policy); // from login or the account's push
    void forwarded(qint64 records); // a batch the server acked
    void failed(const huiji::Error &error);

private:
    qint64 now() const;
    qint64 queuedCharacters() const;
    void sendBatch();
    // Drops records from the queue: the server has them, or they need not go. False on failure.
    bool forget(const QList<Record> &records);
    void finished();

    Session &m_session;
    wire::ForwardingPolicy m_policy;
    std::function<qint64()> m_clock;
    qint64 m_lastForward = 0;
    bool m_inFlight = false;
    QList<std::function<void()>> m_waiting; // flush() callers
    QTimer m_timer;
};

} // namespace huiji

#include "client/Forwarder.h"

#include "client/ClientLog.h"
#include "client/Profile.h"
#include "client/Session.h"

#include "protocol/RecordCbor.h"

#include <QDateTime>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Forwarder::Forwarder(Session &session) : QObject(&session), m_session(session)
{
    m_timer.setInterval(tickMs);
    connect(&m_timer, &QTimer::timeout, this, &Forwarder::tick);
}

qint64 Forwarder::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void Forwarder::setPolicy(const wire::ForwardingPolicy &policy)
{
    m_policy = policy;
    if (policy.mode == wire::ForwardingPolicy::Mode::Interval)
        m_timer.start();
    else
        m_timer.stop();
    queued(); // a threshold lowered, or at-once chosen, may make what waits due now
}

void Forwarder::online()
{
    m_lastForward = now();
    // What an earlier run left (a crash before its close, a queue the server could not take) goes now.
    flush();
}

void Forwarder::queued()
{
    using Mode = wire::ForwardingPolicy::Mode;
    if (m_policy.mode == Mode::AtOnce || (m_policy.mode == Mode::Threshold && queuedCharacters() >= m_policy.amount))
        flush();
}

void Forwarder::tick()
{
    if (m_policy.mode == wire::ForwardingPolicy::Mode::Interval && now() - m_lastForward >= m_policy.amount * 60'000)
        flush();
}

qint64 Forwarder::queuedCharacters() const
{
    auto pending = m_session.profile().forwardQueue().pending();
    if (!pending)
        return 0; // the flush that reads it again reports the failure
    qint64 characters = 0;
    for (const Record &record : std::as_const(*pending))
        characters += record.body.size();
    return characters;
}

void Forwarder::flush(std::function<void()> done)
{
    if (done)
        m_waiting.append(std::move(done));
    m_lastForward = now();
    if (!m_inFlight)
        sendBatch();
}

void Forwarder::sendBatch()
{
    // The storage terminal stores its own direct records and forwards nothing (claim 1 step 2).
    if (m_session.state() != Session::State::Online || m_session.isStorageTerminal())
        return finished();
    auto pending = m_session.profile().forwardQueue().pending();
    if (!pending) {
        emit failed(pending.error());
        return finished();
    }
    if (pending->isEmpty())
        return finished();
    const QList<Record> batch = pending->mid(0, wire::maxForwardRecords);
    QCborArray records;
    for (const Record &record : batch)
        records.append(RecordCbor::toCbor(record));
    m_inFlight = true;
    m_session.request(wire::forward, QCborMap{{u"records"_s, records}}, [this, batch](Result<QCborMap> answer) {
        m_inFlight = false;
        if (!answer) {
            // Kept: sent again at the next forward or start. No terminal yet is not a failure.
            if (answer.error().code != ErrorCode::NotFound && answer.error().code != ErrorCode::NetworkFailure)
                emit failed(answer.error());
            return finished();
        }
        for (const Record &record : batch)
            if (auto removed = m_session.profile().forwardQueue().remove(record.id); !removed) {
                emit failed(removed.error());
                return finished();
            }
        qCDebug(lcClient) << "forwarded" << batch.size() << "direct records";
        emit forwarded(batch.size());
        sendBatch();
    });
}

void Forwarder::finished()
{
    for (const auto &done : std::exchange(m_waiting, {}))
        done();
}

} // namespace huiji

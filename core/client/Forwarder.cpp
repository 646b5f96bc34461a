#include "client/Forwarder.h"

#include "client/ClientLog.h"
#include "client/Profile.h"
#include "client/RecordBatch.h"
#include "client/Session.h"

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
    emit policyChanged(policy);
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
    if (m_session.state() != Session::State::Online)
        return finished();
    auto pending = m_session.profile().forwardQueue().pending();
    if (!pending) {
        emit failed(pending.error());
        return finished();
    }
    if (pending->isEmpty())
        return finished();
    // The storage terminal stores its own direct records and forwards nothing (claim 1 step 2).
    // The primary of several terminals hands them to its secondaries instead, as it does with
    // what it merged (claim 4); without any, what the queue holds is in its store already.
    const bool primary = m_session.isStorageTerminal();
    if (primary && !m_session.synchronises())
        return forget(*pending) ? sendBatch() : finished();
    const wire::Limits limits = m_session.limits();
    const RecordBatch batch =
        RecordBatch::from(*pending, 0, primary ? wire::maxSyncRecords : wire::maxForwardRecords, limits);
    if (!batch.refused.isEmpty()) {
        // No frame can carry them and the server would refuse them: they stay in this device's
        // store only. Dropped now, so that they are reported once.
        const Error reason = limits.checkRecord(batch.refused.first()).error();
        qCWarning(lcClient) << "not forwarding" << batch.refused.size() << "direct records:" << reason.message;
        emit failed({reason.code, u"%1 records seen on direct links cannot be forwarded: %2"_s.arg(batch.refused.size())
                                      .arg(reason.message)});
        if (!forget(batch.refused))
            return finished();
    }
    if (batch.records.isEmpty())
        return sendBatch();
    m_inFlight = true;
    m_session.request(primary ? wire::syncUpload : wire::forward, QCborMap{{u"records"_s, batch.records}},
                      [this, primary, sent = pending->mid(0, batch.next)](Result<QCborMap> answer) {
                          m_inFlight = false;
                          if (!answer) {
                              // Kept: sent again at the next forward or start. No terminal yet, or
                              // a primary that is one no more, is no failure.
                              const ErrorCode code = answer.error().code;
                              if (code != ErrorCode::NotFound && code != ErrorCode::NetworkFailure
                                  && !(primary && code == ErrorCode::Forbidden))
                                  emit failed(answer.error());
                              return finished();
                          }
                          if (!forget(sent))
                              return finished();
                          qCDebug(lcClient) << "forwarded" << sent.size() << "direct records";
                          emit forwarded(sent.size());
                          sendBatch();
                      });
}

bool Forwarder::forget(const QList<Record> &records)
{
    for (const Record &record : records)
        if (auto removed = m_session.profile().forwardQueue().remove(RecordKey::of(record)); !removed) {
            emit failed(removed.error());
            return false;
        }
    return true;
}

void Forwarder::finished()
{
    for (const auto &done : std::exchange(m_waiting, {}))
        done();
}

} // namespace huiji

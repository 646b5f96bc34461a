#include "client/Synchronizer.h"

#include "client/ClientLog.h"
#include "client/Profile.h"
#include "client/RecordBatch.h"
#include "client/Session.h"

#include "protocol/Wire.h"

#include <QCborArray>
#include <QCborValue>
#include <QTimer>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Synchronizer::Synchronizer(Session &session) : m_session(session) {}

void Synchronizer::forward(const QList<Record> &records, std::function<void()> then)
{
    if (records.isEmpty()) {
        then();
        return;
    }
    // The primary goes on when a secondary is full: its deliveries are acked, or it would stop
    // receiving anything until that secondary came back.
    sendFrom(records, 0, then, [this, then] {
        fellBehind();
        then();
    });
}

void Synchronizer::fellBehind()
{
    qCWarning(lcClient) << "a secondary storage terminal holds all the server keeps for it; the whole history "
                           "goes to the secondaries again from the next login";
    m_session.profile().setSyncedTerminals({});
}

void Synchronizer::forwardStore(const QStringList &terminals)
{
    forwardPage(std::nullopt, terminals);
}

void Synchronizer::forwardPage(std::optional<qint64> before, QStringList terminals)
{
    Profile &profile = m_session.profile();
    auto page = profile.history().older({profile.user(), {}, {}}, before, static_cast<int>(wire::maxSyncRecords));
    if (!page) {
        qCWarning(lcClient) << "could not read the store to synchronise the secondaries:" << page.error().message;
        return;
    }
    QList<Record> records;
    for (const StoredRecord &stored : std::as_const(page->records))
        if (!stored.failure) // refused by the server and never sent: this store's alone until it is
            records.append(stored.record);
    const std::optional<qint64> next =
        page->hasOlder && !page->records.isEmpty() ? std::optional(page->records.last().position) : std::nullopt;
    auto then = [this, next, terminals = std::move(terminals)]() mutable {
        if (next)
            forwardPage(next, std::move(terminals));
        else
            m_session.profile().setSyncedTerminals(terminals);
    };
    if (records.isEmpty())
        then();
    else
        sendFrom(records, 0, std::move(then), [this] { fellBehind(); }); // the rest waits for the next login
}

void Synchronizer::sendFrom(QList<Record> records, qsizetype first, std::function<void()> then,
                            std::function<void()> full)
{
    const RecordBatch batch = RecordBatch::from(records, first, wire::maxSyncRecords, m_session.limits());
    if (!batch.refused.isEmpty()) // the server would refuse them: they stay in this store only
        qCWarning(lcClient) << "not synchronising" << batch.refused.size() << "records over the server's limits";
    m_session.request(wire::syncUpload, QCborMap{{u"records"_s, batch.records}},
                      [this, records = std::move(records), first, next = batch.next, then = std::move(then),
                       full = std::move(full)](Result<QCborMap> answer) mutable {
                          const std::optional<ErrorCode> code = answer ? std::nullopt : std::optional(answer.error().code);
                          if (code == ErrorCode::QuotaExceeded)
                              return full();
                          // Too many records this hour, or a busy server: the same batch again
                          // after the wait, while this connection lasts (after a new login the
                          // deliveries come again, and are sent on then).
                          if (code == ErrorCode::RateLimited || code == ErrorCode::Busy) {
                              const qint64 waitMs = qMax(answer.error().retryAfter, qint64{1}) * 1000;
                              QTimer::singleShot(waitMs, &m_session, [this, records = std::move(records), first,
                                                                      then = std::move(then), full = std::move(full)]() mutable {
                                  if (m_session.state() == Session::State::Online)
                                      sendFrom(std::move(records), first, std::move(then), std::move(full));
                              });
                              return;
                          }
                          // Forbidden: this device is no longer the primary; what it merged is
                          // its own now and nobody's to synchronise from here.
                          if (code && code != ErrorCode::Forbidden) {
                              qCInfo(lcClient) << "could not synchronise the secondaries now:" << answer.error().message;
                              return;
                          }
                          if (answer && next < records.size())
                              sendFrom(std::move(records), next, std::move(then), std::move(full));
                          else
                              then();
                      });
}

} // namespace huiji

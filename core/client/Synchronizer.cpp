#include "client/Synchronizer.h"

#include "client/ClientLog.h"
#include "client/Profile.h"
#include "client/RecordBatch.h"
#include "client/Session.h"

#include "protocol/Wire.h"

#include <QCborArray>
#include <QCborValue>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Synchronizer::Synchronizer(Session &session) : m_session(session) {}

void Synchronizer::forward(const QList<Record> &records, std::function<void()> then)
{
    if (records.isEmpty()) {
        then();
        return;
    }
    sendFrom(records, 0, std::move(then));
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
    forward(records, [this, next, terminals = std::move(terminals)]() mutable {
        if (next)
            forwardPage(next, std::move(terminals));
        else
            m_session.profile().setSyncedTerminals(terminals);
    });
}

void Synchronizer::sendFrom(QList<Record> records, qsizetype first, std::function<void()> then)
{
    const RecordBatch batch = RecordBatch::from(records, first, wire::maxSyncRecords, m_session.limits());
    if (!batch.refused.isEmpty()) // the server would refuse them: they stay in this store only
        qCWarning(lcClient) << "not synchronising" << batch.refused.size() << "records over the server's limits";
    m_session.request(wire::syncUpload, QCborMap{{u"records"_s, batch.records}},
                      [this, records = std::move(records), next = batch.next, then = std::move(then)](Result<QCborMap> answer) mutable {
                          // Forbidden: this device is no longer the primary; what it merged is
                          // its own now and nobody's to synchronise from here.
                          if (!answer && answer.error().code != ErrorCode::Forbidden) {
                              qCInfo(lcClient) << "could not synchronise the secondaries now:" << answer.error().message;
                              return;
                          }
                          if (answer && next < records.size())
                              sendFrom(std::move(records), next, std::move(then));
                          else
                              then();
                      });
}

} // namespace huiji

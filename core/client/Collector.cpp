#include "client/Collector.h"

#include "client/ClientLog.h"
#include "client/Session.h"

#include "protocol/RecordCbor.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Collector::Collector(Session &session) : m_session(session)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(retryMs);
    connect(&m_retry, &QTimer::timeout, this, &Collector::sendNext);
}

void Collector::start(const QString &terminal, qint64 since, bool again)
{
    m_expected = false;
    if (m_session.isStorageTerminal())
        return; // the terminal keeps its own records; the server does not ask it
    if (m_running) {
        // The batch in flight answers first; then this request is taken up.
        m_queued = Asked{terminal, since, again};
        return;
    }
    const CollectionProgress saved = m_session.profile().collectionProgress();
    const bool resumed = !again && saved.terminal == terminal && saved.since == since;
    m_progress = resumed ? saved : CollectionProgress{terminal, since, 0, false};
    m_restart = !resumed;
    if (!resumed)
        m_session.profile().setCollectionProgress(m_progress);
    m_running = true;
    m_run = {};
    qCInfo(lcClient) << (resumed ? "resuming" : "starting") << "a collection for storage terminal" << terminal;
    emit started(terminal, resumed);
    sendNext();
}

bool Collector::wanted(const StoredRecord &stored) const
{
    // A message the server refused was never sent: it belongs to no archive but this store until
    // it is sent again and taken (its failure is cleared then, and the next collection has it).
    if (stored.failure)
        return false;
    // What came through the server after the terminal was chosen was held for it there.
    const Record &record = stored.record;
    return record.orderTime() < m_progress.since || record.arrival != Arrival::Relayed;
}

Result<Collector::Batch> Collector::nextBatch() const
{
    Batch batch;
    batch.last = m_progress.cursor;
    const wire::Limits limits = m_session.limits();
    qsizetype bytes = 0;
    const HistoryScope scope{m_session.profile().user(), {}, {}};
    for (qsizetype read = 0; read < maxReadPerBatch; read += wire::maxCollectRecords) {
        auto page = m_session.profile().history().newer(scope, batch.last, static_cast<int>(wire::maxCollectRecords));
        if (!page)
            return std::unexpected(page.error());
        for (auto stored = page->records.crbegin(); stored != page->records.crend(); ++stored) { // oldest first
            if (wanted(*stored)) {
                // Any record within the limits fits a batch alone.
                const Result<qsizetype> size = limits.checkRecord(stored->record);
                if (!size) {
                    ++batch.tooLarge;
                    qCWarning(lcClient) << "not handing over a record:" << size.error().message;
                } else if (batch.records.size() == wire::maxCollectRecords || bytes + *size > limits.batchBytes()) {
                    return batch;
                } else {
                    batch.records.append(RecordCbor::toCbor(stored->record));
                    bytes += *size;
                }
            }
            batch.last = stored->position;
        }
        if (!page->hasNewer) {
            batch.done = true;
            return batch;
        }
    }
    return batch;
}

void Collector::sendNext()
{
    auto batch = nextBatch();
    if (!batch) {
        m_running = false;
        emit failed(batch.error());
        startQueued();
        return;
    }
    const QCborMap body{{u"terminal"_s, m_progress.terminal}, {u"since"_s, m_progress.since},
                        {u"records"_s, batch->records},       {u"start"_s, m_restart},
                        {u"done"_s, batch->done}};
    m_session.request(wire::collectUpload, body,
                      [this, sent = *batch](Result<QCborMap> answer) { onAnswer(sent, std::move(answer)); });
}

void Collector::onAnswer(const Batch &batch, Result<QCborMap> answer)
{
    if (!answer && answer.error().code == ErrorCode::ServerFailure && !m_queued) {
        // Nothing of the batch was kept (the server's commit failed): the same batch again, later.
        qCInfo(lcClient) << "the server could not take a batch now; trying again:" << answer.error().message;
        m_retry.start();
        emit deferred();
        return;
    }
    if (!answer) {
        // Resumed from the last acked batch when the server asks again (at the next login).
        qCInfo(lcClient) << "collection stopped:" << answer.error().message;
        m_running = false;
        emit failed(answer.error());
        startQueued();
        return;
    }
    wire::CollectionCounts counts = wire::collectionCountsFromCbor(*answer);
    counts.refused += batch.tooLarge;
    m_run += counts;
    const wire::CollectionCounts total = wire::collectionCountsFromCbor(answer->value(u"total"_s).toMap());
    m_progress.cursor = batch.last;
    m_progress.complete = batch.done;
    m_restart = false;
    m_session.profile().setCollectionProgress(m_progress);
    if (batch.done) {
        qCInfo(lcClient) << "collection complete:" << m_run.received << "sent," << m_run.duplicates << "duplicate,"
                         << m_run.added << "new";
        m_running = false;
        emit finished(m_run, total);
        startQueued();
        return;
    }
    emit progress(m_run, total);
    if (!m_queued) {
        sendNext();
        return;
    }
    m_running = false;
    startQueued();
}

void Collector::startQueued()
{
    if (const std::optional<Asked> next = std::exchange(m_queued, std::nullopt))
        start(next->terminal, next->since, next->again);
}

void Collector::report(const QCborMap &body)
{
    emit reported(body.value(u"device"_s).toString(), wire::collectionCountsFromCbor(body),
                  body.value(u"complete"_s).toBool());
}

void Collector::connectionLost()
{
    m_expected = false;
    if (m_retry.isActive()) { // no batch is in flight to fail and end the run
        m_retry.stop();
        m_running = false;
        emit failed({ErrorCode::NetworkFailure, u"the connection to the server was lost"_s});
    }
    m_queued.reset(); // asked on a connection that is gone; the server asks again at the next login
}

} // namespace huiji

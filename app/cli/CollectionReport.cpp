#include "CollectionReport.h"

#include "client/Session.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject toJson(const wire::CollectionCounts &counts)
{
    return {{u"received"_s, counts.received}, {u"duplicate"_s, counts.duplicates}, {u"new"_s, counts.added},
            {u"refused"_s, counts.refused}};
}

} // namespace

CollectionReport::CollectionReport(Session &session, QTextStream *progress) : m_session(session)
{
    Collector &collector = session.collector();
    QObject::connect(&collector, &Collector::started, &collector, [this](const QString &, bool resumed) {
        m_ran = true;
        m_resumed = resumed;
        m_error.reset();
    });
    QObject::connect(&collector, &Collector::progress, &collector,
                     [this, progress](const wire::CollectionCounts &run, const wire::CollectionCounts &total) {
                         ++m_batches;
                         m_run = run;
                         m_total = total;
                         if (progress)
                             *progress << tr("\rhanded over %1 records to the storage terminal").arg(run.received)
                                       << Qt::flush;
                     });
    QObject::connect(&collector, &Collector::finished, &collector,
                     [this, progress](const wire::CollectionCounts &run, const wire::CollectionCounts &total) {
                         ++m_batches;
                         m_run = run;
                         m_total = total;
                         if (progress && m_batches > 1)
                             *progress << '\n';
                     });
    QObject::connect(&collector, &Collector::failed, &collector, [this](const Error &error) { m_error = error; });
}

bool CollectionReport::isDone() const
{
    return !m_session.collector().isBusy() || m_session.state() != Session::State::Online;
}

QJsonObject CollectionReport::json() const
{
    QJsonObject json = toJson(m_run);
    json.insert(u"sent"_s, m_run.received);
    json.insert(u"resumed"_s, m_resumed);
    json.insert(u"complete"_s, m_ran && !m_error && isDone());
    json.insert(u"total"_s, toJson(m_total));
    return json;
}

QString CollectionReport::text() const
{
    QString text = tr("Handed over %1 records to the storage terminal: %2 duplicate, %3 new")
                       .arg(m_run.received)
                       .arg(m_run.duplicates)
                       .arg(m_run.added);
    if (m_run.refused > 0)
        text += tr(", %1 refused").arg(m_run.refused);
    if (m_resumed)
        text += tr(" (resumed; %1 new in all)").arg(m_total.added);
    return text + u".\n"_s;
}

} // namespace huiji

#include "CollectionRound.h"

#include "client/Session.h"

#include <QJsonArray>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

CollectionRound::CollectionRound(Session &session)
{
    QObject::connect(&session.collector(), &Collector::reported, &session,
                     [this](const QString &device, const wire::CollectionCounts &total, bool complete) {
                         m_byDevice.insert(device, {total, complete});
                         ++m_reports;
                     });
    QObject::connect(&session, &Session::recordsMerged, &session,
                     [this](const QList<Record> &records, qint64 remaining) {
                         m_merged += records.size();
                         m_remaining = remaining;
                     });
}

bool CollectionRound::isComplete(qint64 asked) const
{
    return std::ranges::count_if(m_byDevice, [](const Report &report) { return report.complete; }) >= asked;
}

QJsonObject CollectionRound::json(qint64 asked) const
{
    QJsonArray devices;
    for (auto it = m_byDevice.cbegin(); it != m_byDevice.cend(); ++it)
        devices.append(QJsonObject{{u"device"_s, it.key()},
                                   {u"name"_s, m_names.value(it.key())},
                                   {u"sent"_s, it->total.received},
                                   {u"duplicate"_s, it->total.duplicates},
                                   {u"new"_s, it->total.added},
                                   {u"refused"_s, it->total.refused},
                                   {u"complete"_s, it->complete}});
    return {{u"asked"_s, asked}, {u"devices"_s, devices}, {u"merged"_s, m_merged}};
}

QString CollectionRound::text(qint64 asked) const
{
    QString text = asked == 0 ? tr("No other device of this account is online to ask; run this again while they are.\n")
                   : asked == 1 ? tr("Asked the other online device for the records it holds.\n")
                                : tr("Asked %1 online devices for the records they hold.\n").arg(asked);
    for (auto it = m_byDevice.cbegin(); it != m_byDevice.cend(); ++it) {
        text += tr("  %1: handed over %2 records, %3 duplicate, %4 new")
                    .arg(m_names.value(it.key(), it.key()))
                    .arg(it->total.received)
                    .arg(it->total.duplicates)
                    .arg(it->total.added);
        if (it->total.refused > 0)
            text += tr(", %1 refused").arg(it->total.refused);
        text += it->complete ? u"\n"_s : tr(" (not finished: it carries on when the server asks it again)\n");
    }
    if (m_merged > 0)
        text += tr("Merged %1 records.\n").arg(m_merged);
    return text;
}

} // namespace huiji

#include "ui/HistoryTimelineModel.h"

#include "ui/DeviceColors.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>

#include <algorithm>

namespace huiji {

HistoryTimelineModel::HistoryTimelineModel(HistoryStore &store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
}

void HistoryTimelineModel::setScope(const HistoryScope &scope)
{
    m_scope = scope;
    replaceRows({}, false, false);
}

Result<void> HistoryTimelineModel::showNewest()
{
    auto page = m_store.older(m_scope, std::nullopt, pageSize);
    if (!page)
        return std::unexpected(page.error());
    replaceRows(std::move(page->records), page->hasOlder, false);
    return {};
}

Result<int> HistoryTimelineModel::showAround(qint64 anchor)
{
    // Half a page either side: the anchor lands in the middle of the view with context around it.
    auto page = m_store.around(m_scope, anchor, pageSize / 2, pageSize / 2);
    if (!page)
        return std::unexpected(page.error());
    const auto count = static_cast<int>(page->records.size());
    // The page is newest first and the rows are oldest first; without a record at or after the
    // anchor, the newest one before it is the nearest.
    const int row = page->anchorIndex >= 0 ? count - 1 - page->anchorIndex : count - 1;
    replaceRows(std::move(page->records), page->hasOlder, page->hasNewer);
    return row;
}

Result<int> HistoryTimelineModel::fetchOlder()
{
    if (m_changing || !m_hasOlder || m_rows.isEmpty())
        return 0;
    auto page = m_store.older(m_scope, m_rows.first().position, pageSize);
    if (!page)
        return std::unexpected(page.error());
    const auto count = static_cast<int>(page->records.size());
    m_hasOlder = page->hasOlder;
    if (count > 0) {
        m_changing = true;
        beginInsertRows({}, 0, count - 1);
        std::reverse(page->records.begin(), page->records.end());
        m_days = daysOf(page->records) + std::move(m_days);
        m_rows = std::move(page->records) + std::move(m_rows);
        endInsertRows();
        m_changing = false;
        dropNewest(static_cast<int>(m_rows.size()) - maxRows);
    }
    return count;
}

Result<int> HistoryTimelineModel::fetchNewer()
{
    if (m_changing || !m_hasNewer || m_rows.isEmpty())
        return 0;
    auto page = m_store.newer(m_scope, m_rows.last().position, pageSize);
    if (!page)
        return std::unexpected(page.error());
    const auto count = static_cast<int>(page->records.size());
    m_hasNewer = page->hasNewer;
    if (count > 0) {
        const auto first = static_cast<int>(m_rows.size());
        m_changing = true;
        beginInsertRows({}, first, first + count - 1);
        std::reverse(page->records.begin(), page->records.end());
        m_days.append(daysOf(page->records));
        m_rows.append(std::move(page->records));
        endInsertRows();
        m_changing = false;
        dropOldest(static_cast<int>(m_rows.size()) - maxRows);
    }
    return count;
}

int HistoryTimelineModel::rowOf(qint64 position) const
{
    // Rows are in position order, so a binary search finds it among thousands of fetched rows.
    const auto found = std::lower_bound(m_rows.cbegin(), m_rows.cend(), position,
                                        [](const StoredRecord &stored, qint64 p) { return stored.position < p; });
    if (found == m_rows.cend() || found->position != position)
        return -1;
    return static_cast<int>(found - m_rows.cbegin());
}

int HistoryTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant HistoryTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoredRecord &stored = m_rows.at(index.row());
    const Record &record = stored.record;
    switch (role) {
    case Qt::DisplayRole:
    case BodyRole:
        return record.body;
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(record.orderTime());
    case DirectionRole:
        return static_cast<int>(record.direction);
    case SenderRole:
        return record.sender;
    case DeviceIdRole:
        return record.originDevice;
    case DeviceLabelRole:
        return stored.deviceLabel;
    case DeviceColorRole:
        return DeviceColors::of(record.originDevice, QGuiApplication::palette());
    case PositionRole:
        return stored.position;
    case IdRole:
        return record.id;
    case ContactRole:
        return record.contact;
    case DayRole:
        return m_days.at(index.row());
    case Qt::ToolTipRole:
        return tr("%1, from %2").arg(
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(record.orderTime()), QLocale::LongFormat),
            stored.deviceLabel);
    case Qt::AccessibleTextRole: {
        const QString time =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(record.orderTime()), QLocale::LongFormat);
        return tr("%1 at %2, from %3: %4").arg(record.sender, time, stored.deviceLabel, record.body);
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryTimelineModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(QHash<int, QByteArray>{{BodyRole, "body"},
                  {TimeRole, "time"},
                  {DirectionRole, "direction"},
                  {SenderRole, "sender"},
                  {DeviceIdRole, "deviceId"},
                  {DeviceLabelRole, "deviceLabel"},
                  {DeviceColorRole, "deviceColor"},
                  {PositionRole, "position"},
                  {IdRole, "recordId"},
                  {ContactRole, "contact"},
                  {DayRole, "day"}});
    return names;
}

bool HistoryTimelineModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasNewer;
}

void HistoryTimelineModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_changing)
        return;
    if (auto fetched = fetchNewer(); !fetched)
        emit loadFailed(fetched.error());
}

void HistoryTimelineModel::replaceRows(QList<StoredRecord> newestFirst, bool hasOlder, bool hasNewer)
{
    m_changing = true;
    beginResetModel();
    std::reverse(newestFirst.begin(), newestFirst.end());
    m_days = daysOf(newestFirst);
    m_rows = std::move(newestFirst);
    m_hasOlder = hasOlder;
    m_hasNewer = hasNewer;
    endResetModel();
    m_changing = false;
}

QList<QDate> HistoryTimelineModel::daysOf(const QList<StoredRecord> &rows)
{
    QList<QDate> days;
    days.reserve(rows.size());
    for (const StoredRecord &stored : rows)
        days.append(QDateTime::fromMSecsSinceEpoch(stored.record.orderTime()).date());
    return days;
}

// Rows at the top, out of sight while the user reads further down; the view keeps its place.
void HistoryTimelineModel::dropOldest(int count)
{
    if (count <= 0)
        return;
    m_changing = true;
    beginRemoveRows({}, 0, count - 1);
    m_rows.remove(0, count);
    m_days.remove(0, count);
    m_hasOlder = true;
    endRemoveRows();
    m_changing = false;
}

// Rows at the bottom, out of sight while the user reads further up; the view keeps its place.
void HistoryTimelineModel::dropNewest(int count)
{
    if (count <= 0)
        return;
    const auto first = static_cast<int>(m_rows.size()) - count;
    m_changing = true;
    beginRemoveRows({}, first, first + count - 1);
    m_rows.resize(first);
    m_days.resize(first);
    m_hasNewer = true;
    endRemoveRows();
    m_changing = false;
}

} // namespace huiji

#include "ui/SearchResultModel.h"

#include "ui/DeviceColors.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>

namespace huiji {

SearchResultModel::SearchResultModel(HistoryStore &store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
    m_query.limit = pageSize;
}

Result<void> SearchResultModel::search(const QString &text, const HistoryScope &scope)
{
    if (text.trimmed().isEmpty()) {
        clear();
        return {};
    }
    SearchQuery query;
    query.text = text;
    query.scope = scope;
    query.limit = pageSize;
    auto hits = m_store.search(query);
    if (!hits)
        return std::unexpected(hits.error());
    replaceHits(query, std::move(*hits));
    return {};
}

void SearchResultModel::clear()
{
    SearchQuery none;
    none.limit = pageSize;
    replaceHits(none, {});
}

void SearchResultModel::replaceHits(const SearchQuery &query, QList<SearchHit> hits)
{
    m_changing = true;
    beginResetModel();
    m_query = query;
    // A full page may have more behind it; the store does not count them, which keeps it fast.
    m_hasMore = hits.size() == pageSize;
    m_hits = std::move(hits);
    m_droppedNewer = 0;
    m_droppedOlder = 0;
    endResetModel();
    m_changing = false;
}

Result<int> SearchResultModel::fetchNewer()
{
    if (m_changing || m_droppedNewer == 0 || m_hits.isEmpty())
        return 0;
    SearchQuery above = m_query;
    above.after = m_hits.first().stored.position;
    auto hits = m_store.search(above);
    if (!hits)
        return std::unexpected(hits.error());
    const auto count = static_cast<int>(hits->size());
    // Fewer than a page: the top of the results, whatever was counted before.
    m_droppedNewer = count < pageSize ? 0 : qMax(0, m_droppedNewer - count);
    if (count > 0) {
        m_changing = true;
        beginInsertRows({}, 0, count - 1);
        m_hits = std::move(*hits) + std::move(m_hits);
        endInsertRows();
        m_changing = false;
        dropOldest(static_cast<int>(m_hits.size()) - maxRows);
    }
    return count;
}

// Hits at the top, out of sight while the user reads further down; the view keeps its place.
void SearchResultModel::dropNewest(int count)
{
    if (count <= 0)
        return;
    m_changing = true;
    beginRemoveRows({}, 0, count - 1);
    m_hits.remove(0, count);
    m_droppedNewer += count;
    endRemoveRows();
    m_changing = false;
}

// Hits at the bottom, out of sight while the user reads further up.
void SearchResultModel::dropOldest(int count)
{
    if (count <= 0)
        return;
    const auto first = static_cast<int>(m_hits.size()) - count;
    m_changing = true;
    beginRemoveRows({}, first, first + count - 1);
    m_hits.resize(first);
    m_droppedOlder += count;
    m_hasMore = true;
    endRemoveRows();
    m_changing = false;
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_hits.size());
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchHit &hit = m_hits.at(index.row());
    const Record &record = hit.stored.record;
    switch (role) {
    case Qt::DisplayRole:
    case SnippetRole:
        return hit.snippet;
    case HighlightsRole:
        return QVariant::fromValue(hit.highlights);
    case BodyRole:
        return record.body;
    case ContactRole:
        return record.contact;
    case AccountRole:
        return record.account;
    case SenderRole:
        return record.sender;
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(record.orderTime());
    case DeviceIdRole:
        return record.originDevice;
    case DeviceLabelRole:
        return hit.stored.deviceLabel;
    case DeviceColorRole:
        return DeviceColors::of(record.originDevice, QGuiApplication::palette());
    case PositionRole:
        return hit.stored.position;
    case IdRole:
        return record.id;
    case Qt::ToolTipRole:
        return tr("%1, from %2").arg(
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(record.orderTime()), QLocale::LongFormat),
            hit.stored.deviceLabel);
    case Qt::AccessibleTextRole: {
        const QString time =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(record.orderTime()), QLocale::ShortFormat);
        return tr("%1, %2, from %3: %4").arg(record.contact, time, hit.stored.deviceLabel, hit.snippet);
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchResultModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(QHash<int, QByteArray>{{SnippetRole, "snippet"},
                                        {HighlightsRole, "highlights"},
                                        {BodyRole, "body"},
                                        {ContactRole, "contact"},
                                        {AccountRole, "account"},
                                        {SenderRole, "sender"},
                                        {TimeRole, "time"},
                                        {DeviceIdRole, "deviceId"},
                                        {DeviceLabelRole, "deviceLabel"},
                                        {DeviceColorRole, "deviceColor"},
                                        {PositionRole, "position"},
                                        {IdRole, "recordId"}});
    return names;
}

bool SearchResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore;
}

void SearchResultModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_changing || !m_hasMore || m_hits.isEmpty())
        return;
    SearchQuery next = m_query;
    next.before = m_hits.last().stored.position;
    auto hits = m_store.search(next);
    if (!hits) {
        m_hasMore = false; // do not ask again on every scroll; a new search starts afresh
        emit loadFailed(hits.error());
        return;
    }
    const auto count = static_cast<int>(hits->size());
    m_hasMore = count == pageSize;
    m_droppedOlder = m_hasMore ? qMax(0, m_droppedOlder - count) : 0;
    if (count == 0)
        return;
    const auto first = static_cast<int>(m_hits.size());
    m_changing = true;
    beginInsertRows({}, first, first + count - 1);
    m_hits.append(std::move(*hits));
    endInsertRows();
    m_changing = false;
    dropNewest(static_cast<int>(m_hits.size()) - maxRows);
}

} // namespace huiji

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
    m_changing = true;
    beginResetModel();
    m_query = query;
    // A full page may have more behind it; the store does not count them, which keeps it fast.
    m_hasMore = hits->size() == pageSize;
    m_hits = std::move(*hits);
    endResetModel();
    m_changing = false;
    return {};
}

void SearchResultModel::clear()
{
    m_changing = true;
    beginResetModel();
    m_query = SearchQuery{};
    m_query.limit = pageSize;
    m_hits.clear();
    m_hasMore = false;
    endResetModel();
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
    m_hasMore = hits->size() == pageSize;
    if (hits->isEmpty())
        return;
    const auto first = static_cast<int>(m_hits.size());
    m_changing = true;
    beginInsertRows({}, first, first + static_cast<int>(hits->size()) - 1);
    m_hits.append(std::move(*hits));
    endInsertRows();
    m_changing = false;
}

} // namespace huiji

#pragma once

#include "store/HistoryStore.h"

#include <QAbstractListModel>

namespace huiji {

// The hits of a full-text search over the merged history, newest first, a page at a time: the
// next page is asked for with the last hit's position as the `before` cursor, so a term that
// matches half a million records costs one page until the user scrolls.
class SearchResultModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        SnippetRole = Qt::UserRole + 1, // the text around the first match, "…" where cut
        HighlightsRole, // QList<std::pair<int, int>>: (offset, length) of every match in the snippet
        BodyRole,
        ContactRole,
        AccountRole,
        SenderRole,
        TimeRole,       // QDateTime, local time
        DeviceIdRole,
        DeviceLabelRole,
        DeviceColorRole,
        PositionRole,   // qint64: where to jump in the conversation's timeline
        IdRole,
    };
    Q_ENUM(Role)

    static constexpr int pageSize = 50;

    explicit SearchResultModel(HistoryStore &store, QObject *parent = nullptr);

    // Runs a new search and shows its first page; an empty text clears the results.
    Result<void> search(const QString &text, const HistoryScope &scope);
    void clear();
    QString text() const { return m_query.text; }
    const SearchHit &hitAt(int row) const { return m_hits.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadFailed(const huiji::Error &error);

private:
    HistoryStore &m_store;
    SearchQuery m_query;
    QList<SearchHit> m_hits;
    bool m_hasMore = false;
    // Changing rows: a fetchMore asked meanwhile by a listener (QAbstractItemModelTester does) is
    // not nested inside the change; views ask again once they lay out.
    bool m_changing = false;
};

} // namespace huiji

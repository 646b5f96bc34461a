#pragma once

#include "store/HistoryStore.h"

#include <QAbstractListModel>

namespace huiji {

// The hits of a full-text search over the merged history, newest first, a page at a time: the
// next page is asked for with the last hit's position as the `before` cursor, so a term that
// matches half a million records costs one page until the user scrolls. Like the timeline it is a
// window: scrolling far down lets the newest hits go, and fetchNewer() brings them back.
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
    static constexpr int maxRows = 20 * pageSize;

    explicit SearchResultModel(HistoryStore &store, QObject *parent = nullptr);

    // Runs a new search and shows its first page; an empty text clears the results.
    Result<void> search(const QString &text, const HistoryScope &scope);
    void clear();
    QString text() const { return m_query.text; }
    const SearchHit &hitAt(int row) const { return m_hits.at(row); }
    // How many hits have been found so far, in the window or let go from it.
    int found() const { return m_droppedNewer + static_cast<int>(m_hits.size()) + m_droppedOlder; }

    bool canFetchNewer() const { return m_droppedNewer > 0; }
    // Inserts the page of hits just newer than the first at the top; returns how many came.
    Result<int> fetchNewer();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadFailed(const huiji::Error &error);

private:
    void replaceHits(const SearchQuery &query, QList<SearchHit> hits);
    void dropNewest(int count);
    void dropOldest(int count);

    HistoryStore &m_store;
    SearchQuery m_query;
    QList<SearchHit> m_hits;
    bool m_hasMore = false;
    int m_droppedNewer = 0; // hits found above the window and let go
    int m_droppedOlder = 0; // hits found below it and let go
    // Changing rows: a fetchMore asked meanwhile by a listener (QAbstractItemModelTester does) is
    // not nested inside the change; views ask again once they lay out.
    bool m_changing = false;
};

} // namespace huiji

#pragma once

#include "store/HistoryStore.h"

#include <QAbstractListModel>
#include <QDate>

namespace huiji {

// One conversation's merged history (claims 14-15, [0093]) as a window of pages over the store,
// oldest at the top and newest at the bottom, as people read a conversation. Only fetched pages
// are held, so a conversation of a million records opens with one page of the newest.
//
// Newer records are appended at the end, so canFetchMore()/fetchMore() mean "newer": Qt's views
// call them when the last row comes into view, which is how scrolling down loads more after a
// jump. Older records are inserted at the top by fetchOlder(), which TimelineListView calls when
// the first row comes into view. (Had fetchMore loaded older pages, a view resting at the newest
// record would keep the last row visible and load the whole history.)
class HistoryTimelineModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        BodyRole = Qt::UserRole + 1,
        TimeRole,        // QDateTime, local time, of the order time (Record::orderTime)
        DirectionRole,   // int, a huiji::Direction
        SenderRole,
        DeviceIdRole,
        DeviceLabelRole,
        DeviceColorRole, // QColor from DeviceColors for the application palette
        PositionRole,    // qint64, the record's unique place in the store
        IdRole,          // QUuid, null for records imported without one
        ContactRole,
        DayRole,         // QDate, the local day of TimeRole, worked out once when the row came
    };
    Q_ENUM(Role)

    static constexpr int pageSize = 100;
    // Paging up past this many rows lets the newest go (fetchMore brings them back), paging down
    // the oldest (fetchOlder), so that reading a conversation of any length, either way, holds a
    // bounded number of records.
    static constexpr int maxRows = 10 * pageSize;

    explicit HistoryTimelineModel(HistoryStore &store, QObject *parent = nullptr);

    // Clears the model; showNewest() or showAround() fills it for the new scope.
    void setScope(const HistoryScope &scope);
    HistoryScope scope() const { return m_scope; }

    // Shows the newest page of the scope.
    Result<void> showNewest();
    // Shows a window around a position (HistoryStore::positionOf, position::atTime) and returns
    // the row of the record at or just after it, else the newest before it, or -1 when empty.
    Result<int> showAround(qint64 anchor);

    bool canFetchOlder() const { return m_hasOlder; }
    // Inserts the next older page at the top; returns how many rows came.
    Result<int> fetchOlder();
    // Appends the next newer page at the end; returns how many rows came.
    Result<int> fetchNewer();

    // The row holding a position, or -1 when it is not among the fetched rows.
    int rowOf(qint64 position) const;
    const StoredRecord &recordAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    // A page could not be read; fetchMore() has no other way to say so.
    void loadFailed(const huiji::Error &error);

private:
    void replaceRows(QList<StoredRecord> newestFirst, bool hasOlder, bool hasNewer);
    static QList<QDate> daysOf(const QList<StoredRecord> &rows);
    void dropOldest(int count);
    void dropNewest(int count);

    HistoryStore &m_store;
    HistoryScope m_scope;
    QList<StoredRecord> m_rows; // oldest first
    QList<QDate> m_days;        // the local day of each row: time zones are slow to ask per paint
    bool m_hasOlder = false;
    bool m_hasNewer = false;
    // Changing rows: whoever listens may ask for more right then (QAbstractItemModelTester does);
    // such a request is not nested inside the change, and views ask again once they lay out.
    bool m_changing = false;
};

} // namespace huiji

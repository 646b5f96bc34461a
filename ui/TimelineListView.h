#pragma once

#include "protocol/Error.h"
#include "ui/PagedListView.h"

namespace huiji {

class HistoryRecordDelegate;
class HistoryTimelineModel;

// A list of one HistoryTimelineModel that pages as the user scrolls: up to the first row loads
// the older page above it, down to the last row after a jump loads the newer page below (Qt's
// fetchMore), and the record the user was looking at stays in place (PagedListView). Resting on
// the newest record, it stays at the bottom when the window resizes or older pages fill it up.
class TimelineListView : public PagedListView
{
    Q_OBJECT

public:
    explicit TimelineListView(HistoryTimelineModel *model, QWidget *parent = nullptr);

    HistoryTimelineModel *timeline() const { return m_model; }
    HistoryRecordDelegate *recordDelegate() const { return m_delegate; }

    // Shows the newest page, scrolled to the newest record.
    Result<void> showNewest();
    // Shows the records around a position with the record at it (or the nearest) in the middle
    // of the view and, with select, current and selected.
    Result<void> showAround(qint64 anchor, bool select = true);
    // What the viewport says when there are no records.
    void setPlaceholderText(const QString &text);

signals:
    void loadFailed(const huiji::Error &error);

protected:
    bool canFetchAbove() const override;
    void fetchAbove() override;
    bool keepsPlace() const override { return !m_atNewest; }
    void paintEvent(QPaintEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void verticalScrollbarValueChanged(int value) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int first, int last) override;

private:
    void keepBottom(int minimum, int maximum);
    void centerOn(const QModelIndex &index, bool select);

    HistoryTimelineModel *m_model;
    HistoryRecordDelegate *m_delegate;
    QString m_placeholder;
    bool m_atNewest = true;
    // A row to centre once the view has its real size: a jump can come before the window shows.
    QPersistentModelIndex m_pendingCenter;
};

} // namespace huiji

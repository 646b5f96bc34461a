#pragma once

#include <QListView>
#include <QPersistentModelIndex>
#include <QTimer>

namespace huiji {

// A list view over a model that holds a sliding window of pages of something long: a
// conversation, the hits of a search. Qt's fetchMore pages in below; this view pages in above
// when the first row comes into sight. Whenever rows come or go above the row at the top of the
// viewport (a page above, far rows let go), that row stays where it is on screen, so the text the
// user reads never jumps while the window slides.
class PagedListView : public QListView
{
    Q_OBJECT

public:
    void setModel(QAbstractItemModel *model) override;

protected:
    explicit PagedListView(QWidget *parent = nullptr);

    // Whether there are rows above the first to fetch now, and fetching them.
    virtual bool canFetchAbove() const = 0;
    virtual void fetchAbove() = 0;
    // False while the view follows something else, such as the newest row at the bottom.
    virtual bool keepsPlace() const { return true; }
    // Looks, once the event loop turns, whether the top is in sight and a page should come above.
    // Waiting matters: a reset or a jump moves the scroll bar through the top on its way to where
    // it belongs, and that must not load a page.
    void checkAbove() { m_aboveCheck.start(); }

    void showEvent(QShowEvent *event) override;
    void verticalScrollbarValueChanged(int value) override;
    void rowsInserted(const QModelIndex &parent, int first, int last) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int first, int last) override;

private:
    // Notes the row at the top and where it is, unless it is among [first, last] about to go.
    void holdTopRow(int first, int last);
    void restoreTopRow();

    QTimer m_aboveCheck;
    QList<QMetaObject::Connection> m_modelConnections;
    QPersistentModelIndex m_topRow;
    int m_topOffset = 0;
};

} // namespace huiji

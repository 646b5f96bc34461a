#include "ui/PagedListView.h"

#include <QScrollBar>

namespace huiji {

PagedListView::PagedListView(QWidget *parent) : QListView(parent)
{
    m_aboveCheck.setSingleShot(true);
    m_aboveCheck.setInterval(0);
    connect(&m_aboveCheck, &QTimer::timeout, this, [this] {
        const QScrollBar *bar = verticalScrollBar();
        if (isVisible() && model() && bar->value() == bar->minimum() && canFetchAbove())
            fetchAbove();
    });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &PagedListView::checkAbove);
}

void PagedListView::setModel(QAbstractItemModel *model)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    m_topRow = QPersistentModelIndex();
    QListView::setModel(model);
    if (!model)
        return;
    // Inserting changes nothing the view holds until it is done, so the top row can be noted
    // when the model announces it; removing is noted in rowsAboutToBeRemoved, before QListView
    // lets go of its layout.
    m_modelConnections = {
        connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
                [this](const QModelIndex &parent, int first) {
                    if (!parent.isValid())
                        holdTopRow(first, first - 1);
                }),
        connect(model, &QAbstractItemModel::rowsRemoved, this, &PagedListView::restoreTopRow),
    };
}

void PagedListView::showEvent(QShowEvent *event)
{
    QListView::showEvent(event);
    checkAbove();
}

void PagedListView::verticalScrollbarValueChanged(int value)
{
    QListView::verticalScrollbarValueChanged(value);
    checkAbove();
}

void PagedListView::rowsInserted(const QModelIndex &parent, int first, int last)
{
    QListView::rowsInserted(parent, first, last);
    restoreTopRow();
}

void PagedListView::rowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (!parent.isValid())
        holdTopRow(first, last);
    QListView::rowsAboutToBeRemoved(parent, first, last);
}

void PagedListView::holdTopRow(int first, int last)
{
    m_topRow = QPersistentModelIndex();
    if (!keepsPlace())
        return;
    const QModelIndex top = indexAt(QPoint(1, 1));
    if (!top.isValid() || (top.row() >= first && top.row() <= last))
        return;
    m_topRow = top;
    m_topOffset = visualRect(top).top();
}

void PagedListView::restoreTopRow()
{
    if (!m_topRow.isValid())
        return;
    const QModelIndex top = m_topRow;
    m_topRow = QPersistentModelIndex();
    // Laying out again (visualRect does) moves the row by the height of the rows that came or
    // went above it; scroll by as much.
    const int moved = visualRect(top).top() - m_topOffset;
    if (moved != 0)
        verticalScrollBar()->setValue(verticalScrollBar()->value() + moved);
}

} // namespace huiji

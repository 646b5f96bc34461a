#include "ui/TimelineListView.h"

#include "ui/HistoryRecordDelegate.h"
#include "ui/HistoryTimelineModel.h"

#include <QPainter>
#include <QScrollBar>
#include <QTimer>

namespace huiji {

TimelineListView::TimelineListView(HistoryTimelineModel *model, QWidget *parent)
    : PagedListView(parent), m_model(model), m_delegate(new HistoryRecordDelegate(this))
{
    setModel(m_model);
    setItemDelegate(m_delegate);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(Adjust);
    setSelectionMode(SingleSelection);
    setWordWrap(true);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &TimelineListView::keepBottom);
    connect(m_model, &HistoryTimelineModel::loadFailed, this, &TimelineListView::loadFailed);
    // Heights are remembered by record; records that left the window, or another conversation's,
    // need not be.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_delegate->heights().clear(); });
}

Result<void> TimelineListView::showNewest()
{
    if (auto shown = m_model->showNewest(); !shown)
        return shown;
    m_pendingCenter = QPersistentModelIndex();
    m_atNewest = true;
    scrollToBottom();
    checkAbove();
    return {};
}

Result<void> TimelineListView::showAround(qint64 anchor, bool select)
{
    m_atNewest = false;
    const auto row = m_model->showAround(anchor);
    if (!row)
        return std::unexpected(row.error());
    if (*row >= 0)
        centerOn(m_model->index(*row), select);
    checkAbove();
    return {};
}

void TimelineListView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void TimelineListView::centerOn(const QModelIndex &index, bool select)
{
    if (select)
        setCurrentIndex(index);
    if (isVisible()) {
        scrollTo(index, PositionAtCenter);
        m_pendingCenter = QPersistentModelIndex();
    } else {
        m_pendingCenter = index;
    }
}

void TimelineListView::keepBottom(int minimum, int maximum)
{
    Q_UNUSED(minimum);
    if (m_atNewest)
        verticalScrollBar()->setValue(maximum);
}

void TimelineListView::verticalScrollbarValueChanged(int value)
{
    // Decided before the base class fetches a newer page: only a view resting on the newest record
    // the store has follows the bottom, never one that is paging down after a jump.
    m_atNewest = value == verticalScrollBar()->maximum() && !m_model->canFetchMore({});
    PagedListView::verticalScrollbarValueChanged(value);
}

bool TimelineListView::canFetchAbove() const
{
    return !m_pendingCenter.isValid() && m_model->canFetchOlder();
}

void TimelineListView::fetchAbove()
{
    if (const auto fetched = m_model->fetchOlder(); !fetched)
        emit loadFailed(fetched.error());
}

void TimelineListView::rowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    for (int row = first; row <= last; ++row)
        m_delegate->heights().forget(m_model->recordAt(row).position);
    PagedListView::rowsAboutToBeRemoved(parent, first, last);
}

void TimelineListView::showEvent(QShowEvent *event)
{
    PagedListView::showEvent(event);
    QTimer::singleShot(0, this, [this] {
        if (m_pendingCenter.isValid())
            scrollTo(m_pendingCenter, PositionAtCenter);
        else if (m_atNewest)
            scrollToBottom();
        m_pendingCenter = QPersistentModelIndex();
        checkAbove();
    });
}

void TimelineListView::paintEvent(QPaintEvent *event)
{
    PagedListView::paintEvent(event);
    if (m_model->rowCount() > 0 || m_placeholder.isEmpty())
        return;
    QPainter painter(viewport());
    QColor color = palette().color(QPalette::Text);
    color.setAlphaF(0.6f);
    painter.setPen(color);
    const int margin = fontMetrics().height();
    painter.drawText(viewport()->rect().adjusted(margin, margin, -margin, -margin),
                     Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
}

} // namespace huiji

#include "ui/TimelineListView.h"

#include "ui/HistoryRecordDelegate.h"
#include "ui/HistoryTimelineModel.h"

#include <QPainter>
#include <QScrollBar>

namespace huiji {

TimelineListView::TimelineListView(HistoryTimelineModel *model, QWidget *parent)
    : QListView(parent), m_model(model), m_delegate(new HistoryRecordDelegate(this))
{
    setModel(m_model);
    setItemDelegate(m_delegate);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(Adjust);
    setSelectionMode(SingleSelection);
    setWordWrap(true);
    // Asking for older pages waits for the event loop: a reset or a jump moves the scroll bar
    // through the top on its way to where it belongs, and that must not load a page.
    m_olderCheck.setSingleShot(true);
    m_olderCheck.setInterval(0);
    connect(&m_olderCheck, &QTimer::timeout, this, [this] {
        const QScrollBar *bar = verticalScrollBar();
        if (isVisible() && !m_pendingCenter.isValid() && m_model->canFetchOlder() && bar->value() == bar->minimum())
            fetchOlderKeepingPlace();
    });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &TimelineListView::keepBottom);
    connect(m_model, &HistoryTimelineModel::loadFailed, this, &TimelineListView::loadFailed);
}

Result<void> TimelineListView::showNewest()
{
    if (auto shown = m_model->showNewest(); !shown)
        return shown;
    m_pendingCenter = QPersistentModelIndex();
    m_atNewest = true;
    scrollToBottom();
    m_olderCheck.start();
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
    m_olderCheck.start();
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
    m_olderCheck.start();
}

void TimelineListView::verticalScrollbarValueChanged(int value)
{
    // Decided before the base class fetches a newer page: only a view resting on the newest record
    // the store has follows the bottom, never one that is paging down after a jump.
    m_atNewest = value == verticalScrollBar()->maximum() && !m_model->canFetchMore({});
    QListView::verticalScrollbarValueChanged(value);
    m_olderCheck.start();
}

void TimelineListView::fetchOlderKeepingPlace()
{
    const QModelIndex top = indexAt(QPoint(1, 1));
    const qint64 topPosition = top.data(HistoryTimelineModel::PositionRole).toLongLong();
    const int topOffset = top.isValid() ? visualRect(top).top() : 0;
    const auto fetched = m_model->fetchOlder();
    if (!fetched) {
        emit loadFailed(fetched.error());
        return;
    }
    if (*fetched == 0 || m_atNewest || !top.isValid())
        return;
    // The rows above pushed the record at the top down by their height; scroll by as much.
    const QModelIndex moved = m_model->index(m_model->rowOf(topPosition));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + visualRect(moved).top() - topOffset);
}

void TimelineListView::showEvent(QShowEvent *event)
{
    QListView::showEvent(event);
    QTimer::singleShot(0, this, [this] {
        if (m_pendingCenter.isValid())
            scrollTo(m_pendingCenter, PositionAtCenter);
        else if (m_atNewest)
            scrollToBottom();
        m_pendingCenter = QPersistentModelIndex();
        m_olderCheck.start();
    });
}

void TimelineListView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
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

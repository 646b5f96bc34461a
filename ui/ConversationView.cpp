#include "ui/ConversationView.h"

#include "ui/ConversationModel.h"
#include "ui/MessageDelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QIdentityProxyModel>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>

namespace huiji {

namespace {

// The model as the view sees it: without "more to fetch", which the view handles itself.
class NoAutoFetch : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex &) const override { return false; }
};

} // namespace

ConversationView::ConversationView(QWidget *parent) : QListView(parent), m_delegate(new MessageDelegate(this))
{
    setItemDelegate(m_delegate);
    connect(m_delegate, &MessageDelegate::retryRequested, this,
            [this](const QModelIndex &index) { emit retryRequested(index.data(ConversationModel::IdRole).toUuid()); });
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(Adjust); // bubbles rewrap when the window is resized
    setSelectionMode(NoSelection);
    setFrameShape(QFrame::NoFrame);
    setAccessibleName(tr("Messages"));
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &ConversationView::onRangeChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ConversationView::onScrolled);
}

void ConversationView::setConversation(ConversationModel *model)
{
    QAbstractItemModel *previous = this->model();
    m_model = model;
    auto *proxy = new NoAutoFetch(this);
    proxy->setSourceModel(model);
    setModel(proxy);
    delete previous;
    connect(proxy, &QAbstractItemModel::rowsInserted, this, &ConversationView::onRowsInserted);
    connect(proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_fromBottom = 0;
        m_keepTop = false;
    });
}

bool ConversationView::isAtBottom() const
{
    return verticalScrollBar()->value() >= verticalScrollBar()->maximum();
}

void ConversationView::scrollToNewest()
{
    m_fromBottom = 0;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void ConversationView::onRowsInserted(const QModelIndex &, int first, int last)
{
    // Rows above (an older page) keep the view anchored at the bottom, as does a message that
    // lands while the newest one is in view; anything else keeps what is on screen where it is.
    const bool appended = last == model()->rowCount() - 1;
    m_keepTop = !(first == 0 && !appended) && !(appended && m_fromBottom == 0);
}

void ConversationView::onRangeChanged(int, int maximum)
{
    m_adjusting = true;
    if (m_keepTop)
        m_fromBottom = maximum - verticalScrollBar()->value();
    else
        verticalScrollBar()->setValue(maximum - m_fromBottom);
    m_keepTop = false;
    m_adjusting = false;
    fetchOlderIfNear();
}

void ConversationView::onScrolled(int value)
{
    if (!m_adjusting)
        m_fromBottom = verticalScrollBar()->maximum() - value;
    fetchOlderIfNear();
}

void ConversationView::fetchOlderIfNear()
{
    if (!m_model || m_fetchQueued || !m_model->canFetchMore({}))
        return;
    const auto near = [this] { return verticalScrollBar()->value() - verticalScrollBar()->minimum() <= viewport()->height() / 2; };
    if (!near())
        return;
    // Not from inside a layout or a scroll: the rows it inserts start another layout.
    m_fetchQueued = true;
    QTimer::singleShot(0, this, [this, near] {
        m_fetchQueued = false;
        if (m_model && m_model->canFetchMore({}) && near())
            m_model->fetchMore({});
    });
}

void ConversationView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    QListView::dataChanged(topLeft, bottomRight, roles);
    // A day separator or a failure note that comes or goes changes the row's height; QListView
    // keeps sizes otherwise.
    if (roles.isEmpty() || roles.contains(ConversationModel::DaySeparatorRole)
        || roles.contains(ConversationModel::FailureRole))
        scheduleDelayedItemsLayout();
}

QRect ConversationView::retryArea(int row) const
{
    const QModelIndex index = model() ? model()->index(row, 0) : QModelIndex();
    if (!index.isValid())
        return {};
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return m_delegate->retryArea(option, index).toAlignedRect();
}

void ConversationView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = event->reason() == QContextMenuEvent::Mouse ? indexAt(event->pos()) : currentIndex();
    if (!index.data(ConversationModel::CanRetryRole).toBool()) {
        QListView::contextMenuEvent(event);
        return;
    }
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QUuid id = index.data(ConversationModel::IdRole).toUuid();
    menu->addAction(tr("&Retry sending"), this, [this, id] { emit retryRequested(id); });
    menu->popup(event->reason() == QContextMenuEvent::Mouse ? event->globalPos()
                                                            : viewport()->mapToGlobal(visualRect(index).center()));
}

void ConversationView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy) && currentIndex().isValid()) {
        QApplication::clipboard()->setText(currentIndex().data(Qt::DisplayRole).toString());
        return;
    }
    QListView::keyPressEvent(event);
}

} // namespace huiji

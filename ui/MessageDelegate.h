#pragma once

#include <QStyledItemDelegate>

class QAbstractItemView;
class QTextLayout;

namespace huiji {

// Draws a ConversationModel row as a chat bubble: own messages on the right, the contact's on the
// left, the text wrapped (at word boundaries, or anywhere in a word too long for the bubble, as
// Chinese and long links need), the time and, for own messages, the delivery state as a tick; a
// message that went directly between the devices (claim 11) carries a small link mark before its
// time (its tooltip says so in words), one that went through the server none. A
// day separator is drawn above the first row of each day, and a message another device of this
// account sent carries "sent from Laptop" below it in that device's colour (DeviceColors). A
// message the server refused carries a warning mark instead of the tick and "Not sent: why" below
// it, with a Retry link where sending it again can help (retryRequested when clicked).
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // Bubbles are as wide as the view's viewport allows, so the delegate reads its width.
    explicit MessageDelegate(QAbstractItemView *view);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    // Where the row's Retry link is, in the coordinates of option.rect; empty when it has none.
    QRectF retryArea(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    // "Today", "Yesterday" or the date, as the separator shows it.
    static QString dayText(const QDate &day);

signals:
    void retryRequested(const QModelIndex &index);

private:
    struct Layout; // where each part of a row goes
    static QString failureText(const QModelIndex &index); // "Not sent: why"
    Layout layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index, QTextLayout *text) const;
    void paintTick(QPainter *painter, const QRectF &area, int state, const QColor &color) const;
    void paintDirectMark(QPainter *painter, const QRectF &area, const QColor &color) const;
    void paintFailureMark(QPainter *painter, const QRectF &area, const QColor &color) const;

    QAbstractItemView *m_view;
};

} // namespace huiji

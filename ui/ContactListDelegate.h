#pragma once

#include <QStyledItemDelegate>

namespace huiji {

// Draws a ContactListModel row: the initial in a circle with a presence dot (filled: online,
// hollow: offline), the name, the time of the last message, the last message on one line or what
// a request is waiting for, and the unread count as a badge. Colours come from the palette.
class ContactListDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The time of a last message as a list shows it: the time today, "Yesterday", the weekday
    // within a week, the date before that.
    static QString activityText(const QDateTime &time);
};

} // namespace huiji

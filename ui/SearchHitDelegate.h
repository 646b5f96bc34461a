#pragma once

#include <QStyledItemDelegate>

class QTextLayout;

namespace huiji {

// Paints one hit of a SearchResultModel: the device's colour bar, a line with the contact, the
// date and the device's badge, and the snippet (at most three lines) with every match marked.
class SearchHitDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static constexpr int maxSnippetLines = 3;

    static int padding(const QStyleOptionViewItem &option);
    static int textWidth(const QStyleOptionViewItem &option);
    static int headerHeight(const QStyleOptionViewItem &option);
    static int layoutSnippet(QTextLayout &layout, const QStyleOptionViewItem &option, const QModelIndex &index,
                             bool selected);
};

} // namespace huiji

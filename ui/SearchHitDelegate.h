#pragma once

#include "ui/TextHeightCache.h"

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
    // Snippet heights remembered by hit position; the view lets go of hits that leave it.
    TextHeightCache &heights() { return m_snippetHeights; }

private:
    static constexpr int maxSnippetLines = 3;

    static int padding(const QStyleOptionViewItem &option);
    static int textWidth(const QStyleOptionViewItem &option);
    static int headerHeight(const QStyleOptionViewItem &option);
    static int layoutSnippet(QTextLayout &layout, const QStyleOptionViewItem &option, const QModelIndex &index,
                             bool selected);

    mutable TextHeightCache m_snippetHeights;
};

} // namespace huiji

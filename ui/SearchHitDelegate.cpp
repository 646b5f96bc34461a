#include "ui/SearchHitDelegate.h"

#include "ui/HistoryDeviceBadge.h"
#include "ui/HistoryTextLayout.h"
#include "ui/SearchResultModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QTextLayout>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

int SearchHitDelegate::padding(const QStyleOptionViewItem &option)
{
    return qMax(4, option.fontMetrics.height() / 3);
}

int SearchHitDelegate::textWidth(const QStyleOptionViewItem &option)
{
    const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
    const int width = view ? view->viewport()->width() : qMax(200, option.rect.width());
    return width - 5 * padding(option);
}

int SearchHitDelegate::headerHeight(const QStyleOptionViewItem &option)
{
    return qMax(option.fontMetrics.height(), HistoryDeviceBadge::size(u"M"_s, option.font).height());
}

int SearchHitDelegate::layoutSnippet(QTextLayout &layout, const QStyleOptionViewItem &option,
                                     const QModelIndex &index, bool selected)
{
    const auto ranges = index.data(SearchResultModel::HighlightsRole).value<HistoryTextLayout::Ranges>();
    layout.setText(index.data(SearchResultModel::SnippetRole).toString());
    layout.setFont(option.font);
    layout.setFormats(HistoryTextLayout::formats(ranges, option.palette, selected));
    return HistoryTextLayout::layout(layout, textWidth(option), maxSnippetLines);
}

QSize SearchHitDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const qint64 position = index.data(SearchResultModel::PositionRole).toLongLong();
    std::optional<int> snippet = m_snippetHeights.find(position, textWidth(option), option.font);
    if (!snippet) {
        QTextLayout layout;
        snippet = layoutSnippet(layout, option, index, false);
        m_snippetHeights.insert(position, *snippet);
    }
    const int pad = padding(option);
    return {qMax(1, textWidth(option) + 4 * pad), pad + headerHeight(option) + pad / 2 + *snippet + pad};
}

void SearchHitDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);

    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const int pad = padding(opt);
    const QRect rect = opt.rect;
    const QColor deviceColor = index.data(SearchResultModel::DeviceColorRole).value<QColor>();
    const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.65f);

    painter->save();
    painter->fillRect(QRect(rect.left() + pad, rect.top() + pad / 2, qMax(3, pad / 2), rect.height() - pad),
                      deviceColor);

    // Contact and device on the left, the date on the right: it gives way first when the list is
    // narrow, as the contact and the device matter more here (the tooltip has the full time).
    int x = rect.left() + 3 * pad;
    const int top = rect.top() + pad;
    const int header = headerHeight(opt);
    QFont bold = opt.font;
    bold.setWeight(QFont::Bold);
    const QString contact = index.data(SearchResultModel::ContactRole).toString();
    const int contactWidth = QFontMetrics(bold).horizontalAdvance(contact);
    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(QRect(x, top, contactWidth, header), Qt::AlignVCenter, contact);
    x += contactWidth + pad;

    const QString label = index.data(SearchResultModel::DeviceLabelRole).toString();
    const QSize badge = HistoryDeviceBadge::size(label, opt.font);
    HistoryDeviceBadge::paint(*painter, QPoint(x, top + (header - badge.height()) / 2), label, deviceColor, opt.font,
                              opt.palette);
    x += badge.width() + pad;

    const QDate date = index.data(SearchResultModel::TimeRole).toDateTime().date();
    const int right = rect.right() - 2 * pad;
    const QString dateText =
        opt.fontMetrics.elidedText(QLocale().toString(date, QLocale::ShortFormat), Qt::ElideRight, qMax(0, right - x));
    painter->setFont(opt.font);
    painter->setPen(dim);
    painter->drawText(QRect(x, top, qMax(0, right - x), header), Qt::AlignVCenter | Qt::AlignRight, dateText);

    QTextLayout layout;
    layoutSnippet(layout, opt, index, selected);
    painter->setPen(text);
    layout.draw(painter, QPointF(rect.left() + 3 * pad, top + header + pad / 2));
    painter->restore();
}

} // namespace huiji

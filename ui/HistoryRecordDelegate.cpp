#include "ui/HistoryRecordDelegate.h"

#include "ui/HistoryDeviceBadge.h"
#include "ui/HistoryTextLayout.h"
#include "ui/HistoryTimelineModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QTextLayout>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

QColor dimmed(const QPalette &palette, bool selected)
{
    QColor color = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    color.setAlphaF(0.65f);
    return color;
}

QFont boldFont(const QFont &font)
{
    QFont bold = font;
    bold.setWeight(QFont::Bold);
    return bold;
}

} // namespace

HistoryRecordDelegate::HistoryRecordDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void HistoryRecordDelegate::setHighlightTerms(const QStringList &terms)
{
    if (terms == m_terms)
        return;
    m_terms = terms;
    m_bodyHeights.clear(); // bold marks change how the text wraps
}

HistoryRecordDelegate::Metrics HistoryRecordDelegate::metricsFor(const QStyleOptionViewItem &option)
{
    const int line = option.fontMetrics.height();
    Metrics metrics;
    metrics.padding = qMax(4, line / 3);
    metrics.bar = qMax(3, line / 5);
    metrics.header = qMax(line, HistoryDeviceBadge::size(u"M"_s, option.font).height());
    metrics.dayHeading = line + 2 * metrics.padding;
    return metrics;
}

int HistoryRecordDelegate::availableWidth(const QStyleOptionViewItem &option)
{
    // A list view asks for size hints without a rect; the body wraps to its viewport.
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return option.rect.width() > 0 ? option.rect.width() : 400;
}

int HistoryRecordDelegate::textWidth(const QStyleOptionViewItem &option, const Metrics &metrics)
{
    return availableWidth(option) - metrics.bar - 4 * metrics.padding;
}

bool HistoryRecordDelegate::startsDay(const QModelIndex &index)
{
    if (index.row() == 0)
        return true;
    const QDate day = index.data(HistoryTimelineModel::DayRole).toDate();
    return index.siblingAtRow(index.row() - 1).data(HistoryTimelineModel::DayRole).toDate() != day;
}

void HistoryRecordDelegate::prepareBody(QTextLayout &layout, const QString &body, const QFont &font,
                                        const QPalette &palette, bool selected) const
{
    layout.setText(body);
    layout.setFont(font);
    if (!m_terms.isEmpty())
        layout.setFormats(HistoryTextLayout::formats(HistoryTextLayout::find(body, m_terms), palette, selected));
}

int HistoryRecordDelegate::bodyHeight(const QStyleOptionViewItem &option, const QModelIndex &index, int width) const
{
    const qint64 position = index.data(HistoryTimelineModel::PositionRole).toLongLong();
    if (const auto cached = m_bodyHeights.find(position, width, option.font))
        return *cached;
    QTextLayout layout;
    prepareBody(layout, index.data(HistoryTimelineModel::BodyRole).toString(), option.font, option.palette, false);
    const int height = HistoryTextLayout::layout(layout, width);
    m_bodyHeights.insert(position, height);
    return height;
}

QSize HistoryRecordDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Metrics metrics = metricsFor(option);
    int height = metrics.padding + metrics.header + metrics.padding / 2
                 + bodyHeight(option, index, textWidth(option, metrics)) + metrics.padding;
    if (startsDay(index))
        height += metrics.dayHeading;
    // Narrower than the viewport, so that no horizontal scroll bar comes and goes with the text.
    return {qMax(1, availableWidth(option) - 2), height};
}

void HistoryRecordDelegate::paintDayHeading(QPainter &painter, const QStyleOptionViewItem &option,
                                            const QModelIndex &index, QRect rect) const
{
    const QDate day = index.data(HistoryTimelineModel::DayRole).toDate();
    const QString text = QLocale().toString(day, QLocale::LongFormat);
    QFont font = option.font;
    font.setWeight(QFont::DemiBold);
    const QFontMetrics metrics(font);
    const int textWidth = metrics.horizontalAdvance(text);
    const int gap = metrics.height();
    const int middle = rect.center().y();
    const int left = rect.center().x() - textWidth / 2;

    painter.save();
    painter.setPen(option.palette.color(QPalette::Mid));
    painter.drawLine(rect.left() + gap, middle, left - gap / 2, middle);
    painter.drawLine(left + textWidth + gap / 2, middle, rect.right() - gap, middle);
    painter.setFont(font);
    painter.setPen(dimmed(option.palette, false));
    painter.drawText(QRect(left, rect.top(), textWidth, rect.height()), Qt::AlignCenter, text);
    painter.restore();
}

void HistoryRecordDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Metrics metrics = metricsFor(opt);
    QRect rect = opt.rect;
    if (startsDay(index)) {
        paintDayHeading(*painter, opt, index, rect.adjusted(0, 0, 0, -(rect.height() - metrics.dayHeading)));
        rect.setTop(rect.top() + metrics.dayHeading);
    }

    // The style draws selection and hover, so they look like every other list on the desktop.
    opt.rect = rect;
    opt.text.clear();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);

    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const QColor deviceColor = index.data(HistoryTimelineModel::DeviceColorRole).value<QColor>();
    painter->save();
    painter->fillRect(QRect(rect.left() + metrics.padding, rect.top() + metrics.padding / 2, metrics.bar,
                            rect.height() - metrics.padding),
                      deviceColor);

    // Header: time, sender, device badge.
    int x = rect.left() + metrics.bar + 3 * metrics.padding;
    const int top = rect.top() + metrics.padding;
    const QDateTime time = index.data(HistoryTimelineModel::TimeRole).toDateTime();
    const QString timeText = QLocale().toString(time.time(), QLocale::ShortFormat);
    painter->setFont(opt.font);
    painter->setPen(dimmed(opt.palette, selected));
    const int timeWidth = opt.fontMetrics.horizontalAdvance(timeText);
    painter->drawText(QRect(x, top, timeWidth, metrics.header), Qt::AlignVCenter, timeText);
    x += timeWidth + 2 * metrics.padding;

    const QFont bold = boldFont(opt.font);
    const QString sender = index.data(HistoryTimelineModel::SenderRole).toString();
    const int senderWidth = QFontMetrics(bold).horizontalAdvance(sender);
    painter->setFont(bold);
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(QRect(x, top, senderWidth, metrics.header), Qt::AlignVCenter, sender);
    x += senderWidth + 2 * metrics.padding;

    const QString label = index.data(HistoryTimelineModel::DeviceLabelRole).toString();
    const QSize badge = HistoryDeviceBadge::size(label, opt.font);
    HistoryDeviceBadge::paint(*painter, QPoint(x, top + (metrics.header - badge.height()) / 2), label, deviceColor, opt.font,
                       opt.palette);

    // Body, wrapped, with the search terms marked.
    const int textLeft = rect.left() + metrics.bar + 3 * metrics.padding;
    QTextLayout layout;
    prepareBody(layout, index.data(HistoryTimelineModel::BodyRole).toString(), opt.font, opt.palette, selected);
    HistoryTextLayout::layout(layout, textWidth(opt, metrics));
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    layout.draw(painter, QPointF(textLeft, top + metrics.header + metrics.padding / 2));
    painter->restore();
}

} // namespace huiji

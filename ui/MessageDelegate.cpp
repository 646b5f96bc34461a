#include "ui/MessageDelegate.h"

#include "ui/ChatStyle.h"
#include "ui/ConversationModel.h"
#include "ui/DeviceColors.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <cmath>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qreal sideMargin = 14;  // between the view's edge and a bubble
constexpr qreal gap = 3;          // between consecutive rows
constexpr qreal padX = 11;        // inside a bubble
constexpr qreal padY = 7;
constexpr qreal radius = 12;
constexpr qreal footerSpacing = 8; // between the text and the time beside it
constexpr qreal tickWidth = 16;
constexpr qreal directWidth = 13; // the link mark of a direct message
constexpr qreal directSpacing = 4;
constexpr qreal widthShare = 0.72; // of the view a bubble may take at most
constexpr qreal maxTextWidth = 620;

QFont smallFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    return small;
}

// A red that reads on the palette's base, light or dark: the palette has no colour for failures.
QColor failureColor(const QPalette &palette)
{
    return QColor::fromHsl(0, 170, palette.color(QPalette::Base).lightness() < 128 ? 165 : 105);
}

bool isFailed(const QModelIndex &index)
{
    return index.data(ConversationModel::DeliveryStateRole).toInt() == static_cast<int>(ConversationModel::DeliveryState::Failed);
}

} // namespace

struct MessageDelegate::Layout {
    QRectF separator; // empty when this row starts no day
    QRectF bubble;
    QPointF textOrigin;
    QRectF time;
    QRectF tick;      // empty for the contact's messages
    QRectF direct;    // the link mark, empty unless the message went directly
    QRectF label;     // "sent from …", empty unless another device of this account wrote it
    QRectF failure;   // "Not sent: …", empty unless the server refused it
    QRectF retry;     // the Retry link beside it, empty unless sending it again can help
    qreal height = 0;
};

MessageDelegate::MessageDelegate(QAbstractItemView *view) : QStyledItemDelegate(view), m_view(view) {}

QString MessageDelegate::dayText(const QDate &day)
{
    const QDate today = QDate::currentDate();
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

MessageDelegate::Layout MessageDelegate::layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index,
                                                   QTextLayout *text) const
{
    const QFontMetricsF small(smallFont(option.font));
    const qreal width = m_view->viewport()->width();
    const bool own = index.data(ConversationModel::OutgoingRole).toBool();
    Layout layout;
    qreal y = gap;
    if (index.data(ConversationModel::DaySeparatorRole).toDate().isValid()) {
        layout.separator = QRectF(0, y, width, small.height() + 18);
        y = layout.separator.bottom();
    }

    // The text, wrapped at words where it can be and anywhere where it must.
    const qreal textWidth = std::max<qreal>(60, std::min(width * widthShare, maxTextWidth) - 2 * padX);
    QString body = index.data(Qt::DisplayRole).toString();
    body.replace(u'\n', QChar::LineSeparator);
    text->setText(body);
    text->setFont(option.font);
    QTextOption wrapping;
    wrapping.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    text->setTextOption(wrapping);
    text->beginLayout();
    qreal textHeight = 0, naturalWidth = 0, lastLineWidth = 0;
    for (QTextLine line = text->createLine(); line.isValid(); line = text->createLine()) {
        line.setLineWidth(textWidth);
        line.setPosition(QPointF(0, textHeight));
        textHeight += line.height();
        lastLineWidth = line.naturalTextWidth();
        naturalWidth = std::max(naturalWidth, lastLineWidth);
    }
    text->endLayout();

    // The time (and tick) sit beside the last line when it leaves room, else on a line of their own.
    const auto state = static_cast<ConversationModel::DeliveryState>(index.data(ConversationModel::DeliveryStateRole).toInt());
    const QString time = chatStyle::shortTime(index.data(ConversationModel::TimeRole).toDateTime().time());
    const bool direct = index.data(ConversationModel::DirectRole).toBool();
    const qreal footerWidth = (direct ? directWidth + directSpacing : 0) + small.horizontalAdvance(time)
                              + (state == ConversationModel::DeliveryState::None ? 0 : tickWidth + 3);
    qreal contentWidth = 0, contentHeight = 0;
    if (lastLineWidth + footerSpacing + footerWidth <= textWidth) {
        contentWidth = std::max(naturalWidth, lastLineWidth + footerSpacing + footerWidth);
        contentHeight = std::max(textHeight, small.height());
    } else {
        contentWidth = std::max(naturalWidth, footerWidth);
        contentHeight = textHeight + small.height();
    }
    const QSizeF bubbleSize(std::ceil(contentWidth) + 2 * padX, std::ceil(contentHeight) + 2 * padY);
    const qreal x = own ? width - sideMargin - bubbleSize.width() : sideMargin;
    layout.bubble = QRectF(QPointF(x, y), bubbleSize);
    layout.textOrigin = QPointF(x + padX, y + padY);
    const qreal footerTop = layout.bubble.bottom() - padY - small.height();
    const qreal footerLeft = layout.bubble.right() - padX - footerWidth;
    const qreal timeLeft = footerLeft + (direct ? directWidth + directSpacing : 0);
    layout.time = QRectF(timeLeft, footerTop, small.horizontalAdvance(time), small.height());
    if (direct)
        layout.direct = QRectF(footerLeft, footerTop, directWidth, small.height());
    if (state != ConversationModel::DeliveryState::None)
        layout.tick = QRectF(layout.bubble.right() - padX - tickWidth, footerTop, tickWidth, small.height());
    y = layout.bubble.bottom();

    if (isFailed(index)) {
        // Under the bubble, on its side: why, elided when long (the tooltip has it whole), then Retry.
        const qreal retryWidth = index.data(ConversationModel::CanRetryRole).toBool() ? small.horizontalAdvance(tr("Retry")) + 2 : 0;
        const qreal spacing = retryWidth > 0 ? footerSpacing : 0;
        const qreal noteWidth = std::min(small.horizontalAdvance(failureText(index)), width - 2 * sideMargin - retryWidth - spacing);
        const qreal left = own ? layout.bubble.right() - retryWidth - spacing - noteWidth : layout.bubble.left();
        layout.failure = QRectF(left, y + 2, noteWidth, small.height());
        if (retryWidth > 0)
            layout.retry = QRectF(layout.failure.right() + spacing, y + 2, retryWidth, small.height());
        y = layout.failure.bottom();
    }

    if (!index.data(ConversationModel::OtherDeviceLabelRole).toString().isEmpty()) {
        layout.label = QRectF(sideMargin, y + 2, width - 2 * sideMargin, small.height());
        y = layout.label.bottom();
    }
    layout.height = y + gap;
    return layout;
}

QString MessageDelegate::failureText(const QModelIndex &index)
{
    return tr("Not sent: %1").arg(index.data(ConversationModel::FailureRole).toString());
}

QRectF MessageDelegate::retryArea(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QTextLayout text;
    const QRectF retry = layoutFor(option, index, &text).retry;
    return retry.isEmpty() ? QRectF() : retry.translated(option.rect.topLeft());
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                                  const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton && retryArea(option, index).contains(mouse->position())) {
            emit retryRequested(index);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QTextLayout text;
    const Layout layout = layoutFor(option, index, &text);
    return {m_view->viewport()->width(), static_cast<int>(std::ceil(layout.height))};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QTextLayout text;
    const Layout layout = layoutFor(option, index, &text);
    const QPalette &palette = option.palette;
    const bool own = index.data(ConversationModel::OutgoingRole).toBool();
    const QFont small = smallFont(option.font);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(option.rect.topLeft());

    const QColor quiet = palette.color(QPalette::PlaceholderText);
    if (!layout.separator.isEmpty()) {
        const QString day = dayText(index.data(ConversationModel::DaySeparatorRole).toDate());
        painter->setFont(small);
        const qreal textWidth = QFontMetricsF(small).horizontalAdvance(day) + 24;
        const QRectF center(layout.separator.center().x() - textWidth / 2, layout.separator.top(), textWidth,
                            layout.separator.height());
        painter->setPen(QPen(chatStyle::tint(palette.color(QPalette::Base), quiet, 0.45f), 1));
        const qreal lineY = std::round(layout.separator.center().y()) + 0.5;
        painter->drawLine(QPointF(sideMargin * 2, lineY), QPointF(center.left(), lineY));
        painter->drawLine(QPointF(center.right(), lineY), QPointF(layout.separator.right() - sideMargin * 2, lineY));
        painter->setPen(quiet);
        painter->drawText(center, Qt::AlignCenter, day);
    }

    // Own bubbles take a tint of the highlight, the contact's a tint of the text colour: both read
    // on light and dark palettes.
    const QColor base = palette.color(QPalette::Base);
    const QColor fill = own ? chatStyle::tint(base, palette.color(QPalette::Highlight), 0.24f) : chatStyle::tint(base, palette.color(QPalette::Text), 0.07f);
    QPainterPath bubble;
    bubble.addRoundedRect(layout.bubble, radius, radius);
    painter->fillPath(bubble, fill);
    if (option.state.testFlag(QStyle::State_HasFocus)) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2));
        painter->drawPath(bubble);
    }
    painter->setPen(palette.color(QPalette::Text));
    text.draw(painter, layout.textOrigin);

    const QColor footer = chatStyle::tint(fill, palette.color(QPalette::Text), 0.55f);
    painter->setFont(small);
    painter->setPen(footer);
    painter->drawText(layout.time, Qt::AlignLeft | Qt::AlignVCenter,
                      chatStyle::shortTime(index.data(ConversationModel::TimeRole).toDateTime().time()));
    if (!layout.direct.isEmpty())
        paintDirectMark(painter, layout.direct, footer);
    if (!layout.tick.isEmpty()) {
        const int state = index.data(ConversationModel::DeliveryStateRole).toInt();
        const bool delivered = state == static_cast<int>(ConversationModel::DeliveryState::Delivered);
        if (isFailed(index))
            paintFailureMark(painter, layout.tick, failureColor(palette));
        else
            paintTick(painter, layout.tick, state, delivered ? palette.color(QPalette::Highlight) : footer);
    }
    if (!layout.failure.isEmpty()) {
        painter->setPen(failureColor(palette));
        painter->drawText(layout.failure, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(small).elidedText(failureText(index), Qt::ElideRight, layout.failure.width()));
    }
    if (!layout.retry.isEmpty()) {
        QFont link = small;
        link.setUnderline(true);
        painter->setFont(link);
        painter->setPen(palette.color(QPalette::Highlight)); // the accent of the delivered tick
        painter->drawText(layout.retry, Qt::AlignLeft | Qt::AlignVCenter, tr("Retry"));
        painter->setFont(small);
    }

    if (!layout.label.isEmpty()) {
        const QColor color = DeviceColors::of(index.data(ConversationModel::DeviceIdRole).toString(), palette);
        const QString label = tr("sent from %1").arg(index.data(ConversationModel::OtherDeviceLabelRole).toString());
        const QFontMetricsF metrics(small);
        const qreal dot = 7;
        const qreal labelWidth = std::min(metrics.horizontalAdvance(label), layout.label.width() - dot - 5);
        const qreal right = layout.bubble.right() - 4;
        const qreal left = own ? right - labelWidth - dot - 5 : layout.bubble.left() + 4;
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawEllipse(QRectF(left, layout.label.center().y() - dot / 2, dot, dot));
        painter->setPen(color);
        painter->drawText(QRectF(left + dot + 5, layout.label.top(), labelWidth, layout.label.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(label, Qt::ElideRight, labelWidth));
    }
    painter->restore();
}

// Two devices joined by a line: the message went from one to the other, not through the server.
void MessageDelegate::paintDirectMark(QPainter *painter, const QRectF &area, const QColor &color) const
{
    painter->save();
    const QPointF c = area.center();
    const qreal reach = area.width() / 2 - 2;
    painter->setPen(QPen(color, 1.3, Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(c - QPointF(reach, 0), c + QPointF(reach, 0));
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawEllipse(c - QPointF(reach, 0), 2.2, 2.2);
    painter->drawEllipse(c + QPointF(reach, 0), 2.2, 2.2);
    painter->restore();
}

// A ring with an exclamation mark: the server refused it.
void MessageDelegate::paintFailureMark(QPainter *painter, const QRectF &area, const QColor &color) const
{
    painter->save();
    const QPointF c = area.center();
    painter->setPen(QPen(color, 1.4, Qt::SolidLine, Qt::RoundCap));
    painter->setBrush(Qt::NoBrush);
    painter->drawEllipse(c, 5, 5);
    painter->drawLine(c + QPointF(0, -2.8), c + QPointF(0, 0.8));
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawEllipse(c + QPointF(0, 2.6), 0.8, 0.8);
    painter->restore();
}

void MessageDelegate::paintTick(QPainter *painter, const QRectF &area, int state, const QColor &color) const
{
    painter->save();
    painter->setPen(QPen(color, 1.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    const QPointF c = area.center();
    if (state == static_cast<int>(ConversationModel::DeliveryState::Sending)) {
        // A small clock: waiting in the outbox.
        painter->drawEllipse(c, 4.5, 4.5);
        painter->drawLine(c, c + QPointF(0, -3));
        painter->drawLine(c, c + QPointF(2.2, 0));
    } else {
        // One check: the server has it; two: a device of the recipient has it.
        const auto check = [&](qreal dx) {
            painter->drawPolyline(QList<QPointF>{c + QPointF(dx - 4, 0), c + QPointF(dx - 1.5, 2.8), c + QPointF(dx + 3.5, -3.2)});
        };
        const bool twice = state == static_cast<int>(ConversationModel::DeliveryState::Delivered);
        check(twice ? -2 : 0);
        if (twice)
            check(2.5);
    }
    painter->restore();
}

} // namespace huiji

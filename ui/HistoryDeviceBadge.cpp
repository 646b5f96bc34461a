#include "ui/HistoryDeviceBadge.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <cmath>

namespace huiji {

namespace {

// Labels longer than this (in average characters) are elided: a badge names a device, it does
// not tell its story.
constexpr int maxLabelChars = 24;

} // namespace

QFont HistoryDeviceBadge::badgeFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() * 0.85 : 8.0);
    small.setWeight(QFont::DemiBold);
    return small;
}

QSize HistoryDeviceBadge::size(const QString &label, const QFont &font)
{
    const QFontMetricsF metrics(badgeFont(font));
    // Rounded up, so that paint() finds room for the whole label and does not elide it.
    const qreal textWidth = qMin(metrics.horizontalAdvance(label), metrics.averageCharWidth() * maxLabelChars);
    const int padding = qRound(metrics.height() / 2);
    return {static_cast<int>(std::ceil(textWidth)) + 1 + 2 * padding, static_cast<int>(std::ceil(metrics.height())) + 2};
}

void HistoryDeviceBadge::paint(QPainter &painter, QPoint topLeft, const QString &label, const QColor &color,
                        const QFont &font, const QPalette &palette)
{
    const QSize badge = size(label, font);
    const QRect rect(topLeft, badge);
    const QFont small = badgeFont(font);
    const QFontMetrics metrics(small);
    const int padding = qRound(QFontMetricsF(small).height() / 2);

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    const qreal radius = badge.height() / 2.0;
    painter.drawRoundedRect(QRectF(rect), radius, radius);
    // DeviceColors makes dark colours on light palettes and light ones on dark palettes, so the
    // view's base colour always stands out on the badge.
    painter.setPen(palette.color(QPalette::Base));
    painter.setFont(small);
    const QString text = metrics.elidedText(label, Qt::ElideRight, rect.width() - 2 * padding);
    painter.drawText(rect.adjusted(padding, 0, -padding, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
    painter.restore();
}

QPixmap HistoryDeviceBadge::swatch(const QColor &color, int side, qreal devicePixelRatio)
{
    QPixmap pixmap(QSize(side, side) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(1, 1, side - 2, side - 2), side / 4.0, side / 4.0);
    return pixmap;
}

} // namespace huiji

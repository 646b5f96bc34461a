#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QRect>
#include <QString>

class QPainter;

namespace huiji {

// The small rounded label that names a record's device in the history viewer's lists, filled
// with the device's colour (DeviceColors) so that the same device reads the same everywhere.
class HistoryDeviceBadge
{
public:
    // The badge's size for a label in a font (the badge uses a slightly smaller one).
    static QSize size(const QString &label, const QFont &font);
    // Paints the badge with its top-left corner at topLeft.
    static void paint(QPainter &painter, QPoint topLeft, const QString &label, const QColor &color,
                      const QFont &font, const QPalette &palette);
    // A square swatch of the colour, for the device filter and the lanes' headers.
    static QPixmap swatch(const QColor &color, int side, qreal devicePixelRatio);

private:
    static QFont badgeFont(const QFont &font);
};

} // namespace huiji

#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace huiji {

// The colour of a device's records, the same in the conversation, the history viewer and the
// settings chart, so that neighbours from different devices stand apart at a glance ([0093]).
// Picked from a fixed set of hues by a stable hash of the device id, with the lightness adjusted
// for the palette so that it reads on light and dark themes alike.
class DeviceColors
{
public:
    static QColor of(const QString &deviceId, const QPalette &palette);
};

} // namespace huiji

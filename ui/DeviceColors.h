#pragma once

#include <QColor>
#include <QPalette>
#include <QString>
#include <QStringList>

namespace huiji {

// The colour of a device's records, the same in the conversation, the history viewer, the
// settings and an export, so that neighbours from different devices stand apart at a glance
// ([0093]). Each device gets one of a fixed set of hues, its lightness adjusted for the palette
// so that it reads on light and dark themes alike.
//
// A hash of the id would give two of three devices the same hue a third of the time, so hues are
// handed out in order, once per run: remember() the devices of the local history first (in id
// order, so that the same history gives the same colours in every run); a device met later
// takes the next hue. Only with more devices than hues does a hue come round again.
class DeviceColors
{
public:
    static void remember(QStringList deviceIds);
    static QColor of(const QString &deviceId, const QPalette &palette);
    static int hueCount();
};

} // namespace huiji

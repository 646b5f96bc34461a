#pragma once

#include <QColor>
#include <QPalette>
#include <QString>
#include <QStringList>

namespace huiji {

class Profile;

// The colour of a device's records, the same in the conversation, the history viewer, the
// settings and an export, so that neighbours from different devices stand apart at a glance
// ([0093]). Each device gets one of a fixed set of hues, its lightness adjusted for the palette
// so that it reads on light and dark themes alike.
//
// A device met for the first time takes the hue its id points at, so that it looks the same in
// every profile, unless a known device has that one: a hash alone would give two of three devices
// the same hue a third of the time, so it then takes the next free one (only with more devices
// than hues does a hue come round again). It keeps it: the hues given are kept in the profile
// (keepIn), so that a device has its colour in every window and every run, whatever order the
// devices are met in. remember() gives the devices of the local history theirs first, in id order.
class DeviceColors
{
public:
    // From now on the hues are the profile's, and new ones are written to it. Before, and
    // without a profile (an export, a test), they are this run's.
    static void keepIn(Profile &profile);
    // The profile is closing: the hues stay for this run, and are no longer written to it.
    static void release(const Profile &profile);
    static void remember(QStringList deviceIds);
    static QColor of(const QString &deviceId, const QPalette &palette);
    static int hueCount();
};

} // namespace huiji

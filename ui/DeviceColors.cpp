#include "ui/DeviceColors.h"

#include "client/Profile.h"

#include <QCryptographicHash>
#include <QHash>

#include <algorithm>
#include <array>

namespace huiji {

namespace {

// Hues that stay apart for people with the common colour-vision deficiencies (Okabe-Ito order,
// extended), in degrees; neighbours in this order differ most.
constexpr std::array<int, 10> hues = {210, 30, 160, 330, 50, 270, 0, 190, 100, 300};

// Widgets live on the GUI thread only: no lock.
struct Assignments {
    QHash<QString, int> hueOf; // device id -> index into hues
    Profile *profile = nullptr;
};

Assignments &assignments()
{
    static Assignments kept;
    return kept;
}

// The hue of a new device: the one its id points at (the same in every profile) unless another
// device has it; then the next that the fewest known devices have, a free one while there is one.
int nextHue(const QHash<QString, int> &given, const QString &deviceId)
{
    std::array<int, hues.size()> uses{};
    for (const int hue : given)
        if (hue >= 0 && hue < static_cast<int>(hues.size()))
            ++uses[static_cast<std::size_t>(hue)];
    const auto preferred = static_cast<std::size_t>(
        static_cast<quint8>(QCryptographicHash::hash(deviceId.toUtf8(), QCryptographicHash::Sha256).at(0)) % hues.size());
    const int fewest = *std::ranges::min_element(uses);
    std::size_t hue = preferred;
    while (uses[hue] != fewest)
        hue = (hue + 1) % hues.size();
    return static_cast<int>(hue);
}

std::size_t hueOf(const QString &deviceId)
{
    Assignments &kept = assignments();
    if (const int known = kept.hueOf.value(deviceId, -1); known >= 0 && known < static_cast<int>(hues.size()))
        return static_cast<std::size_t>(known);
    const int hue = nextHue(kept.hueOf, deviceId);
    kept.hueOf.insert(deviceId, hue);
    if (kept.profile)
        kept.profile->setDeviceHues(kept.hueOf);
    return static_cast<std::size_t>(hue);
}

} // namespace

void DeviceColors::keepIn(Profile &profile)
{
    assignments() = {profile.deviceHues(), &profile};
}

void DeviceColors::release(const Profile &profile)
{
    if (assignments().profile == &profile)
        assignments().profile = nullptr;
}

void DeviceColors::remember(QStringList deviceIds)
{
    std::sort(deviceIds.begin(), deviceIds.end());
    for (const QString &id : std::as_const(deviceIds))
        hueOf(id);
}

QColor DeviceColors::of(const QString &deviceId, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return QColor::fromHsl(hues[hueOf(deviceId)], dark ? 150 : 170, dark ? 170 : 95);
}

int DeviceColors::hueCount()
{
    return int(hues.size());
}

} // namespace huiji

#include "ui/DeviceColors.h"

#include <QHash>

#include <algorithm>
#include <array>

namespace huiji {

namespace {

// Hues that stay apart for people with the common colour-vision deficiencies (Okabe-Ito order,
// extended), in degrees; neighbours in this order differ most.
constexpr std::array<int, 10> hues = {210, 30, 160, 330, 50, 270, 0, 190, 100, 300};

// The hue of a device, as an index into hues. Widgets live on the GUI thread only: no lock.
std::size_t hueOf(const QString &deviceId)
{
    static QHash<QString, std::size_t> assigned;
    if (const std::size_t known = assigned.value(deviceId, hues.size()); known < hues.size())
        return known;
    const std::size_t hue = static_cast<std::size_t>(assigned.size()) % hues.size();
    assigned.insert(deviceId, hue);
    return hue;
}

} // namespace

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

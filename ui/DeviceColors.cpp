#include "ui/DeviceColors.h"

#include <QCryptographicHash>

#include <array>

namespace huiji {

namespace {

// Hues that stay apart for people with the common colour-vision deficiencies (Okabe-Ito order,
// extended), in degrees.
constexpr std::array<int, 10> hues = {210, 30, 160, 330, 50, 270, 0, 190, 100, 300};

} // namespace

QColor DeviceColors::of(const QString &deviceId, const QPalette &palette)
{
    // A hash of the id rather than qHash: the same device has the same colour in every run.
    const QByteArray digest = QCryptographicHash::hash(deviceId.toUtf8(), QCryptographicHash::Sha1);
    const auto index = static_cast<std::size_t>(static_cast<unsigned char>(digest.at(0))) % hues.size();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return QColor::fromHsl(hues[index], dark ? 150 : 170, dark ? 170 : 95);
}

} // namespace huiji

#pragma once

#include <QColor>
#include <QString>
#include <QTime>

namespace huiji {

// What the chat's delegates draw alike: tints of the palette's own colours (so that light and
// dark themes both work without a colour of ours) and times as a chat shows them.
namespace chatStyle {

// `from` moved towards `to` by amount (0: from, 1: to).
QColor tint(const QColor &from, const QColor &to, float amount);

// The locale's short time without seconds, which some locales' short format (C's) has.
QString shortTime(const QTime &time);

} // namespace chatStyle
} // namespace huiji

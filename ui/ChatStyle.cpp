#include "ui/ChatStyle.h"

#include <QLocale>
#include <QRegularExpression>

namespace huiji::chatStyle {

using namespace Qt::Literals::StringLiterals;

QColor tint(const QColor &from, const QColor &to, float amount)
{
    return QColor::fromRgbF(from.redF() + (to.redF() - from.redF()) * amount,
                            from.greenF() + (to.greenF() - from.greenF()) * amount,
                            from.blueF() + (to.blueF() - from.blueF()) * amount);
}

QString shortTime(const QTime &time)
{
    const QLocale locale;
    static const QRegularExpression seconds(u"[:.]ss?"_s);
    return locale.toString(time, locale.timeFormat(QLocale::ShortFormat).remove(seconds));
}

} // namespace huiji::chatStyle

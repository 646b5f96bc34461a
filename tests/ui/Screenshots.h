#pragma once

#include "DarkPalette.h"

#include <QPixmap>
#include <QTest>
#include <QWidget>

namespace huiji {

// Paints the widget in its light palette, then in darkPalette() (which it keeps), checking that
// each grab has the widget's size; saves them as NAME.png and NAME-dark.png when HUIJI_SCREENSHOTS
// names a folder. Check QTest::currentTestFailed() after it.
inline void grabLightAndDark(QWidget &widget, const QString &name)
{
    using namespace Qt::Literals::StringLiterals;
    for (const bool dark : {false, true}) {
        if (dark)
            widget.setPalette(darkPalette());
        const QPixmap shot = widget.grab();
        QCOMPARE(shot.deviceIndependentSize().toSize(), widget.size());
        if (const QString folder = qEnvironmentVariable("HUIJI_SCREENSHOTS"); !folder.isEmpty())
            QVERIFY(shot.save(folder + u'/' + name + (dark ? u"-dark.png"_s : u".png"_s)));
    }
}

} // namespace huiji

#pragma once

#include <QList>
#include <QPalette>
#include <QString>
#include <QStringList>
#include <QTextLayout>

#include <utility>

namespace huiji {

// Wrapped message text with marked search matches, as the history viewer's delegates paint it.
// QTextLayout rather than QPainter::drawText so that the marks follow the text across line breaks
// and Chinese wraps between any two characters while English wraps at word boundaries.
class HistoryTextLayout
{
public:
    using Ranges = QList<std::pair<int, int>>; // (offset, length)

    // Lays the layout's text out at a width, at most maxLines lines (0: no limit), and returns
    // its height.
    static int layout(QTextLayout &layout, int width, int maxLines = 0);
    // Where the terms occur in a text, case-insensitively.
    static Ranges find(const QString &text, const QStringList &terms);
    // The formats that mark the ranges: the palette's highlight, strong enough to see, and bold,
    // which stays visible on a selected row's highlight too.
    static QList<QTextLayout::FormatRange> formats(const Ranges &ranges, const QPalette &palette,
                                                   bool selected);
};

} // namespace huiji

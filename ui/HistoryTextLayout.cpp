#include "ui/HistoryTextLayout.h"

#include <QTextOption>

#include <cmath>

namespace huiji {

int HistoryTextLayout::layout(QTextLayout &layout, int width, int maxLines)
{
    // QTextLayout breaks lines only where it wraps or at a line separator; a message's own line
    // breaks are newlines. Same length, so highlight offsets stay right.
    if (layout.text().contains(u'\n')) {
        QString text = layout.text();
        text.replace(u'\n', QChar::LineSeparator);
        layout.setText(text);
    }
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.setCacheEnabled(true);
    qreal height = 0;
    layout.beginLayout();
    for (int lines = 0; maxLines == 0 || lines < maxLines; ++lines) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(qMax(1, width));
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout.endLayout();
    return static_cast<int>(std::ceil(height));
}

HistoryTextLayout::Ranges HistoryTextLayout::find(const QString &text, const QStringList &terms)
{
    Ranges ranges;
    for (const QString &term : terms) {
        if (term.isEmpty())
            continue;
        for (qsizetype at = text.indexOf(term, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(term, at + term.size(), Qt::CaseInsensitive))
            ranges.append({static_cast<int>(at), static_cast<int>(term.size())});
    }
    return ranges;
}

QList<QTextLayout::FormatRange> HistoryTextLayout::formats(const Ranges &ranges, const QPalette &palette,
                                                         bool selected)
{
    QColor mark = palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight);
    mark.setAlpha(selected ? 70 : 90);
    QTextCharFormat format;
    format.setBackground(mark);
    format.setFontWeight(QFont::Bold);
    QList<QTextLayout::FormatRange> result;
    result.reserve(ranges.size());
    for (const auto &[offset, length] : ranges)
        result.append({offset, length, format});
    return result;
}

} // namespace huiji

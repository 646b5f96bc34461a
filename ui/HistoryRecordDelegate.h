#pragma once

#include "ui/TextHeightCache.h"

#include <QStringList>
#include <QStyledItemDelegate>

class QTextLayout;

namespace huiji {

// Paints one record of a HistoryTimelineModel: a bar in the device's colour down its left edge,
// a line with the time, the sender and the device's badge, then the body wrapped to the width,
// and a day heading above the first record of each day. Neighbours from different devices stand
// apart by the bar's colour at a glance ([0093]).
//
// Heights depend on the wrapped body, so sizeHint lays the body out once per record and width and
// keeps the result: a view relaying out a thousand fetched rows after a page arrives reads them
// from the cache rather than shaping every text again.
class HistoryRecordDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit HistoryRecordDelegate(QObject *parent = nullptr);

    // Marks these terms in every body (the search that led to this conversation); empty: none.
    void setHighlightTerms(const QStringList &terms);
    // Body heights remembered by record position; the view lets go of records that leave it.
    TextHeightCache &heights() { return m_bodyHeights; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    struct Metrics {
        int padding = 0;
        int bar = 0;
        int header = 0;
        int dayHeading = 0;
    };
    static Metrics metricsFor(const QStyleOptionViewItem &option);
    static int availableWidth(const QStyleOptionViewItem &option);
    static int textWidth(const QStyleOptionViewItem &option, const Metrics &metrics);
    static bool startsDay(const QModelIndex &index);
    int bodyHeight(const QStyleOptionViewItem &option, const QModelIndex &index, int width) const;
    void prepareBody(QTextLayout &layout, const QString &body, const QFont &font, const QPalette &palette,
                     bool selected) const;
    void paintDayHeading(QPainter &painter, const QStyleOptionViewItem &option, const QModelIndex &index,
                         QRect rect) const;

    QStringList m_terms;
    mutable TextHeightCache m_bodyHeights;
};

} // namespace huiji

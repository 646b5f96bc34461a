#pragma once

#include "store/HistoryStore.h"

#include <QScrollArea>

class QHBoxLayout;
class QLabel;

namespace huiji {

class TimelineListView;

// A conversation grouped by device (claim 14): one lane per device that has records in it, side
// by side, each its own paged timeline of that device's records with the device's colour and
// label at its head. Lanes rather than section headers in one list: a section header for the
// second device would sit below every record of the first, a million rows down, while lanes show
// each device's records at once and, after a jump, what every device saw at that time.
class HistoryDeviceLanes : public QScrollArea
{
    Q_OBJECT

public:
    explicit HistoryDeviceLanes(HistoryStore &store, QWidget *parent = nullptr);

    // Shows the newest records of each of these devices in the conversation; devices without
    // records in it get no lane.
    Result<void> showConversation(const QString &account, const QString &contact,
                                  const QList<DeviceSummary> &devices);
    // Moves every lane to a position; the lane of selectDevice selects the record at it.
    Result<void> showAround(qint64 anchor, const QString &selectDevice = {});
    void setHighlightTerms(const QStringList &terms);

    QList<TimelineListView *> lanes() const;
    TimelineListView *laneOf(const QString &deviceId) const;
    // The lane that has (or last had) the keyboard focus, else the first.
    TimelineListView *currentLane() const;

signals:
    void loadFailed(const huiji::Error &error);

private:
    struct Lane {
        QString deviceId;
        QWidget *frame = nullptr;
        TimelineListView *view = nullptr;
    };
    QWidget *makeHeader(const DeviceSummary &device) const;
    void clearLanes();

    HistoryStore &m_store;
    QWidget *m_content;
    QHBoxLayout *m_row;
    QLabel *m_empty;
    QList<Lane> m_lanes;
    QStringList m_terms;
};

} // namespace huiji

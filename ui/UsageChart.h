#pragma once

#include "protocol/Wire.h"

#include <QList>
#include <QWidget>

namespace huiji {

// How often devices were used on each day of the window (claims 7-8), as bars drawn with
// QPainter: one device's bars in its colour (DeviceColors), or several devices stacked day by
// day. A title names what is shown, the axes carry only the highest count and the window's two
// ends, a tooltip tells each day's uses, and the accessible description says the same in words.
class UsageChart : public QWidget
{
    Q_OBJECT

public:
    explicit UsageChart(QWidget *parent = nullptr);

    // The devices to draw; their daily lists cover the same window, oldest day first.
    void setDevices(const QList<wire::DeviceEntry> &devices);
    const QList<wire::DeviceEntry> &devices() const { return m_devices; }
    int windowDays() const;
    // Uses of all shown devices on a day of the window (0 = the oldest).
    qint64 usesOn(int day) const;
    // The rectangle of a day's bar (empty on a day without uses), for tooltips and tests.
    QRect barRect(int day) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString title() const;
    QString subtitle() const;
    QString dayName(int day) const; // "Today", "Yesterday", "3 days ago"
    QRect plotRect() const;
    int dayAt(QPoint position) const;
    qint64 highestDay() const;
    qint64 totalUses() const;
    void updateDescription();

    QList<wire::DeviceEntry> m_devices;
};

} // namespace huiji

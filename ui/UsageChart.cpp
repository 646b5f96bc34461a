#include "ui/UsageChart.h"

#include "ui/DeviceColors.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// Bars take this share of their day's slot; the rest is the gap that keeps days apart.
constexpr qreal barShare = 0.7;

qint64 sumOf(const QList<qint64> &values)
{
    qint64 sum = 0;
    for (const qint64 value : values)
        sum += value;
    return sum;
}

} // namespace

UsageChart::UsageChart(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_Hover); // tooltips follow the day under the mouse
    updateDescription();
}

void UsageChart::setDevices(const QList<wire::DeviceEntry> &devices)
{
    m_devices = devices;
    updateDescription();
    update();
}

int UsageChart::windowDays() const
{
    int days = 0;
    for (const wire::DeviceEntry &entry : m_devices)
        days = std::max(days, static_cast<int>(entry.daily.size()));
    return days;
}

qint64 UsageChart::usesOn(int day) const
{
    qint64 uses = 0;
    for (const wire::DeviceEntry &entry : m_devices)
        uses += entry.daily.value(day);
    return uses;
}

qint64 UsageChart::highestDay() const
{
    qint64 highest = 0;
    for (int day = 0; day < windowDays(); ++day)
        highest = std::max(highest, usesOn(day));
    return highest;
}

qint64 UsageChart::totalUses() const
{
    qint64 total = 0;
    for (const wire::DeviceEntry &entry : m_devices)
        total += sumOf(entry.daily);
    return total;
}

QString UsageChart::title() const
{
    if (m_devices.size() == 1)
        return m_devices.first().info.name;
    return tr("All devices");
}

QString UsageChart::subtitle() const
{
    return tr("%n use(s) in the last %1 days", nullptr, static_cast<int>(totalUses())).arg(windowDays());
}

QString UsageChart::dayName(int day) const
{
    const int daysAgo = windowDays() - 1 - day;
    if (daysAgo == 0)
        return tr("Today");
    if (daysAgo == 1)
        return tr("Yesterday");
    return tr("%n day(s) ago", nullptr, daysAgo);
}

QRect UsageChart::plotRect() const
{
    const QFontMetrics metrics = fontMetrics();
    const int margin = metrics.height() / 2;
    const int labelWidth = metrics.horizontalAdvance(QLocale().toString(highestDay())) + margin;
    const int top = margin + 2 * metrics.height() + margin;          // title and subtitle
    const int bottom = height() - margin - metrics.height() - margin / 2; // the day labels
    return QRect(QPoint(margin + labelWidth, top), QPoint(width() - margin - 1, bottom));
}

QRect UsageChart::barRect(int day) const
{
    const int days = windowDays();
    const qint64 highest = highestDay();
    if (day < 0 || day >= days || highest == 0 || usesOn(day) == 0)
        return {};
    const QRect plot = plotRect();
    const qreal slot = plot.width() / qreal(days);
    const qreal barWidth = std::max(1.0, slot * barShare);
    const qreal left = plot.left() + day * slot + (slot - barWidth) / 2;
    const qreal barHeight = plot.height() * qreal(usesOn(day)) / qreal(highest);
    return QRectF(left, plot.bottom() - barHeight, barWidth, barHeight).toAlignedRect();
}

int UsageChart::dayAt(QPoint position) const
{
    const QRect plot = plotRect();
    const int days = windowDays();
    if (days == 0 || !plot.adjusted(0, 0, 1, 1).contains(position))
        return -1;
    const qreal slot = plot.width() / qreal(days);
    return std::clamp(static_cast<int>((position.x() - plot.left()) / slot), 0, days - 1);
}

void UsageChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette colors = palette();
    const QFontMetrics metrics = fontMetrics();
    const int margin = metrics.height() / 2;
    if (m_devices.isEmpty()) {
        painter.setPen(colors.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No devices to show"));
        return;
    }

    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(colors.color(QPalette::WindowText));
    const QRect titleLine(margin, margin, width() - 2 * margin, metrics.height());
    painter.drawText(titleLine, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(title(), Qt::ElideRight, titleLine.width()));
    painter.setFont(font());
    painter.setPen(colors.color(QPalette::PlaceholderText));
    painter.drawText(titleLine.translated(0, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(subtitle(), Qt::ElideRight, titleLine.width()));

    const QRect plot = plotRect();
    const int days = windowDays();
    const qint64 highest = highestDay();
    // The baseline, and a faint line at the busiest day's height with its count.
    painter.setPen(colors.color(QPalette::Mid));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    if (highest > 0) {
        painter.setPen(QPen(colors.color(QPalette::Midlight), 1, Qt::DashLine));
        painter.drawLine(plot.topLeft(), plot.topRight());
        painter.setPen(colors.color(QPalette::PlaceholderText));
        const QRect label(margin, plot.top() - metrics.height() / 2, plot.left() - 2 * margin + margin / 2, metrics.height());
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(highest));
    } else {
        painter.setPen(colors.color(QPalette::PlaceholderText));
        painter.drawText(plot, Qt::AlignCenter | Qt::TextWordWrap, tr("Not used in the last %n day(s)", nullptr, windowDays()));
    }

    // Stacked bars: each device's share of a day in its own colour, the first device lowest.
    for (int day = 0; day < days && highest > 0; ++day) {
        const QRect bar = barRect(day);
        if (bar.isEmpty())
            continue;
        // Edges from the running sum, so that segments meet without gaps or overlaps.
        const qreal total = qreal(usesOn(day));
        const auto edge = [&](qint64 below) {
            return bar.bottom() + 1 - static_cast<int>(std::lround(bar.height() * qreal(below) / total));
        };
        qint64 below = 0;
        for (const wire::DeviceEntry &entry : std::as_const(m_devices)) {
            const qint64 uses = entry.daily.value(day);
            if (uses == 0)
                continue;
            const int lower = edge(below);
            below += uses;
            const int upper = edge(below);
            painter.fillRect(QRect(bar.left(), upper, bar.width(), lower - upper), DeviceColors::of(entry.info.id, colors));
        }
    }

    painter.setPen(colors.color(QPalette::PlaceholderText));
    const QRect dayLabels(plot.left(), plot.bottom() + margin / 2, plot.width(), metrics.height());
    painter.drawText(dayLabels, Qt::AlignLeft | Qt::AlignVCenter, dayName(0));
    painter.drawText(dayLabels, Qt::AlignRight | Qt::AlignVCenter, dayName(days - 1));
}

bool UsageChart::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const int day = dayAt(help->pos());
    if (day < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    QStringList lines{tr("%1: %n use(s)", nullptr, static_cast<int>(usesOn(day))).arg(dayName(day))};
    if (m_devices.size() > 1) {
        for (const wire::DeviceEntry &entry : std::as_const(m_devices))
            if (const qint64 uses = entry.daily.value(day); uses > 0)
                lines.append(tr("%1: %n use(s)", nullptr, static_cast<int>(uses)).arg(entry.info.name));
    }
    QToolTip::showText(help->globalPos(), lines.join(u'\n'), this);
    return true;
}

void UsageChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        updateDescription();
    QWidget::changeEvent(event);
}

void UsageChart::updateDescription()
{
    setAccessibleName(tr("Usage chart"));
    const int days = windowDays();
    if (m_devices.isEmpty()) {
        setAccessibleDescription(tr("No devices to show"));
        return;
    }
    const auto total = static_cast<int>(totalUses());
    QStringList sentences;
    if (m_devices.size() == 1)
        sentences.append(tr("%1 was used %n time(s) in the last %2 days.", nullptr, total)
                             .arg(title(), QString::number(days)));
    else
        sentences.append(tr("All devices together were used %n time(s) in the last %1 days.", nullptr, total).arg(days));
    if (total > 0) {
        int busiest = 0;
        for (int day = 1; day < days; ++day)
            busiest = usesOn(day) >= usesOn(busiest) ? day : busiest; // the latest of equal days
        sentences.append(tr("Busiest day: %1, with %n use(s).", nullptr, static_cast<int>(usesOn(busiest)))
                             .arg(dayName(busiest)));
    }
    if (m_devices.size() > 1)
        for (const wire::DeviceEntry &entry : std::as_const(m_devices))
            sentences.append(tr("%1: %n use(s).", nullptr, static_cast<int>(sumOf(entry.daily))).arg(entry.info.name));
    setAccessibleDescription(sentences.join(u' '));
}

QSize UsageChart::sizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 18, line * 11};
}

QSize UsageChart::minimumSizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 12, line * 7};
}

} // namespace huiji

#include "ui/HistoryDeviceFilter.h"

#include "ui/DeviceColors.h"
#include "ui/HistoryDeviceBadge.h"

#include <QSignalBlocker>

#include <climits>

namespace huiji {

HistoryDeviceFilter::HistoryDeviceFilter(QWidget *parent) : QComboBox(parent)
{
    setAccessibleName(tr("Show records from"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    addItem(tr("All devices"), QString());
}

void HistoryDeviceFilter::setDevices(const QList<DeviceSummary> &devices, const DeviceInfo &self)
{
    const QString current = deviceId();
    const QSignalBlocker blocker(this);
    clear();
    addItem(tr("All devices"), QString());
    const int side = fontMetrics().height();
    const auto swatch = [&](const QString &id) {
        return QIcon(HistoryDeviceBadge::swatch(DeviceColors::of(id, palette()), side, devicePixelRatioF()));
    };
    addItem(swatch(self.id), tr("This machine (%1)").arg(self.name), self.id);
    for (const DeviceSummary &summary : devices) {
        if (summary.device.id == self.id)
            continue; // "This machine" above is this one
        addItem(swatch(summary.device.id), summary.label, summary.device.id);
        const auto count = static_cast<int>(qMin<qint64>(summary.recordCount, INT_MAX));
        setItemData(this->count() - 1, tr("%1, %n record(s)", nullptr, count).arg(summary.device.platform),
                    Qt::ToolTipRole);
    }
    setCurrentIndex(qMax(0, findData(current)));
}

void HistoryDeviceFilter::setDeviceId(const QString &deviceId)
{
    setCurrentIndex(qMax(0, findData(deviceId)));
}

} // namespace huiji

#pragma once

#include "store/HistoryTypes.h"

#include <QComboBox>

namespace huiji {

// The history viewer's choice of whose records to show: all devices, this machine, or any one
// device of the store's list, each with its colour swatch. The current item's data is the
// device id, empty for all devices.
class HistoryDeviceFilter : public QComboBox
{
    Q_OBJECT

public:
    explicit HistoryDeviceFilter(QWidget *parent = nullptr);

    // Fills the list, keeping the current choice when that device is still in it. Quiet: no
    // signal, as the choice stays.
    void setDevices(const QList<DeviceSummary> &devices, const DeviceInfo &self);
    QString deviceId() const { return currentData().toString(); }
    // Chooses a device (empty: all); an unknown id chooses all.
    void setDeviceId(const QString &deviceId);
};

} // namespace huiji

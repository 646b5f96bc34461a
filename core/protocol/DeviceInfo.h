#pragma once

#include <QString>

namespace huiji {

// A device of an account as other devices know it. The name is what labels its records ([0093]).
struct DeviceInfo {
    QString id;       // stable id made at the device's first run
    QString name;     // display name, editable; the host name by default
    QString platform; // e.g. "linux", "android"

    friend bool operator==(const DeviceInfo &, const DeviceInfo &) = default;
};

} // namespace huiji

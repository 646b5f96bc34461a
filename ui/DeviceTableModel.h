#pragma once

#include "protocol/Wire.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QLocale>

namespace huiji {

// The account's devices as the server lists them (claims 7-8), one row each in the server's
// order: name, platform, last use, uses in the window and storage-terminal role, with this
// machine's row marked. The model only holds a list; the settings page asks the server and
// hands the answer over. A new list keeps the rows of devices still listed (moved, not reset),
// so a view's selection survives re-sorting and changing the window.
class DeviceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, PlatformColumn, LastUsedColumn, UsesColumn, RoleColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        DeviceIdRole = Qt::UserRole + 1, // QString
        IsThisDeviceRole,                // bool
        TerminalRoleRole,                // wire::TerminalRole (as int)
        LastSeenRole,                    // QDateTime, invalid when never seen
        UsesRole,                        // qint64, uses within the window
        OnlineRole,                      // bool
    };
    Q_ENUM(Role)

    explicit DeviceTableModel(QString thisDeviceId, QObject *parent = nullptr);

    // Replaces the list with the server's answer for a window of windowDays days.
    void setDevices(const QList<wire::DeviceEntry> &devices, int windowDays);
    const QList<wire::DeviceEntry> &devices() const { return m_rows; }
    int windowDays() const { return m_windowDays; }
    int rowOf(const QString &deviceId) const;
    QString thisDeviceId() const { return m_thisDeviceId; }
    // Renames a row in place: this machine renamed while offline, before the server has the name.
    void renameDevice(const QString &deviceId, const QString &name);
    // The storage-terminal roles as the session has them from the server's latest push: a role
    // changes on every device at once, before a new listing is asked for.
    void setRoles(const QList<wire::TerminalEntry> &terminals);
    // Headers and texts again, in the language just installed.
    void retranslate();

    // "Today, 14:05", "Yesterday, 09:12", "3 days ago", then the date: when a device was last
    // used, seen from now, in the locale's words.
    static QString lastUsedText(const QDateTime &when, const QDateTime &now, const QLocale &locale);
    static QString roleText(wire::TerminalRole role);
    static QString platformText(const QString &platform);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const wire::DeviceEntry &entry, int column) const;
    QVariant toolTipData(const wire::DeviceEntry &entry, int column) const;
    void moveRowsInto(const QList<wire::DeviceEntry> &devices);

    QString m_thisDeviceId;
    QList<wire::DeviceEntry> m_rows;
    int m_windowDays = 30;
};

} // namespace huiji

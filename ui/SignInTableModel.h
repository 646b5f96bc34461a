#pragma once

#include "protocol/Wire.h"

#include <QAbstractTableModel>

namespace huiji {

// Settings → Devices: the account's devices with whether each is signed in (holds a credential),
// one row each, this machine first and the others by last use. Only a list: the page asks the
// server and hands the answer over.
class SignInTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, PlatformColumn, LastUsedColumn, SignInColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        DeviceIdRole = Qt::UserRole + 1, // QString
        IsThisDeviceRole,                // bool
        SignedInRole,                    // bool
    };
    Q_ENUM(Role)

    explicit SignInTableModel(QString thisDeviceId, QObject *parent = nullptr);

    void setDevices(QList<wire::DeviceEntry> devices);
    const QList<wire::DeviceEntry> &devices() const { return m_rows; }
    int rowOf(const QString &deviceId) const;
    // Headers and texts again, in the language just installed.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const wire::DeviceEntry &entry, int column) const;

    QString m_thisDeviceId;
    QList<wire::DeviceEntry> m_rows;
};

} // namespace huiji

#include "ui/SignInTableModel.h"

#include "ui/DeviceTableModel.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace huiji {

SignInTableModel::SignInTableModel(QString thisDeviceId, QObject *parent)
    : QAbstractTableModel(parent), m_thisDeviceId(std::move(thisDeviceId))
{
}

void SignInTableModel::setDevices(QList<wire::DeviceEntry> devices)
{
    std::ranges::stable_sort(devices, [this](const wire::DeviceEntry &a, const wire::DeviceEntry &b) {
        const bool aMine = a.info.id == m_thisDeviceId;
        const bool bMine = b.info.id == m_thisDeviceId;
        return aMine != bMine ? aMine : a.lastSeen > b.lastSeen;
    });
    beginResetModel();
    m_rows = std::move(devices);
    endResetModel();
}

int SignInTableModel::rowOf(const QString &deviceId) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).info.id == deviceId)
            return static_cast<int>(row);
    return -1;
}

void SignInTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int SignInTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SignInTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SignInTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const wire::DeviceEntry &entry = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return displayData(entry, index.column());
    case Qt::FontRole:
        if (entry.info.id == m_thisDeviceId) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case DeviceIdRole:
        return entry.info.id;
    case IsThisDeviceRole:
        return entry.info.id == m_thisDeviceId;
    case SignedInRole:
        return entry.signedIn;
    default:
        return {};
    }
}

QVariant SignInTableModel::displayData(const wire::DeviceEntry &entry, int column) const
{
    switch (column) {
    case NameColumn:
        return entry.info.id == m_thisDeviceId ? tr("%1 (this machine)").arg(entry.info.name) : entry.info.name;
    case PlatformColumn:
        return DeviceTableModel::platformText(entry.info.platform);
    case LastUsedColumn:
        return entry.lastSeen == 0 ? tr("Never")
                                   : DeviceTableModel::lastUsedText(QDateTime::fromMSecsSinceEpoch(entry.lastSeen),
                                                                    QDateTime::currentDateTime(), QLocale());
    case SignInColumn:
        return entry.signedIn ? tr("Signed in") : tr("Signed out");
    default:
        return {};
    }
}

QVariant SignInTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Device");
    case PlatformColumn: return tr("System");
    case LastUsedColumn: return tr("Last used");
    case SignInColumn: return tr("Sign-in");
    default: return {};
    }
}

} // namespace huiji

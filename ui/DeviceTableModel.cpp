#include "ui/DeviceTableModel.h"

#include "ui/DeviceColors.h"

#include <QFont>
#include <QGuiApplication>
#include <QHash>
#include <QPalette>
#include <QSet>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

QDateTime localTime(qint64 msSinceEpoch)
{
    return msSinceEpoch > 0 ? QDateTime::fromMSecsSinceEpoch(msSinceEpoch) : QDateTime();
}

QStringList idsOf(const QList<wire::DeviceEntry> &devices)
{
    QStringList ids;
    ids.reserve(devices.size());
    for (const wire::DeviceEntry &entry : devices)
        ids.append(entry.info.id);
    return ids;
}

} // namespace

DeviceTableModel::DeviceTableModel(QString thisDeviceId, QObject *parent)
    : QAbstractTableModel(parent), m_thisDeviceId(std::move(thisDeviceId))
{
}

void DeviceTableModel::setDevices(const QList<wire::DeviceEntry> &devices, int windowDays)
{
    if (windowDays != m_windowDays) {
        m_windowDays = windowDays;
        emit headerDataChanged(Qt::Horizontal, UsesColumn, UsesColumn);
    }
    moveRowsInto(devices);
    // Same devices in the same order now; what the server says about them may have changed.
    int first = -1;
    int last = -1;
    for (int row = 0; row < rowCount(); ++row) {
        const auto at = static_cast<qsizetype>(row);
        if (m_rows.at(at) == devices.at(at))
            continue;
        m_rows[at] = devices.at(at);
        first = first < 0 ? row : first;
        last = row;
    }
    if (first >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void DeviceTableModel::moveRowsInto(const QList<wire::DeviceEntry> &devices)
{
    const QStringList wanted = idsOf(devices);
    const QSet<QString> wantedSet(wanted.cbegin(), wanted.cend());
    // Devices no longer listed go, from the bottom so the rows above keep their numbers.
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (wantedSet.contains(m_rows.at(row).info.id))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    // New devices come at the end, then everything moves into the server's order.
    const QStringList present = idsOf(m_rows);
    const QSet<QString> presentSet(present.cbegin(), present.cend());
    QList<wire::DeviceEntry> added;
    for (const wire::DeviceEntry &entry : devices)
        if (!presentSet.contains(entry.info.id))
            added.append(entry);
    if (!added.isEmpty()) {
        beginInsertRows({}, rowCount(), rowCount() + static_cast<int>(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
    if (idsOf(m_rows) == wanted)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QHash<QString, int> newRow;
    for (qsizetype row = 0; row < wanted.size(); ++row)
        newRow.insert(wanted.at(row), static_cast<int>(row));
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &old : before)
        after.append(index(newRow.value(m_rows.at(old.row()).info.id), old.column()));
    // The rows as they were, only moved: setDevices() then sees what else changed.
    QList<wire::DeviceEntry> moved(m_rows.size());
    for (const wire::DeviceEntry &entry : std::as_const(m_rows))
        moved[newRow.value(entry.info.id)] = entry;
    m_rows = moved;
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int DeviceTableModel::rowOf(const QString &deviceId) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).info.id == deviceId)
            return static_cast<int>(row);
    return -1;
}

void DeviceTableModel::renameDevice(const QString &deviceId, const QString &name)
{
    const int row = rowOf(deviceId);
    if (row < 0 || m_rows.at(row).info.name == name)
        return;
    m_rows[row].info.name = name;
    emit dataChanged(index(row, NameColumn), index(row, NameColumn));
}

void DeviceTableModel::setRoles(const QList<wire::TerminalEntry> &terminals)
{
    for (int row = 0; row < rowCount(); ++row) {
        wire::TerminalRole role = wire::TerminalRole::None;
        for (const wire::TerminalEntry &terminal : terminals)
            if (terminal.device == m_rows.at(row).info.id)
                role = terminal.role;
        if (m_rows.at(row).role == role)
            continue;
        m_rows[row].role = role;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void DeviceTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString DeviceTableModel::lastUsedText(const QDateTime &when, const QDateTime &now, const QLocale &locale)
{
    if (!when.isValid())
        return tr("Never");
    const qint64 days = when.date().daysTo(now.date());
    const QString time = locale.toString(when.time(), QLocale::ShortFormat);
    if (days == 0)
        return tr("Today, %1").arg(time);
    if (days == 1)
        return tr("Yesterday, %1").arg(time);
    if (days > 1 && days < 7)
        return tr("%n day(s) ago", nullptr, static_cast<int>(days));
    // Further back, or ahead (a device whose clock is off): the date itself.
    return locale.toString(when.date(), QLocale::ShortFormat);
}

QString DeviceTableModel::roleText(wire::TerminalRole role)
{
    switch (role) {
    case wire::TerminalRole::Primary:
        return tr("Primary terminal");
    case wire::TerminalRole::Secondary:
        return tr("Secondary terminal");
    case wire::TerminalRole::None:
        break;
    }
    return {};
}

QString DeviceTableModel::platformText(const QString &platform)
{
    // QSysInfo::productType() names, spelled the way their makers spell them.
    if (platform.isEmpty())
        return tr("Unknown");
    if (platform == "macos"_L1 || platform == "osx"_L1)
        return u"macOS"_s;
    if (platform == "ios"_L1)
        return u"iOS"_s;
    return platform.first(1).toUpper() + platform.sliced(1);
}

int DeviceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DeviceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeviceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const wire::DeviceEntry &entry = m_rows.at(index.row());
    const bool isThis = entry.info.id == m_thisDeviceId;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(entry, index.column());
    case Qt::ToolTipRole:
        return toolTipData(entry, index.column());
    case Qt::AccessibleTextRole:
        if (index.column() == RoleColumn && entry.role == wire::TerminalRole::None)
            return tr("Not a storage terminal");
        return displayData(entry, index.column());
    case Qt::FontRole:
        if (isThis) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DecorationRole:
        // The device's colour, the same as its bars in the usage chart and its records' labels.
        if (index.column() == NameColumn)
            return DeviceColors::of(entry.info.id, QGuiApplication::palette());
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == UsesColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case DeviceIdRole:
        return entry.info.id;
    case IsThisDeviceRole:
        return isThis;
    case TerminalRoleRole:
        return static_cast<int>(entry.role);
    case LastSeenRole:
        return localTime(entry.lastSeen);
    case UsesRole:
        return entry.uses;
    case OnlineRole:
        return entry.online;
    default:
        return {};
    }
}

QVariant DeviceTableModel::displayData(const wire::DeviceEntry &entry, int column) const
{
    switch (column) {
    case NameColumn: {
        const QString name = entry.info.name.isEmpty() ? tr("Unnamed device") : entry.info.name;
        return entry.info.id == m_thisDeviceId ? tr("%1 (this machine)").arg(name) : name;
    }
    case PlatformColumn:
        return platformText(entry.info.platform);
    case LastUsedColumn:
        return entry.online ? tr("Online now")
                            : lastUsedText(localTime(entry.lastSeen), QDateTime::currentDateTime(), QLocale());
    case UsesColumn:
        return entry.uses;
    case RoleColumn:
        return roleText(entry.role);
    default:
        return {};
    }
}

QVariant DeviceTableModel::toolTipData(const wire::DeviceEntry &entry, int column) const
{
    const QLocale locale;
    switch (column) {
    case LastUsedColumn:
        return tr("Last used: %1\nFirst seen: %2")
            .arg(locale.toString(localTime(entry.lastSeen), QLocale::LongFormat),
                 locale.toString(localTime(entry.firstSeen), QLocale::LongFormat));
    case UsesColumn:
        return tr("Used %n time(s) in the last %1 days", nullptr, static_cast<int>(entry.uses)).arg(m_windowDays);
    default:
        return {};
    }
}

QVariant DeviceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == UsesColumn)
        return tr("How many times each device logged in during the last %1 days").arg(m_windowDays);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Device");
    case PlatformColumn:
        return tr("Platform");
    case LastUsedColumn:
        return tr("Last used");
    case UsesColumn:
        return tr("Uses (%1 days)").arg(m_windowDays);
    case RoleColumn:
        return tr("Role");
    default:
        return {};
    }
}

} // namespace huiji

#include "ui/ContactListFilter.h"

#include "ui/ContactListModel.h"

#include <QDateTime>

namespace huiji {

ContactListFilter::ContactListFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0);
}

void ContactListFilter::setFilterText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool ContactListFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(ContactListModel::UserRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool ContactListFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto waiting = [](const QModelIndex &index) {
        return index.data(ContactListModel::KindRole).toInt() == static_cast<int>(ContactListModel::Kind::IncomingRequest);
    };
    if (waiting(left) != waiting(right))
        return waiting(left);
    const QDateTime leftTime = left.data(ContactListModel::LastActivityRole).toDateTime();
    const QDateTime rightTime = right.data(ContactListModel::LastActivityRole).toDateTime();
    if (leftTime != rightTime) // an invalid time (no messages yet) sorts after every real one
        return !rightTime.isValid() || (leftTime.isValid() && leftTime > rightTime);
    return left.data(ContactListModel::UserRole).toString().localeAwareCompare(
               right.data(ContactListModel::UserRole).toString()) < 0;
}

} // namespace huiji

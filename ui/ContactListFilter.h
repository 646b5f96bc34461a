#pragma once

#include <QSortFilterProxyModel>

namespace huiji {

// The contact list as shown: filtered by the text of the filter box (any part of the name, any
// case), requests waiting for an answer first, then by last activity, newest first, then by name.
// Sorting is dynamic, so a conversation that gets a message moves to the top.
class ContactListFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ContactListFilter(QObject *parent = nullptr);

    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
};

} // namespace huiji

#include "ui/SearchResultList.h"

#include "ui/SearchHitDelegate.h"
#include "ui/SearchResultModel.h"

namespace huiji {

SearchResultList::SearchResultList(SearchResultModel *model, QWidget *parent)
    : PagedListView(parent), m_model(model), m_delegate(new SearchHitDelegate(this))
{
    setModel(m_model);
    setItemDelegate(m_delegate);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(Adjust);
    connect(m_model, &SearchResultModel::loadFailed, this, &SearchResultList::loadFailed);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_delegate->heights().clear(); });
}

bool SearchResultList::canFetchAbove() const
{
    return m_model->canFetchNewer();
}

void SearchResultList::fetchAbove()
{
    if (const auto fetched = m_model->fetchNewer(); !fetched)
        emit loadFailed(fetched.error());
}

void SearchResultList::rowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    for (int row = first; row <= last; ++row)
        m_delegate->heights().forget(m_model->hitAt(row).stored.position);
    PagedListView::rowsAboutToBeRemoved(parent, first, last);
}

} // namespace huiji

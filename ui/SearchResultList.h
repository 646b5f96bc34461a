#pragma once

#include "protocol/Error.h"
#include "ui/PagedListView.h"

namespace huiji {

class SearchHitDelegate;
class SearchResultModel;

// The list of a search's hits: scrolling down pages in older hits (Qt's fetchMore), scrolling
// back up to the first row brings back the newer ones the window let go, and the hit the user
// was reading stays in place either way (PagedListView).
class SearchResultList : public PagedListView
{
    Q_OBJECT

public:
    explicit SearchResultList(SearchResultModel *model, QWidget *parent = nullptr);

    SearchHitDelegate *hitDelegate() const { return m_delegate; }

signals:
    void loadFailed(const huiji::Error &error);

protected:
    bool canFetchAbove() const override;
    void fetchAbove() override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int first, int last) override;

private:
    SearchResultModel *m_model;
    SearchHitDelegate *m_delegate;
};

} // namespace huiji

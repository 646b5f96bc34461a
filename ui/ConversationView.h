#pragma once

#include <QListView>
#include <QUuid>

namespace huiji {

class ConversationModel;
class MessageDelegate;

// The list of bubbles (MessageDelegate) of a ConversationModel, read from the bottom up: it opens
// at the newest message, loads older pages as the user scrolls towards the top, and keeps what the
// user is looking at in place while pages are added above and messages land below.
//
// Qt's views call fetchMore whenever the last row is in view, which in a chat (newest last) is
// nearly always and would load the whole history page after page. So the view shows the model
// through a proxy that answers canFetchMore with false, and asks the model itself when the top
// comes near.
//
// A message the server refused is sent again (retryRequested) from the Retry link under it, or
// from its context menu (the mouse's, or the menu key's on the current message).
class ConversationView : public QListView
{
    Q_OBJECT

public:
    explicit ConversationView(QWidget *parent = nullptr);

    void setConversation(ConversationModel *model);
    bool isAtBottom() const;
    void scrollToNewest();
    // Where the Retry link of the message at this row is, in the viewport; empty when it has none.
    QRect retryArea(int row) const;

signals:
    void retryRequested(const QUuid &id);

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void onRangeChanged(int minimum, int maximum);
    void onScrolled(int value);
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void fetchOlderIfNear();

    MessageDelegate *m_delegate;
    ConversationModel *m_model = nullptr;
    int m_fromBottom = 0;       // what the user scrolled to, as distance from the end
    bool m_keepTop = false;     // the next layout keeps the scroll value instead
    bool m_adjusting = false;   // a scroll the view makes itself
    bool m_fetchQueued = false;
};

} // namespace huiji

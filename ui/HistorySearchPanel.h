#pragma once

#include "store/HistoryStore.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace huiji {

class SearchResultList;
class SearchResultModel;

// The history viewer's left column: a search box over the widget it is given (the conversation
// list), which gives way to the list of hits while a search is on. Typing searches after a short
// pause, Enter at once, Escape clears. Choosing a hit, by mouse or arrow keys, asks the viewer to
// show it in its conversation.
class HistorySearchPanel : public QWidget
{
    Q_OBJECT

public:
    HistorySearchPanel(HistoryStore &store, QWidget *idle, QWidget *parent = nullptr);

    // The conversation "This conversation" searches; empty account and contact: none chosen.
    void setConversation(const QString &account, const QString &contact);
    // Runs the search in the box now; the results list shows the first page.
    void search();
    void clear();
    bool isSearching() const;
    // The terms of the current search, to mark in the timeline; empty when there is none.
    QStringList terms() const;

    QLineEdit *searchBox() const { return m_box; }
    QComboBox *scopeBox() const { return m_scope; }
    SearchResultList *resultList() const { return m_list; }
    SearchResultModel *results() const { return m_results; }

signals:
    void hitChosen(const huiji::SearchHit &hit);
    // Enter on a hit: the user wants to read on in the conversation.
    void hitActivated(const huiji::SearchHit &hit);
    void searchingChanged(bool searching);
    void loadFailed(const huiji::Error &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateStatus();

    QLineEdit *m_box;
    QComboBox *m_scope;
    QStackedWidget *m_stack;
    QWidget *m_resultsPage;
    QLabel *m_status;
    SearchResultModel *m_results;
    SearchResultList *m_list;
    QTimer m_typingPause;
    QString m_account;
    QString m_contact;
};

} // namespace huiji

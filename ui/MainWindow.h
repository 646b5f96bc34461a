#pragma once

#include <QMainWindow>

class QLineEdit;
class QListView;
class QModelIndex;
class QToolButton;

namespace huiji {

class AccountService;
class ConnectionStatus;
class ContactListFilter;
class ContactListModel;
class ConversationPane;
class Session;
class TerminalOfferBar;

// Huiji's chat window: the contact list (filter box, add contact, requests to accept) beside the
// open conversation and its composer, the connection state and merge progress always in the
// status bar, and the one-time offer to make this machine the storage terminal. The settings and
// history windows belong to the application, which opens them on settingsRequested() and
// historyRequested(); unreadTotalChanged() feeds its tray icon.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Session &session, AccountService &account, QWidget *parent = nullptr);

    int unreadTotal() const;
    // Opens the conversation with this person, as selecting them in the list does.
    void openConversation(const QString &user);

    ContactListModel *contacts() const { return m_contacts; }
    ConversationPane *conversation() const { return m_pane; }
    QListView *contactList() const { return m_contactList; }
    QLineEdit *filterBox() const { return m_filterBox; }
    ConnectionStatus *connectionStatus() const { return m_status; }
    TerminalOfferBar *terminalOffer() const { return m_offer; }

signals:
    void settingsRequested();
    void historyRequested();
    void unreadTotalChanged(int total);

protected:
    void changeEvent(QEvent *event) override;

private:
    void createMenus();
    void addContact();
    void showCurrent();
    void markOpenConversationRead();
    void onContactChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    Session &m_session;
    AccountService &m_account;
    ContactListModel *m_contacts;
    ContactListFilter *m_filter;
    QLineEdit *m_filterBox;
    QToolButton *m_addContact;
    QListView *m_contactList;
    ConversationPane *m_pane;
    ConnectionStatus *m_status;
    TerminalOfferBar *m_offer;
};

} // namespace huiji

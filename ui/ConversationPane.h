#pragma once

#include "ui/ContactListModel.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace huiji {

class AccountService;
class Composer;
class ConversationModel;
class ConversationView;
class Session;

// The right side of the main window: the open conversation (header, messages, composer), or what
// a contact request is waiting for, with "Accept" for one this account received, or a hint when
// nothing is open. Sending goes through the session, which writes to the store and the outbox at
// once, so it works offline too; a message the server refuses is marked in the conversation, said
// in the status bar, and sent again from its Retry. With direct links on, opening the conversation of an online
// contact (or the contact coming online while it is open) asks for a link to their device, so
// that it is ready when the user writes (claim 11).
class ConversationPane : public QWidget
{
    Q_OBJECT

public:
    ConversationPane(Session &session, AccountService &account, QWidget *parent = nullptr);

    // Shows this row of the contact list; the conversation is read again only for another person.
    void showContact(const QString &user, ContactListModel::Kind kind, bool online);
    QString contact() const { return m_contact; }

    ConversationModel *model() const { return m_model; }
    ConversationView *view() const { return m_view; }
    Composer *composer() const { return m_composer; }
    QPushButton *acceptButton() const { return m_accept; }

signals:
    void recordsWritten(const QList<huiji::Record> &records);
    void statusMessage(const QString &text);

private:
    void send(const QString &text);
    void retry(const QUuid &id);
    void accept();
    void prepareLink(const QString &contact);

    Session &m_session;
    AccountService &m_account;
    QString m_contact;
    QStackedWidget *m_pages;
    QWidget *m_emptyPage;
    QWidget *m_requestPage;
    QWidget *m_conversationPage;
    QLabel *m_requestText;
    QPushButton *m_accept;
    QLabel *m_name;
    QLabel *m_presence;
    QLabel *m_notContact;
    ConversationModel *m_model;
    ConversationView *m_view;
    Composer *m_composer;
    bool m_contactOnline = false; // the open contact's presence as last shown
};

} // namespace huiji

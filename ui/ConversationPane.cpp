#include "ui/ConversationPane.h"

#include "client/AccountService.h"
#include "client/Profile.h"
#include "client/Session.h"
#include "ui/Composer.h"
#include "ui/ConversationModel.h"
#include "ui/ConversationView.h"

#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace huiji {

namespace {

QLabel *quietLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setWordWrap(true);
    return label;
}

} // namespace

ConversationPane::ConversationPane(Session &session, AccountService &account, QWidget *parent)
    : QWidget(parent), m_session(session), m_account(account), m_pages(new QStackedWidget(this)),
      m_emptyPage(new QWidget(m_pages)), m_requestPage(new QWidget(m_pages)), m_conversationPage(new QWidget(m_pages)),
      m_requestText(new QLabel(m_requestPage)), m_accept(new QPushButton(tr("&Accept"), m_requestPage)),
      m_name(new QLabel(m_conversationPage)), m_presence(quietLabel({}, m_conversationPage)),
      m_notContact(quietLabel({}, m_conversationPage)), m_model(new ConversationModel(session, this)),
      m_view(new ConversationView(m_conversationPage)), m_composer(new Composer(m_conversationPage))
{
    // Nothing open yet.
    auto *hint = quietLabel(tr("Choose a conversation on the left, or add a contact to start one."), m_emptyPage);
    hint->setAlignment(Qt::AlignCenter);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addWidget(hint);

    // A request: accept it, or wait for the other side.
    m_requestText->setWordWrap(true);
    m_requestText->setAlignment(Qt::AlignCenter);
    m_accept->setAccessibleName(tr("Accept contact request"));
    auto *requestLayout = new QVBoxLayout(m_requestPage);
    requestLayout->addStretch();
    requestLayout->addWidget(m_requestText);
    requestLayout->addWidget(m_accept, 0, Qt::AlignHCenter);
    requestLayout->addStretch();

    // The conversation.
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.15);
    m_name->setFont(nameFont);
    m_name->setAccessibleName(tr("Contact"));
    m_presence->setAccessibleName(tr("Presence"));
    auto *header = new QHBoxLayout;
    header->setContentsMargins(14, 8, 14, 8);
    header->setSpacing(10);
    header->addWidget(m_name);
    header->addWidget(m_presence, 1);
    auto *line = new QFrame(m_conversationPage);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    m_notContact->setContentsMargins(14, 4, 14, 4);
    m_notContact->hide();
    m_view->setConversation(m_model);
    auto *conversationLayout = new QVBoxLayout(m_conversationPage);
    conversationLayout->setContentsMargins(0, 0, 0, 0);
    conversationLayout->setSpacing(0);
    conversationLayout->addLayout(header);
    conversationLayout->addWidget(line);
    conversationLayout->addWidget(m_view, 1);
    conversationLayout->addWidget(m_notContact);
    conversationLayout->addWidget(m_composer);
    setFocusProxy(m_composer);

    m_pages->addWidget(m_emptyPage);
    m_pages->addWidget(m_requestPage);
    m_pages->addWidget(m_conversationPage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_composer, &Composer::submitted, this, &ConversationPane::send);
    connect(m_view, &ConversationView::retryRequested, this, &ConversationPane::retry);
    connect(&session, &Session::messageRefused, this, [this](const QUuid &, const Error &error) {
        emit statusMessage(tr("A message was not sent: %1").arg(error.message));
    });
    connect(m_accept, &QPushButton::clicked, this, &ConversationPane::accept);
    connect(m_model, &ConversationModel::failed, this,
            [this](const Error &error) { emit statusMessage(tr("The history could not be read: %1").arg(error.message)); });
}

void ConversationPane::showContact(const QString &user, ContactListModel::Kind kind, bool online)
{
    m_contact = user;
    if (user.isEmpty()) {
        m_model->setContact({});
        m_pages->setCurrentWidget(m_emptyPage);
        return;
    }
    if (kind == ContactListModel::Kind::IncomingRequest || kind == ContactListModel::Kind::OutgoingRequest) {
        const bool incoming = kind == ContactListModel::Kind::IncomingRequest;
        m_requestText->setText(incoming ? tr("%1 wants to be your contact.").arg(user)
                                        : tr("Your request was sent. You can write to %1 once they accept it.").arg(user));
        m_accept->setVisible(incoming);
        m_pages->setCurrentWidget(m_requestPage);
        return;
    }
    const bool opened = m_model->contact() != user;
    if (opened)
        m_model->setContact(user);
    // The row changes often (unread counts, presence); only a new conversation or a contact who
    // just came online is worth a link offer.
    const bool cameOnline = online && (opened || !m_contactOnline);
    m_contactOnline = online;
    if (cameOnline && kind == ContactListModel::Kind::Contact)
        prepareLink(user);
    m_name->setText(user);
    m_presence->setText(kind == ContactListModel::Kind::Contact ? (online ? tr("online") : tr("offline")) : QString());
    m_notContact->setText(tr("%1 is not among your contacts: you can read this conversation but not write to it.").arg(user));
    m_notContact->setVisible(kind == ContactListModel::Kind::HistoryOnly);
    m_composer->setEnabled(kind == ContactListModel::Kind::Contact);
    m_pages->setCurrentWidget(m_conversationPage);
}

void ConversationPane::prepareLink(const QString &contact)
{
    // The engine makes one link per contact and waits a while after one failed.
    if (m_session.profile().directLinks() && m_session.state() == Session::State::Online)
        m_session.links().openUnlessFailedLately(contact);
}

void ConversationPane::send(const QString &text)
{
    auto record = m_session.sendMessage(m_contact, text);
    if (!record) {
        emit statusMessage(tr("The message could not be written: %1").arg(record.error().message));
        return; // it stays in the composer
    }
    m_composer->clear();
    m_model->addRecords({*record});
    m_view->scrollToNewest();
    emit recordsWritten({*record});
}

void ConversationPane::retry(const QUuid &id)
{
    if (auto retried = m_session.retryMessage(id); !retried)
        emit statusMessage(tr("The message could not be sent again: %1").arg(retried.error().message));
}

void ConversationPane::accept()
{
    m_accept->setEnabled(false);
    const QString user = m_contact;
    QPointer<ConversationPane> self(this);
    m_account.acceptContact(user, [self, user](Result<void> done) {
        if (!self)
            return;
        self->m_accept->setEnabled(true);
        // On success the server's push turns the request into a contact and the list reopens it.
        if (!done)
            emit self->statusMessage(tr("Could not accept %1: %2").arg(user, done.error().message));
    });
}

} // namespace huiji

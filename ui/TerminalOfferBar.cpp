#include "ui/TerminalOfferBar.h"

#include "ui/ReauthDialog.h"

#include "client/AccountService.h"
#include "client/Profile.h"
#include "client/Session.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

const QString answeredKey = u"terminalOffer/answered"_s;

} // namespace

TerminalOfferBar::TerminalOfferBar(Session &session, AccountService &account, QWidget *parent)
    : QFrame(parent), m_session(session), m_account(account),
      m_settings(QDir(session.profile().directory()).filePath(u"ui.ini"_s), QSettings::IniFormat),
      m_text(new QLabel(this)), m_accept(new QPushButton(tr("&Make this machine the storage terminal"), this)),
      m_dismiss(new QPushButton(tr("&Not now"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::AlternateBase);
    setAutoFillBackground(true);
    setAccessibleName(tr("Storage terminal offer"));
    m_text->setWordWrap(true);
    m_text->setText(tr("No storage terminal is set for your account. The storage terminal keeps the merged "
                       "history of all your devices."));
    m_accept->setAccessibleName(m_accept->text().remove(u'&'));
    m_dismiss->setAccessibleName(m_dismiss->text().remove(u'&'));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_accept);
    layout->addWidget(m_dismiss);
    hide();

    connect(m_accept, &QPushButton::clicked, this, &TerminalOfferBar::makeThisTheTerminal);
    connect(m_dismiss, &QPushButton::clicked, this, [this] {
        answer();
        hide();
    });
    connect(&session, &Session::ready, this, &TerminalOfferBar::offerIfNeeded);
    connect(&session, &Session::terminalChanged, this, &TerminalOfferBar::offerIfNeeded);
    if (session.state() == Session::State::Online) // made after the login it would have heard of
        offerIfNeeded();
}

void TerminalOfferBar::offerIfNeeded()
{
    setVisible(!m_session.terminalDevice() && !m_settings.value(answeredKey).toBool());
}

void TerminalOfferBar::answer()
{
    m_settings.setValue(answeredKey, true);
    m_settings.sync();
}

void TerminalOfferBar::makeThisTheTerminal()
{
    ReauthDialog::ask(this, tr("make this machine the storage terminal"), [this](const QByteArray &password) {
        m_accept->setEnabled(false);
        m_dismiss->setEnabled(false);
        QPointer<TerminalOfferBar> self(this);
        m_account.setTerminal(m_session.profile().device().id, password, [self](Result<void> done) {
            if (!self)
                return;
            self->m_accept->setEnabled(true);
            self->m_dismiss->setEnabled(true);
            if (!done) {
                // The offer stays, with the reason: the user can try again or say "Not now".
                self->m_text->setText(tr("This machine could not be made the storage terminal: %1")
                                          .arg(done.error().code == ErrorCode::BadCredentials ? tr("the password is wrong")
                                                                                               : done.error().message));
                return;
            }
            self->answer();
            self->hide();
        });
    });
}

} // namespace huiji

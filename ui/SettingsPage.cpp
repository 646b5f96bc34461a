#include "ui/SettingsPage.h"

#include "client/Session.h"

#include <QEvent>
#include <QLabel>

namespace huiji {

SettingsPage::SettingsPage(Session &session, AccountService &account, QWidget *parent)
    : QWidget(parent), m_session(session), m_account(account)
{
}

QString SettingsPage::refusal(const Error &error)
{
    return error.code == ErrorCode::BadCredentials ? tr("the password is wrong") : error.message;
}

QLabel *SettingsPage::wrappingLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

bool SettingsPage::isOnline() const
{
    return m_session.state() == Session::State::Online;
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace huiji

#pragma once

#include <QFrame>
#include <QSettings>

class QLabel;
class QPushButton;

namespace huiji {

class AccountService;
class Session;

// The main window's one offer to make this machine the account's storage terminal, shown when a
// login finds none set (claim 6). It is a bar, not a dialog: it waits without interrupting. Either
// answer ("Make this machine…" or "Not now") is remembered in the profile's ui.ini, so it is
// offered until answered and never again after; a terminal set elsewhere hides it too.
class TerminalOfferBar : public QFrame
{
    Q_OBJECT

public:
    TerminalOfferBar(Session &session, AccountService &account, QWidget *parent = nullptr);

    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *dismissButton() const { return m_dismiss; }

private:
    void offerIfNeeded();
    void makeThisTheTerminal();
    void answer();

    Session &m_session;
    AccountService &m_account;
    QSettings m_settings;
    QLabel *m_text;
    QPushButton *m_accept;
    QPushButton *m_dismiss;
};

} // namespace huiji

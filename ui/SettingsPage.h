#pragma once

#include "client/AccountService.h"

#include <QPointer>
#include <QWidget>

class QLabel;

namespace huiji {

class Session;

// What the settings pages that ask the server share: the session and the account's requests,
// whether the session is online, the requests under way (a page's controls wait for them), and
// texts made again when the language changes.
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    // A label for a sentence or two: wrapped, and selectable so that it can be copied.
    static QLabel *wrappingLabel(QWidget *parent);
    // Why the server refused a change, for the user: a wrong password (asked again for the
    // sensitive changes) says so in their language; anything else as the server put it.
    static QString refusal(const Error &error);

protected:
    SettingsPage(Session &session, AccountService &account, QWidget *parent);

    bool isOnline() const;
    bool hasRequestUnderWay() const { return m_inFlight > 0; }

    // Sends one request (`send` gets the callback to pass on) and hands its answer to `answered`,
    // with the request counted as under way until then. Nothing runs once the page is gone.
    template <typename T, typename Send, typename Answered>
    void ask(Send send, Answered answered)
    {
        ++m_inFlight;
        updateActions();
        send([guard = QPointer(this), answered = std::move(answered)](Result<T> answer) {
            SettingsPage *self = guard.data();
            if (!self)
                return;
            --self->m_inFlight;
            answered(std::move(answer));
            self->updateActions();
        });
    }

    virtual void retranslate() = 0;
    virtual void updateActions() = 0;
    void changeEvent(QEvent *event) override;

    Session &m_session;
    AccountService &m_account;

private:
    int m_inFlight = 0;
};

} // namespace huiji

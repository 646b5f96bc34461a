#pragma once

#include "ui/SettingsPage.h"

class QButtonGroup;
class QCheckBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace huiji {

// Settings → Direct links (claims 11-12): whether this device talks directly to contacts' devices
// when it can (kept in the profile; the server hears of it at the next login), and the account's
// forwarding policy, which says when a device that is not the storage terminal hands what it saw on
// direct links to the server: at once, every N minutes, once N characters have gathered, or when
// Huiji closes. The policy is the account's: read with forwarding-get, set with forwarding-set, and
// shown again whenever the server pushes a change made on any device.
class DirectLinksPage : public SettingsPage
{
    Q_OBJECT

public:
    DirectLinksPage(Session &session, AccountService &account, QWidget *parent = nullptr);

    // The policy as the controls show it (not necessarily applied yet).
    wire::ForwardingPolicy chosenPolicy() const;
    bool isBusy() const { return hasRequestUnderWay(); }
    // Asks the server for the account's policy.
    void refresh();

private:
    void retranslate() override;
    void updateActions() override;
    void setDirectLinks(bool enabled);
    void showPolicy(const wire::ForwardingPolicy &policy);
    void apply();
    // Asks with `send`, then shows the policy the server answered, or `failure` with the reason.
    void askPolicy(std::function<void(AccountService::Done<wire::ForwardingPolicy>)> send, const QString &failure);

    QLabel *m_explanation;
    QCheckBox *m_direct;
    QLabel *m_directNote;
    QGroupBox *m_forwarding;
    QLabel *m_forwardingExplanation;
    QButtonGroup *m_modes;
    QRadioButton *m_atOnce;
    QRadioButton *m_interval;
    QSpinBox *m_minutes;
    QRadioButton *m_threshold;
    QSpinBox *m_characters;
    QRadioButton *m_onClose;
    QPushButton *m_apply;
    QLabel *m_state;
    wire::ForwardingPolicy m_policy; // the account's, as last heard
};

} // namespace huiji

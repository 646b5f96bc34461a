#pragma once

#include "ui/SettingsPage.h"

class QLabel;
class QPushButton;
class QTableView;

namespace huiji {

class SignInTableModel;

// Settings → Devices (issue 13): every device of the account and whether it is signed in, with
// "Sign out" for the selected one and "Sign out all other devices". Signing a device out ends its
// connections at once and revokes its credential: it comes back only with the password. Both ask
// for the account password first, as the server wants it again for them. This machine is not
// signed out here: the page would cut off the window it is part of.
class DevicesPage : public SettingsPage
{
    Q_OBJECT

public:
    DevicesPage(Session &session, AccountService &account, QWidget *parent = nullptr);

    SignInTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    bool isBusy() const { return hasRequestUnderWay(); }
    // Asks the server for the device list.
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void retranslate() override;
    void updateActions() override;
    QString selectedDeviceId() const;
    void signOutSelected();
    void signOutOthers();
    // After the password: runs one sign-out (`send` carries the password) and says how it went.
    void signOut(std::function<void(AccountService::Done<qint64>)> send, const QString &doneText);

    QLabel *m_explanation;
    SignInTableModel *m_model;
    QTableView *m_view;
    QPushButton *m_signOut;
    QPushButton *m_signOutOthers;
    QLabel *m_status;
};

} // namespace huiji

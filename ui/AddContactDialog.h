#pragma once

#include "protocol/Wire.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace huiji {

class AccountService;

// Asks the server to add a contact by user name. The dialog stays open until the server has
// answered, so that a refusal (no such user, not online) is read where the name was typed.
class AddContactDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AddContactDialog(AccountService &account, QWidget *parent = nullptr);

signals:
    void contactAdded(const QString &user, huiji::wire::ContactState state);

private:
    void submit();
    void setBusy(bool busy);

    AccountService &m_account;
    QLineEdit *m_user;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace huiji

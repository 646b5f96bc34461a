#include "ui/AddContactDialog.h"

#include "client/AccountService.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

AddContactDialog::AddContactDialog(AccountService &account, QWidget *parent)
    : QDialog(parent), m_account(account), m_user(new QLineEdit(this)), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Contact"));
    // The server's rule for user names: 1 to 64 letters, digits, '.', '_' or '-'.
    m_user->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[\\p{L}\\p{N}._-]{1,64}"_s), m_user));
    m_user->setPlaceholderText(tr("for example, bob"));
    m_user->setAccessibleName(tr("User ID"));
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Result"));
    m_message->hide();
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Send &Request"));
    ok->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("&User ID:"), m_user);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("They see your request and can accept it."), this));
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_user, &QLineEdit::textChanged, this, [this, ok] { ok->setEnabled(m_user->hasAcceptableInput()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddContactDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void AddContactDialog::setBusy(bool busy)
{
    m_user->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy && m_user->hasAcceptableInput());
}

void AddContactDialog::submit()
{
    if (!m_user->hasAcceptableInput())
        return;
    const QString user = m_user->text();
    setBusy(true);
    m_message->setText(tr("Sending the request…"));
    m_message->show();
    QPointer<AddContactDialog> self(this);
    m_account.addContact(user, [self, user](Result<wire::ContactState> state) {
        if (!self) // closed before the server answered
            return;
        if (!state) {
            self->m_message->setText(tr("Could not add %1: %2").arg(user, state.error().message));
            self->setBusy(false);
            self->m_user->setFocus();
            return;
        }
        emit self->contactAdded(user, *state);
        self->accept();
    });
}

} // namespace huiji

#include "ui/ReauthDialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

ReauthDialog::ReauthDialog(const QString &action, QWidget *parent)
    : QDialog(parent), m_action(action), m_text(new QLabel(this)), m_password(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"reauthDialog"_s);
    m_password->setObjectName(u"reauthPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_text->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_password);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_password, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.isEmpty());
    });
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    setMinimumWidth(380);
    retranslate();
}

void ReauthDialog::ask(QWidget *parent, const QString &action, std::function<void(QByteArray)> then)
{
    auto *dialog = new ReauthDialog(action, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, dialog, [dialog, then = std::move(then)] {
        QByteArray password = dialog->m_password->text().toUtf8();
        dialog->m_password->clear();
        then(password);
        password.fill('\0');
    });
    dialog->open();
}

void ReauthDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ReauthDialog::retranslate()
{
    setWindowTitle(tr("Confirm with your password"));
    m_text->setText(tr("To %1, type your account password again. It goes to the server with this change "
                       "only and is not kept.")
                        .arg(m_action));
    m_password->setAccessibleName(tr("Account password"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Confirm"));
}

} // namespace huiji

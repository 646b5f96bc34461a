#pragma once

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace huiji {

// The account password again, before a change that decides who receives the account's history or
// deletes it (the storage terminals, the server archive, signing other devices out): the server
// asks for it with such a request, so that a device whose credential was stolen cannot make it.
// The password goes to that one request and is not kept.
class ReauthDialog : public QDialog
{
    Q_OBJECT

public:
    // `action` says what the password is for ("make Laptop the storage terminal").
    ReauthDialog(const QString &action, QWidget *parent = nullptr);

    // Opens the dialog over `parent` (not modal to the whole application) and calls `then` with
    // the password once the user confirms; nothing when they cancel.
    static void ask(QWidget *parent, const QString &action, std::function<void(QByteArray)> then);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QString m_action;
    QLabel *m_text;
    QLineEdit *m_password;
    QDialogButtonBox *m_buttons;
};

} // namespace huiji

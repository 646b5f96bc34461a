#pragma once

// The user at the re-authentication prompt (ReauthDialog) a page opened: types the account
// password and confirms, or cancels. Shared by the UI tests of the pages that ask for it.

#include "ui/ReauthDialog.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

namespace huiji {

// The prompt `parent` has open now; null when none opened.
inline ReauthDialog *openReauthDialog(QWidget &parent)
{
    ReauthDialog *open = nullptr;
    const bool opened = QTest::qWaitFor([&] {
        for (ReauthDialog *dialog : parent.findChildren<ReauthDialog *>())
            if (dialog->isVisible())
                open = dialog;
        return open != nullptr;
    }, 5000);
    return opened ? open : nullptr;
}

// Types the password into the prompt and presses Confirm; false when no prompt was open.
inline bool confirmWithPassword(QWidget &parent, const QByteArray &password)
{
    ReauthDialog *dialog = openReauthDialog(parent);
    if (!dialog)
        return false;
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("reauthPassword")), QString::fromUtf8(password));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    return true;
}

} // namespace huiji

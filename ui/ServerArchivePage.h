#pragma once

#include "ui/SettingsPage.h"

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace huiji {

class ArchiveRestore;

// Settings → Server archive (claim 5): the server as one more secondary storage terminal, opt-in,
// keeping the account's merged history for a retention the user chooses (days, or for good), with
// what the server holds now read from the `archive` request; and "Restore from server archive",
// which fills this device's store from it page by page (ArchiveRestore) with its progress and
// count. A restore cut off resumes where it stopped when the button is pressed again, since the
// position is kept in the profile. Everything here needs the session online.
class ServerArchivePage : public SettingsPage
{
    Q_OBJECT

public:
    ServerArchivePage(Session &session, AccountService &account, QWidget *parent = nullptr);

    // The archive as the server last answered, and whether a request or a restore is under way.
    ArchiveSettings settings() const { return m_settings; }
    bool isBusy() const { return hasRequestUnderWay() || m_restore != nullptr; }
    // Asks the server how the archive stands.
    void refresh();

private:
    void retranslate() override;
    void updateActions() override;
    void showSettings(const ArchiveSettings &settings);
    void apply();
    void restore();
    void startRestore(const QByteArray &password);
    void restoreEnded(const QString &text);

    QLabel *m_explanation;
    QCheckBox *m_enabled;
    QLabel *m_retentionLabel;
    QSpinBox *m_retention;
    QPushButton *m_apply;
    QLabel *m_state;
    QLabel *m_restoreExplanation;
    QPushButton *m_restoreButton;
    QProgressBar *m_progress;
    QLabel *m_restoreResult;
    ArchiveSettings m_settings;
    bool m_known = false; // the server has answered once
    ArchiveRestore *m_restore = nullptr; // while a restore runs
};

} // namespace huiji

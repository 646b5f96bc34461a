#pragma once

#include <QDialog>

class QDialogButtonBox;
class QListWidget;
class QStackedWidget;

namespace huiji {

class AccountService;
class DevicesPage;
class DirectLinksPage;
class GeneralPage;
class ServerArchivePage;
class Session;
class StorageTerminalPage;

// The settings window: a list of sections on the left, the chosen section's page on the right.
// "Storage terminal" chooses where the account's history is gathered (StorageTerminalPage);
// "Server archive" whether the server keeps a copy, and restores from it (ServerArchivePage);
// "Direct links" whether to talk to contacts' devices directly and when to forward what they
// carried (DirectLinksPage); "Devices" signs devices out (DevicesPage); "General" chooses the language, which the dialog reports (languageChosen) for the application
// to load, since translators are the application's.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Section { StorageTerminal, ServerArchive, DirectLinks, Devices, General };
    Q_ENUM(Section)

    SettingsDialog(Session &session, AccountService &account, QWidget *parent = nullptr);

    // The language in use, shown as chosen: "" (the system's), "en" or "zh_CN".
    void setLanguage(const QString &code);
    QString language() const;
    void showSection(Section section);
    Section currentSection() const;

    StorageTerminalPage *storageTerminalPage() const { return m_storageTerminal; }
    ServerArchivePage *serverArchivePage() const { return m_serverArchive; }
    DirectLinksPage *directLinksPage() const { return m_directLinks; }
    DevicesPage *devicesPage() const { return m_devices; }
    GeneralPage *generalPage() const { return m_general; }

signals:
    void languageChosen(const QString &code); // empty: follow the system

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QListWidget *m_sections;
    QStackedWidget *m_pages;
    StorageTerminalPage *m_storageTerminal;
    ServerArchivePage *m_serverArchive;
    DirectLinksPage *m_directLinks;
    DevicesPage *m_devices;
    GeneralPage *m_general;
    QDialogButtonBox *m_buttons;
};

} // namespace huiji

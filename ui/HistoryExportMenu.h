#pragma once

#include "ui/HistoryExporter.h"

#include <QMenu>

namespace huiji {

// The history viewer's Export menu: the current conversation or everything, as HTML, JSON or
// plain text. It asks where to save, shows progress for long exports, and reports the result
// (a message box for a failure, exported() for the status bar).
class HistoryExportMenu : public QMenu
{
    Q_OBJECT

public:
    HistoryExportMenu(HistoryStore &store, QWidget *parent);

    // The conversation "Export conversation" writes; an empty contact disables it.
    void setConversation(const QString &account, const QString &contact);
    QMenu *conversationMenu() const { return m_conversation; }
    QMenu *everythingMenu() const { return m_everything; }

    // Exports without asking anything: what the menu's actions do once they know the file.
    Result<qint64> exportTo(const QString &path, HistoryExporter::Format format, bool everything,
                            const HistoryExporter::Progress &progress = {});

signals:
    void exported(const QString &message);

private:
    QMenu *formatMenu(const QString &title, bool everything);
    void askAndExport(HistoryExporter::Format format, bool everything);

    HistoryStore &m_store;
    QMenu *m_conversation;
    QMenu *m_everything;
    QString m_account;
    QString m_contact;
};

} // namespace huiji

#include "ui/HistoryExportMenu.h"

#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStandardPaths>

#include <climits>

namespace huiji {

HistoryExportMenu::HistoryExportMenu(HistoryStore &store, QWidget *parent)
    : QMenu(tr("&Export"), parent), m_store(store), m_conversation(formatMenu(tr("Export &conversation"), false)),
      m_everything(formatMenu(tr("Export &everything"), true))
{
    addMenu(m_conversation);
    addMenu(m_everything);
    m_conversation->setEnabled(false);
}

QMenu *HistoryExportMenu::formatMenu(const QString &title, bool everything)
{
    auto *menu = new QMenu(title, this);
    const std::pair<QString, HistoryExporter::Format> formats[] = {
        {tr("As &web page (HTML)…"), HistoryExporter::Format::Html},
        {tr("As history &file for import (JSON)…"), HistoryExporter::Format::Json},
        {tr("As plain &text…"), HistoryExporter::Format::Text},
    };
    for (const auto &[text, format] : formats)
        menu->addAction(text, this, [this, format, everything] { askAndExport(format, everything); });
    return menu;
}

void HistoryExportMenu::setConversation(const QString &account, const QString &contact)
{
    m_account = account;
    m_contact = contact;
    m_conversation->setEnabled(!contact.isEmpty());
}

Result<qint64> HistoryExportMenu::exportTo(const QString &path, HistoryExporter::Format format, bool everything,
                                           const HistoryExporter::Progress &progress)
{
    HistoryExporter exporter(m_store);
    if (everything)
        return exporter.exportEverything(format, path, progress);
    if (m_contact.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("Choose a conversation to export."));
    return exporter.exportConversation(m_account, m_contact, format, path, progress);
}

void HistoryExportMenu::askAndExport(HistoryExporter::Format format, bool everything)
{
    QWidget *window = parentWidget();
    const QString name = everything ? tr("Huiji history") : tr("History with %1").arg(m_contact);
    const QString filter = format == HistoryExporter::Format::Html   ? tr("Web pages (*.html)")
                           : format == HistoryExporter::Format::Json ? tr("Huiji history files (*.json)")
                                                                     : tr("Text files (*.txt)");
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        window, everything ? tr("Export All History") : tr("Export Conversation"),
        QDir(folder).filePath(name + u'.' + HistoryExporter::suffix(format)), filter);
    if (path.isEmpty())
        return;
    // Modal, with progress: the store is read on this thread, and a long history takes a while.
    QProgressDialog progress(tr("Exporting…"), QString(), 0, 1000, window);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    const auto done = exportTo(path, format, everything, [&progress](qint64 written, qint64 total) {
        progress.setValue(total > 0 ? static_cast<int>(written * 1000 / total) : 1000);
    });
    progress.reset();
    if (!done) {
        QMessageBox::warning(window, tr("Export Failed"), done.error().message);
        return;
    }
    const auto count = static_cast<int>(qMin<qint64>(*done, INT_MAX));
    emit exported(tr("Exported %n record(s) to %1.", nullptr, count).arg(QDir::toNativeSeparators(path)));
}

} // namespace huiji

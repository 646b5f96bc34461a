#pragma once

#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

namespace huiji {

class HistoryWriter;

// Writes one conversation, or every conversation, of the merged history to a file as HTML (to
// read), JSON (the history file `huiji-cli import` reads back) or plain text. It pages through
// the store, oldest first, so a history of a million records never sits in memory, and it writes
// through a QSaveFile: the file appears complete or not at all, and an existing one is replaced
// only by a finished export.
class HistoryExporter
{
    Q_DECLARE_TR_FUNCTIONS(HistoryExporter)

public:
    enum class Format { Html, Json, Text };
    // Called after every page with the records written so far and the total to write.
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit HistoryExporter(HistoryStore &store);

    // Both return the number of records written.
    Result<qint64> exportConversation(const QString &account, const QString &contact, Format format,
                                      const QString &path, const Progress &progress = {});
    Result<qint64> exportEverything(Format format, const QString &path, const Progress &progress = {});

    // Records read from the store at a time; the default keeps memory small and queries few.
    void setPageSize(int records) { m_pageSize = qMax(1, records); }

    static QString suffix(Format format); // "html", "json", "txt"

private:
    Result<qint64> write(const QList<ConversationSummary> &conversations, Format format, const QString &path,
                         const Progress &progress);

    HistoryStore &m_store;
    int m_pageSize = 1000;
};

} // namespace huiji

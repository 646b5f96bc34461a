#pragma once

#include "ui/HistoryWriter.h"

namespace huiji {

// The history file of core/protocol/HistoryFile (docs/history-file.md), which `huiji-cli import`
// reads back, written a page at a time. The envelope is HistoryFile::toJson()'s own and every
// record is HistoryFile::recordToJson()'s, indented as toJson() indents it, so the file is byte
// for byte what HistoryFile{devices, records}.toJson() would make without holding every record.
class HistoryJsonWriter : public HistoryWriter
{
public:
    Result<QByteArray> header(const QList<DeviceSummary> &devices) override;
    QByteArray conversationStart(const ConversationSummary &conversation) override;
    QByteArray records(const QList<StoredRecord> &oldestFirst) override;
    QByteArray conversationEnd() override;
    QByteArray footer() override;

private:
    QByteArray m_tail; // what follows the records in the envelope
    bool m_first = true;
};

} // namespace huiji

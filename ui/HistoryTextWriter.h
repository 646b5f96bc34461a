#pragma once

#include "ui/HistoryWriter.h"

#include <QCoreApplication>

namespace huiji {

// Plain text for reading and grepping: a heading per conversation, then one line per record
// ("2026-11-20 09:02:06  [Laptop]  bob: 早上好！"), lines of a multi-line body after the first
// indented by a tab so that every record still starts a line of its own. Local times.
class HistoryTextWriter : public HistoryWriter
{
    Q_DECLARE_TR_FUNCTIONS(HistoryTextWriter)

public:
    Result<QByteArray> header(const QList<DeviceSummary> &devices) override;
    QByteArray conversationStart(const ConversationSummary &conversation) override;
    QByteArray records(const QList<StoredRecord> &oldestFirst) override;
    QByteArray conversationEnd() override;
    QByteArray footer() override;
};

} // namespace huiji

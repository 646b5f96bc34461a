#pragma once

#include "store/HistoryTypes.h"

#include "protocol/Error.h"

#include <QByteArray>
#include <QList>

namespace huiji {

// One export format as a stream of pieces, so that HistoryExporter can write a history of any
// length a page at a time: header, then for each conversation its start, its records page by
// page (oldest first), its end, and finally the footer. Every piece is UTF-8.
class HistoryWriter
{
public:
    virtual ~HistoryWriter() = default;

    virtual Result<QByteArray> header(const QList<DeviceSummary> &devices) = 0;
    virtual QByteArray conversationStart(const ConversationSummary &conversation) = 0;
    virtual QByteArray records(const QList<StoredRecord> &oldestFirst) = 0;
    virtual QByteArray conversationEnd() = 0;
    virtual QByteArray footer() = 0;
};

} // namespace huiji

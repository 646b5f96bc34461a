#pragma once

#include "ui/HistoryWriter.h"

#include <QCoreApplication>
#include <QDate>
#include <QHash>

namespace huiji {

// A self-contained, readable HTML page: styles inline in the head and no other resource, every
// text escaped, UTF-8. Each record has its device's colour as a bar and a badge with the device's
// label, the same colours as in the viewer (their light variants: the page is a light document),
// and a heading starts every day.
class HistoryHtmlWriter : public HistoryWriter
{
    Q_DECLARE_TR_FUNCTIONS(HistoryHtmlWriter)

public:
    Result<QByteArray> header(const QList<DeviceSummary> &devices) override;
    QByteArray conversationStart(const ConversationSummary &conversation) override;
    QByteArray records(const QList<StoredRecord> &oldestFirst) override;
    QByteArray conversationEnd() override;
    QByteArray footer() override;

private:
    QString colorOf(const QString &deviceId);

    QHash<QString, QString> m_colors; // device id to CSS colour
    QDate m_day;                      // of the last record written in this conversation
};

} // namespace huiji

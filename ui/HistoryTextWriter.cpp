#include "ui/HistoryTextWriter.h"

#include <QDateTime>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Result<QByteArray> HistoryTextWriter::header(const QList<DeviceSummary> &devices)
{
    Q_UNUSED(devices); // every line names its device
    return QByteArray();
}

QByteArray HistoryTextWriter::conversationStart(const ConversationSummary &conversation)
{
    return (tr("Conversation of %1 with %2").arg(conversation.account, conversation.contact) + u"\n\n"_s).toUtf8();
}

QByteArray HistoryTextWriter::records(const QList<StoredRecord> &oldestFirst)
{
    QString out;
    for (const StoredRecord &stored : oldestFirst) {
        const Record &record = stored.record;
        QString body = record.body;
        body.replace(u"\r\n"_s, u"\n"_s);
        body.replace(u'\r', u'\n');
        body.replace(u"\n"_s, u"\n\t"_s);
        out += QDateTime::fromMSecsSinceEpoch(record.orderTime()).toString(u"yyyy-MM-dd HH:mm:ss"_s);
        out += u"  ["_s + stored.deviceLabel + u"]  "_s + record.sender + u": "_s + body + u'\n';
    }
    return out.toUtf8();
}

QByteArray HistoryTextWriter::conversationEnd()
{
    return "\n";
}

QByteArray HistoryTextWriter::footer()
{
    return {};
}

} // namespace huiji

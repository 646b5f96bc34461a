#include "ui/HistoryJsonWriter.h"

#include "protocol/HistoryFile.h"

#include <QJsonDocument>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// Where the (empty) list of records opens in QJsonDocument's indented output.
constexpr QByteArrayView recordsOpen = "\"records\": [\n";
// QJsonDocument indents four spaces a level; records sit two levels deep.
constexpr QByteArrayView recordIndent = "        ";

} // namespace

Result<QByteArray> HistoryJsonWriter::header(const QList<DeviceSummary> &devices)
{
    HistoryFile envelope;
    for (const DeviceSummary &summary : devices)
        envelope.devices.append(summary.device);
    const QByteArray json = envelope.toJson();
    const qsizetype at = json.indexOf(recordsOpen);
    // HistoryFile always writes the list; should its layout ever change, refuse rather than
    // write a file that does not import (and the export tests, which compare with toJson(), fail).
    if (at < 0)
        return fail(ErrorCode::InvalidArgument, u"the history file's layout is not the one this export knows"_s);
    const qsizetype split = at + recordsOpen.size();
    m_tail = json.mid(split);
    m_first = true;
    return json.left(split);
}

QByteArray HistoryJsonWriter::conversationStart(const ConversationSummary &conversation)
{
    Q_UNUSED(conversation);
    return {};
}

QByteArray HistoryJsonWriter::records(const QList<StoredRecord> &oldestFirst)
{
    QByteArray out;
    for (const StoredRecord &stored : oldestFirst) {
        if (!m_first)
            out += ",\n";
        m_first = false;
        const QByteArray object = QJsonDocument(HistoryFile::recordToJson(stored.record)).toJson();
        const QList<QByteArray> lines = object.trimmed().split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0)
                out += '\n';
            out += recordIndent;
            out += lines.at(i);
        }
    }
    return out;
}

QByteArray HistoryJsonWriter::conversationEnd()
{
    return {};
}

QByteArray HistoryJsonWriter::footer()
{
    return m_first ? m_tail : "\n" + m_tail;
}

} // namespace huiji

#include "LoadMessage.h"

#include "protocol/RecordCbor.h"
#include "protocol/RecordId.h"

#include <chrono>

using namespace Qt::StringLiterals;

namespace huiji::bench {

qint64 LoadMessage::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString LoadMessage::body(const Stamp &stamp, int chars)
{
    QString text = u"%1 %2 "_s.arg(stamp.seq).arg(stamp.dueNs);
    if (text.size() < chars)
        text.resize(chars, u'x');
    return text;
}

std::optional<LoadMessage::Stamp> LoadMessage::stampOf(QStringView body)
{
    const qsizetype first = body.indexOf(u' ');
    const qsizetype second = first < 0 ? -1 : body.indexOf(u' ', first + 1);
    if (second < 0)
        return std::nullopt;
    bool seqOk = false;
    bool timeOk = false;
    const Stamp stamp{body.first(first).toLongLong(&seqOk),
                      body.sliced(first + 1, second - first - 1).toLongLong(&timeOk)};
    if (!seqOk || !timeOk || stamp.seq < 0)
        return std::nullopt;
    return stamp;
}

Record LoadMessage::record(const QString &account, const QString &contact, const QString &deviceId,
                          const QString &body, qint64 unixMillis)
{
    Record record;
    record.id = RecordId::create(unixMillis);
    record.account = account;
    record.contact = contact;
    record.direction = Direction::Outgoing;
    record.sender = account;
    record.body = body;
    record.originDevice = deviceId;
    record.deviceTime = unixMillis;
    record.arrival = Arrival::Local;
    return record;
}

QCborMap LoadMessage::sendBody(const Record &record)
{
    return {{u"record"_s, RecordCbor::toCbor(record)}};
}

} // namespace huiji::bench

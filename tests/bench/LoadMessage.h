#pragma once

#include "protocol/Record.h"

#include <QCborMap>
#include <QString>

#include <optional>

namespace huiji::bench {

// The messages of the network benchmarks. A body starts with the sender's sequence number and the
// time the message was due (steady clock, ns) and is padded to a fixed size, so that a receiver
// in the same process tells latency, loss and duplicates from the body alone.
class LoadMessage
{
public:
    struct Stamp {
        qint64 seq = 0;
        qint64 dueNs = 0;
    };

    static qint64 nowNs(); // the steady clock every stamp uses
    static QString body(const Stamp &stamp, int chars);
    static std::optional<Stamp> stampOf(QStringView body);
    // A new message written at unixMillis, with its own id, as Session::sendMessage makes it, and
    // the `send` frame's body.
    static Record record(const QString &account, const QString &contact, const QString &deviceId,
                         const QString &body, qint64 unixMillis);
    static QCborMap sendBody(const Record &record);
};

} // namespace huiji::bench

#pragma once

#include <QCborMap>
#include <QString>

namespace huiji {

// One message on the wire (docs/protocol.md): a type, the request id that pairs an answer with its
// request (0 for pushes), and a body whose fields depend on the type.
struct Frame {
    QString type;
    qint64 requestId = 0;
    QCborMap body;

    friend bool operator==(const Frame &, const Frame &) = default;
};

} // namespace huiji

#pragma once

#include <QUuid>

namespace huiji {

// Makes record ids: UUIDv7 (RFC 9562), the creation time in the top 48 bits and random bits after
// it, so ids sort by creation time on one device and never collide across devices.
class RecordId
{
public:
    static QUuid create(qint64 unixMillis);
    static qint64 timeOf(const QUuid &id); // the creation time a v7 id carries, or -1
};

} // namespace huiji

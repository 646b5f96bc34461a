#pragma once

#include "protocol/Error.h"

#include <QByteArray>
#include <QString>
#include <QUuid>

#include <optional>

namespace huiji {

enum class Direction { Incoming, Outgoing };

// How a record reached the store that holds it.
enum class Arrival {
    Local,     // written on this device
    Relayed,   // captured by the server while relaying it (claim 10)
    Collected, // handed over by another device on the server's request (claim 13)
    Direct,    // seen on a device-to-device link (claim 11)
    Imported,  // read from a file
};

// One message as a device saw it. Times are milliseconds since the Unix epoch, UTC.
struct Record {
    QUuid id;                 // time-ordered, made by the originating device; null for imports
    QString account;          // the account whose history this is
    QString contact;          // the other party of the conversation
    Direction direction = Direction::Outgoing;
    QString sender;           // the account or the contact
    QString body;             // any Unicode text
    QString originDevice;     // the id of the device that made or saw this record
    qint64 deviceTime = 0;    // the originating device's clock
    std::optional<qint64> serverTime; // the server's clock when the record passed it
    Arrival arrival = Arrival::Local;

    // The time the merged history orders by: the server's clock where the record passed a server,
    // because one server clock is consistent across devices whose own clocks disagree.
    qint64 orderTime() const { return serverTime.value_or(deviceTime); }

    friend bool operator==(const Record &, const Record &) = default;
};

// The latest time a record may carry (year 2248): positions pack it into 43 bits, and the last
// millisecond of those is left free so that a cursor can stand after every record.
inline constexpr qint64 maxRecordTime = (qint64{1} << 43) - 2;

// Checks the fields every record must have; the error names the first missing one.
Result<void> validate(const Record &record);

// The content key (account, contact, sender, device time, body): what identifies a record that
// came without an id, and the comparison claim 13 names. 16 bytes: the device time, big-endian,
// then 8 bytes of SHA-256 over all five fields.
QByteArray contentKey(const Record &record);

QString directionName(Direction direction);
std::optional<Direction> directionFromName(QStringView name);
QString arrivalName(Arrival arrival);
std::optional<Arrival> arrivalFromName(QStringView name);

} // namespace huiji

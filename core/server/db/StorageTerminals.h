#pragma once

#include "server/db/DeviceRegistry.h"

#include "protocol/Error.h"

#include <QList>
#include <QString>

namespace huiji {

class SqlDatabase;

// The secondary storage terminals of each account (claims 2-4; the primary is DeviceRegistry's),
// and the moves of held inbox rows that changing terminals needs. A held row (no expiry) waits for
// a storage terminal until it acks: when the primary changes or goes, its held rows move to the
// next primary instead of being dropped, so nothing held is lost before some terminal has it.
class StorageTerminals
{
public:
    explicit StorageTerminals(SqlDatabase &database);

    Result<QList<DeviceRegistry::Terminal>> secondaries(const QString &account) const;
    Result<void> addSecondary(const QString &account, qint64 deviceKey, qint64 now);
    // False when the device was not a secondary of the account.
    Result<bool> removeSecondary(const QString &account, qint64 deviceKey);

    // Moves every held row of the account's devices that are no storage terminal any more (a
    // replaced or removed primary) to the primary `to`; a row it holds already is kept once.
    // Returns the sequence numbers `to` did not hold before, in order.
    Result<QList<qint64>> retargetHeld(const QString &account, qint64 to);
    // Holds one message for these devices without expiry (a record synchronised to secondaries).
    Result<void> holdFor(const QList<qint64> &deviceKeys, qint64 seq);

private:
    SqlDatabase &m_database;
};

} // namespace huiji

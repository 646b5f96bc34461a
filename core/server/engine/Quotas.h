#pragma once

#include "server/db/DeviceRegistry.h"
#include "server/engine/RateWindow.h"

#include "protocol/Error.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QUuid>

#include <functional>
#include <optional>

namespace huiji {

class ServerDatabase;
struct ServerConfig;

// What one account or address may take of the server, beyond logins (LoginThrottle): accounts
// created per address and hour, devices per account, records a device hands over per hour, and
// what storage terminals hold on an account's behalf. Each refusal says which limit and, for the
// rates, when there is room again. Used on the hub's thread, in its turn.
//
// Who is charged for a held record: the account that put it there, its message's owner (Mailbox).
// A relayed message is charged to its sender, on the sender's storage terminal and on the
// recipient's alike; a record a device handed over (collected, forwarded, synchronised to
// secondaries) to that device's account. So a contact who floods an account whose terminal is
// offline fills only its own share of that terminal and is refused past it: the owner can still
// send, and every other contact's messages still reach the terminal. A terminal holds at most the
// quota for its owner and the quota for each accepted contact. (A collected record that the server
// had as a message relayed to the account stays that message, charged to its sender.)
class Quotas
{
public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic
    struct Load {
        qint64 records = 0;
        qint64 bytes = 0; // the text's UTF-8 bytes, and records kept whole (direct ones) by theirs
    };

    Quotas(const ServerConfig &config, ServerDatabase &database, Clock clock);

    // RateLimited, with the wait, when the address created its quota of accounts this hour;
    // registered() counts one (when its password hash starts: that is the cost).
    Result<void> admitRegistration(const QString &address);
    void registered(const QString &address);

    // QuotaExceeded when `deviceId` is new to an account that has as many devices as it may.
    Result<void> admitDevice(const QList<DeviceRegistry::Device> &devices, const QString &deviceId) const;

    // RateLimited, with the wait, once the device handed over its quota of records this hour;
    // otherwise counts these.
    Result<void> admitUpload(qint64 deviceKey, qsizetype records);

    // A message from `sender` to `recipient`, held for the sender's primary storage terminal (unless
    // it comes from that terminal) and the recipient's: QuotaExceeded when either holds its quota of
    // the sender's records already, unless the message is stored already (a resend adds nothing).
    // Otherwise it is charged to the sender on both.
    struct Side {
        const std::optional<DeviceRegistry::Terminal> &terminal;
        const QString &account;
    };
    Result<void> admitMessage(Side sender, qint64 fromDevice, Side recipient, const QUuid &id, qint64 bytes);
    // Records a device of `account` hands over for its own terminal.
    Result<void> admitHeld(const DeviceRegistry::Terminal &terminal, const QString &account);
    void chargeHeld(qint64 terminalKey, const QString &account, Load added);
    // The terminal acks these deliveries; call before their rows go: their charges come off.
    void releaseHeld(qint64 terminalKey, const QList<qint64> &seqs);
    // The turn's writes were rolled back: what is held is read afresh.
    void forget() { m_held.clear(); }

private:
    struct Held {
        qint64 since = 0; // of the terminal counted; another since is another terminal
        qint64 countedAt = 0;
        QHash<QString, Load> byAccount;
    };
    // What `terminal` holds for each account, counted from the database when not known, when old,
    // or when it looks over the quota (at most every few seconds: a count reads every held row).
    Result<Held *> held(const DeviceRegistry::Terminal &terminal, const QString &account);
    Result<void> recount(const DeviceRegistry::Terminal &terminal, Held &held);
    bool over(const Load &load) const;
    Error full(const Load &load, const QString &owner, const QString &account) const;

    ServerDatabase &m_database;
    Clock m_clock;
    Load m_heldLimit;
    int m_devicesPerAccount;
    RateWindow m_registrations;
    RateWindow m_uploads;
    QHash<qint64, Held> m_held; // by terminal device key
};

} // namespace huiji

#pragma once

#include "server/db/DeviceRegistry.h"
#include "server/db/KeptQuery.h"
#include "server/db/Mailbox.h"

#include "protocol/Error.h"
#include "protocol/Record.h"
#include "protocol/Wire.h"

#include <QString>

#include <optional>

namespace huiji {

class SqlDatabase;

// Collection requests on the server (claim 13): each record a device hands over is compared with
// what the server holds for the account's storage terminal, by id or by content key; duplicates are
// dropped and the rest is held for the terminal, which merges it by time and contact like anything
// else it is sent. Also keeps each device's collection for the current terminal: its counts so far
// and whether the device has said it sent everything.
class Collections
{
public:
    enum class Outcome { Added, Duplicate, Refused, Conflict }; // Conflict: the id was filed with other content
    struct Taken {
        Outcome outcome = Outcome::Refused;
        qint64 seq = 0; // the message now held for the terminal, when Added
    };
    struct Progress {
        qint64 terminalKey = 0;
        qint64 terminalSince = 0;
        wire::CollectionCounts counts;
        std::optional<qint64> completed; // when the device said it had sent everything
    };

    Collections(SqlDatabase &database, Mailbox &mailbox);

    // One record, as the uploading device's account sees it (the caller checked the account): it
    // is filed under that account's ids only, so it can reach that account's storage terminal and
    // nothing else. `uploader` is the device handing it over; `now` becomes the stored message's
    // server time (when it was collected), never the record's.
    Result<Taken> take(const Record &record, const QString &uploader, const DeviceRegistry::Terminal &terminal,
                       qint64 now);

    Result<std::optional<Progress>> progress(qint64 deviceKey) const;
    // Whether the device still owes the terminal a collection: it has not completed one for it.
    static bool owes(const std::optional<Progress> &progress, const DeviceRegistry::Terminal &terminal);
    // Adds a batch's counts to the device's collection for this terminal. A collection for another
    // terminal, or a new pass (`restart`), starts again from zero; `complete` marks it done.
    Result<Progress> count(qint64 deviceKey, const DeviceRegistry::Terminal &terminal,
                           const wire::CollectionCounts &batch, bool restart, bool complete, qint64 now);

private:
    // Whether the terminal was given this record through collections before: none, a duplicate,
    // or a conflict (its id with other content).
    Result<std::optional<Outcome>> given(qint64 terminalKey, const QByteArray &uid, const QByteArray &contentKey);
    Result<void> remember(qint64 terminalKey, const QByteArray &uid, const QByteArray &contentKey);
    // Whether the terminal has a relayed message, or has it held: the rows of a terminal are held
    // until it acks them, so every message relayed since it became the terminal reached it.
    Result<bool> reached(const Mailbox::Message &message, const DeviceRegistry::Terminal &terminal);

    SqlDatabase &m_database;
    Mailbox &m_mailbox;
    KeptQuery m_given, m_remember;
};

} // namespace huiji

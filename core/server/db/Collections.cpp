#include "server/db/Collections.h"

#include "protocol/RecordCbor.h"
#include "sql/SqlDatabase.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Collections::Collections(SqlDatabase &database, Mailbox &mailbox) : m_database(database), m_mailbox(mailbox) {}

Result<Collections::Taken> Collections::take(const Record &record, const QString &uploader,
                                             const DeviceRegistry::Terminal &terminal, qint64 now)
{
    // Each direction has one sender; a record that says otherwise cannot be filed as a message.
    const bool sent = record.direction == Direction::Outgoing;
    if (record.contact == record.account || record.sender != (sent ? record.account : record.contact))
        return Taken{};
    const QString recipient = sent ? record.contact : record.account;
    const QUuid id = record.id.isNull() ? Mailbox::contentId(record) : record.id;
    const QByteArray uid = id.toRfc4122();
    const QByteArray key = contentKey(record);

    auto known = given(terminal.key, uid, key);
    if (!known)
        return std::unexpected(known.error());
    if (*known)
        return Taken{**known};
    Mailbox::Message message{0,
                             id,
                             record.sender,
                             recipient,
                             sent ? record.originDevice : u""_s,
                             record.body,
                             record.deviceTime,
                             now,
                             sent ? QString() : record.originDevice,
                             uploader,
                             record.serverTime,
                             record.arrival == Arrival::Direct ? RecordCbor::toCbor(record).toCborValue().toCbor()
                                                               : QByteArray()};
    // The account's own record of this id, or, for one it received, the message relayed to it:
    // never a record another account filed, which is that account's alone.
    auto found = m_mailbox.find(record.account, id);
    if (found && !*found && !sent)
        found = m_mailbox.findRelayed(record.sender, id, record.account);
    if (!found)
        return std::unexpected(found.error());
    if (*found) {
        const Mailbox::Message &stored = **found;
        if (!Mailbox::sameContent(stored, message))
            return Taken{Outcome::Conflict};
        auto reachedAlready = reached(stored, terminal);
        if (!reachedAlready)
            return std::unexpected(reachedAlready.error());
        if (!*reachedAlready)
            if (auto held = m_mailbox.enqueue(terminal.key, stored.seq, std::nullopt); !held)
                return std::unexpected(held.error());
        if (auto kept = remember(terminal.key, uid, key); !kept)
            return std::unexpected(kept.error());
        return *reachedAlready ? Taken{Outcome::Duplicate} : Taken{Outcome::Added, stored.seq};
    }

    // New to the server. Labelled like a relayed message: the sending device for the sender's
    // side, the device that saw it for the recipient's; the other side's device is not known.
    // A record seen on a direct link (claim 11) never passed here: its account's terminal gets it
    // as the device kept it, so the history still shows it went direct (Mailbox::recordFor).
    auto stored = m_mailbox.store(record.account, message);
    if (!stored)
        return std::unexpected(stored.error());
    if (auto held = m_mailbox.enqueue(terminal.key, stored->seq, std::nullopt); !held)
        return std::unexpected(held.error());
    if (auto kept = remember(terminal.key, uid, key); !kept)
        return std::unexpected(kept.error());
    return Taken{Outcome::Added, stored->seq};
}

Result<bool> Collections::reached(const Mailbox::Message &message, const DeviceRegistry::Terminal &terminal)
{
    if (message.collectedBy.isEmpty()) {
        // Relayed here. Since the terminal was chosen every message of the account was held for it
        // until it acked; before that, it has what it sent or was the first to see.
        if (message.serverTime >= terminal.since || message.senderDevice == terminal.deviceId
            || message.seenBy == terminal.deviceId)
            return true;
    }
    auto queued = m_mailbox.queued(terminal.key, message.seq);
    if (!queued)
        return std::unexpected(queued.error());
    return queued->has_value();
}

Result<std::optional<Collections::Outcome>> Collections::given(qint64 terminalKey, const QByteArray &uid,
                                                               const QByteArray &contentKey)
{
    // The id first: given with this content it is a duplicate, with another a conflict.
    auto select = m_given.get(m_database, u"SELECT content_key FROM collected_keys WHERE terminal_key = ? AND uid = ?"
                                          " UNION ALL SELECT content_key FROM collected_keys"
                                          " WHERE terminal_key = ? AND content_key = ?"_s);
    if (!select)
        return std::unexpected(select.error());
    for (int index = 0; const QVariant &value : {QVariant(terminalKey), QVariant(uid), QVariant(terminalKey),
                                                 QVariant(contentKey)})
        (*select)->bindValue(index++, value);
    if (auto done = m_database.exec(**select); !done)
        return std::unexpected(done.error());
    std::optional<Outcome> found;
    if ((*select)->next())
        found = (*select)->value(0).toByteArray() == contentKey ? Outcome::Duplicate : Outcome::Conflict;
    (*select)->finish();
    return found;
}

Result<void> Collections::remember(qint64 terminalKey, const QByteArray &uid, const QByteArray &contentKey)
{
    auto insert = m_remember.get(m_database, u"INSERT INTO collected_keys (terminal_key, uid, content_key)"
                                             " VALUES (?, ?, ?) ON CONFLICT (terminal_key, uid) DO NOTHING"_s);
    if (!insert)
        return std::unexpected(insert.error());
    for (int index = 0; const QVariant &value : {QVariant(terminalKey), QVariant(uid), QVariant(contentKey)})
        (*insert)->bindValue(index++, value);
    return m_database.exec(**insert);
}

Result<std::optional<Collections::Progress>> Collections::progress(qint64 deviceKey) const
{
    auto select = m_database.prepare(u"SELECT terminal_key, terminal_since, received, duplicates, added, refused,"
                                     " completed, conflicts FROM collections WHERE device_key = ?"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(deviceKey);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    if (!select->next())
        return std::nullopt;
    Progress progress{select->value(0).toLongLong(),
                      select->value(1).toLongLong(),
                      {select->value(2).toLongLong(), select->value(3).toLongLong(), select->value(4).toLongLong(),
                       select->value(5).toLongLong(), select->value(7).toLongLong()},
                      std::nullopt};
    if (!select->isNull(6))
        progress.completed = select->value(6).toLongLong();
    return progress;
}

bool Collections::owes(const std::optional<Progress> &progress, const DeviceRegistry::Terminal &terminal)
{
    return !progress || progress->terminalKey != terminal.key || progress->terminalSince != terminal.since
           || !progress->completed;
}

Result<Collections::Progress> Collections::count(qint64 deviceKey, const DeviceRegistry::Terminal &terminal,
                                                 const wire::CollectionCounts &batch, bool restart, bool complete,
                                                 qint64 now)
{
    auto existing = progress(deviceKey);
    if (!existing)
        return std::unexpected(existing.error());
    Progress next{terminal.key, terminal.since, {}, std::nullopt};
    if (*existing && (*existing)->terminalKey == terminal.key && (*existing)->terminalSince == terminal.since
        && !restart)
        next = **existing;
    next.counts += batch;
    if (complete)
        next.completed = now;
    auto upsert = m_database.prepare(
        u"INSERT INTO collections (device_key, terminal_key, terminal_since, received, duplicates, added, refused,"
        " completed, conflicts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_key) DO UPDATE SET"
        " terminal_key = excluded.terminal_key, terminal_since = excluded.terminal_since,"
        " received = excluded.received, duplicates = excluded.duplicates, added = excluded.added,"
        " refused = excluded.refused, completed = excluded.completed, conflicts = excluded.conflicts"_s);
    if (!upsert)
        return std::unexpected(upsert.error());
    for (const QVariant &value :
         {QVariant(deviceKey), QVariant(next.terminalKey), QVariant(next.terminalSince), QVariant(next.counts.received),
          QVariant(next.counts.duplicates), QVariant(next.counts.added), QVariant(next.counts.refused),
          next.completed ? QVariant(*next.completed) : QVariant(QMetaType::fromType<qint64>()),
          QVariant(next.counts.conflicts)})
        upsert->addBindValue(value);
    if (auto done = m_database.exec(*upsert); !done)
        return std::unexpected(done.error());
    return next;
}

} // namespace huiji

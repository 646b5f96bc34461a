#include "server/engine/Quotas.h"

#include "server/ServerConfig.h"
#include "server/db/ServerDatabase.h"
#include "server/ServerLog.h"
#include "sql/SqlDatabase.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 hourMs = 60 * 60 * 1000;
// A count of what a terminal holds reads each of its held rows: it is redone when it may have
// drifted (records that entered by ways not counted here), and when a refusal is near, no more
// often than this.
constexpr qint64 recountAfterMs = 10 * 60 * 1000;
constexpr qint64 recountOverMs = 10 * 1000;
constexpr qsizetype seqsPerQuery = 500;

// A terminal's held rows by the account they are charged to, the owner of their message (the
// class comment), with their records and size; the caller adds its own conditions on the inbox
// rows `i` and groups by the owner.
const QString chargedRows =
    u"SELECT m.owner, COUNT(*), COALESCE(SUM(LENGTH(CAST(m.body AS BLOB)) + COALESCE(LENGTH(m.record), 0)), 0)"
    " FROM inbox i JOIN messages m ON m.seq = i.seq WHERE i.device_key = ? AND i.expires IS NULL"_s;

Error tooFast(const QString &what, qint64 waitMs)
{
    const qint64 seconds = qMax((waitMs + 999) / 1000, qint64{1});
    return {ErrorCode::RateLimited, u"%1; try again in %2 s"_s.arg(what).arg(seconds), seconds};
}

} // namespace

Quotas::Quotas(const ServerConfig &config, ServerDatabase &database, Clock clock)
    : m_database(database),
      m_clock(std::move(clock)),
      m_heldLimit{config.heldRecords, config.heldBytes},
      m_devicesPerAccount(config.devicesPerAccount),
      m_registrations(config.registrationsPerAddressHour, hourMs),
      m_uploads(config.uploadRecordsPerHour, hourMs)
{
}

Result<void> Quotas::admitRegistration(const QString &address)
{
    if (const qint64 wait = m_registrations.wait(networkOf(address), m_clock()); wait > 0)
        return std::unexpected(
            tooFast(u"%1 accounts were created from your address within the hour, the most this server takes"_s.arg(
                        m_registrations.limit()),
                    wait));
    return {};
}

void Quotas::registered(const QString &address)
{
    m_registrations.add(networkOf(address), m_clock());
}

Result<void> Quotas::admitDevice(const QList<DeviceRegistry::Device> &devices, const QString &deviceId) const
{
    if (m_devicesPerAccount <= 0 || devices.size() < m_devicesPerAccount)
        return {};
    if (std::ranges::any_of(devices, [&](const DeviceRegistry::Device &device) { return device.info.id == deviceId; }))
        return {};
    return fail(ErrorCode::QuotaExceeded, u"this account has %1 devices, the most this server allows; "
                                          "log in from one of them"_s.arg(devices.size()));
}

Result<void> Quotas::admitUpload(qint64 deviceKey, qsizetype records)
{
    const QString key = QString::number(deviceKey);
    const qint64 now = m_clock();
    if (const qint64 wait = m_uploads.wait(key, now); wait > 0)
        return std::unexpected(tooFast(u"this device handed over %1 records within the hour, the most this server "
                                       "takes; the rest is kept"_s.arg(m_uploads.limit()),
                                       wait));
    m_uploads.add(key, now, records);
    return {};
}

bool Quotas::over(const Load &load) const
{
    return (m_heldLimit.records > 0 && load.records >= m_heldLimit.records)
           || (m_heldLimit.bytes > 0 && load.bytes >= m_heldLimit.bytes);
}

Error Quotas::full(const Load &load, const QString &owner, const QString &account) const
{
    const QString held = u"%1 records (%2 KiB)"_s.arg(load.records).arg(load.bytes / 1024);
    if (owner == account)
        return {ErrorCode::QuotaExceeded,
                u"your storage terminal has %1 waiting for it, the most this server keeps: connect it so that it "
                "takes them, or choose another, before sending or handing over more"_s.arg(held)};
    return {ErrorCode::QuotaExceeded, u"%1's storage terminal has %2 of yours waiting for it, the most this server "
                                      "keeps; send more once it has taken them"_s.arg(owner, held)};
}

Result<void> Quotas::recount(const DeviceRegistry::Terminal &terminal, Held &held)
{
    auto count = m_database.sql().prepare(chargedRows + u" GROUP BY m.owner"_s);
    if (!count)
        return std::unexpected(count.error());
    count->addBindValue(terminal.key);
    if (auto done = m_database.sql().exec(*count); !done)
        return done;
    held = Held{terminal.since, m_clock(), {}};
    while (count->next())
        held.byAccount.insert(count->value(0).toString(), {count->value(1).toLongLong(), count->value(2).toLongLong()});
    return {};
}

Result<Quotas::Held *> Quotas::held(const DeviceRegistry::Terminal &terminal, const QString &account)
{
    const qint64 now = m_clock();
    auto found = m_held.find(terminal.key);
    const bool known = found != m_held.end() && found->since == terminal.since;
    if (!known || now - found->countedAt >= recountAfterMs
        || (over(found->byAccount.value(account)) && now - found->countedAt >= recountOverMs)) {
        Held counted;
        if (auto done = recount(terminal, counted); !done)
            return std::unexpected(done.error());
        found = m_held.insert(terminal.key, counted);
    }
    return &*found;
}

Result<void> Quotas::admitHeld(const DeviceRegistry::Terminal &terminal, const QString &account)
{
    if (m_heldLimit.records <= 0 && m_heldLimit.bytes <= 0)
        return {};
    auto counted = held(terminal, account);
    if (!counted)
        return std::unexpected(counted.error());
    const Load load = (*counted)->byAccount.value(account);
    if (over(load))
        return std::unexpected(full(load, account, account));
    return {};
}

Result<void> Quotas::admitMessage(Side sender, qint64 fromDevice, Side recipient, const QUuid &id, qint64 bytes)
{
    if (m_heldLimit.records <= 0 && m_heldLimit.bytes <= 0)
        return {};
    QList<const DeviceRegistry::Terminal *> charged;
    std::optional<Error> refusal;
    for (const Side &side : {sender, recipient}) {
        if (!side.terminal || side.terminal->key == fromDevice)
            continue; // nothing is held where there is no terminal, nor for the terminal that sent it
        auto counted = held(*side.terminal, sender.account);
        if (!counted)
            return std::unexpected(counted.error());
        if (const Load load = (*counted)->byAccount.value(sender.account); over(load) && !refusal)
            refusal = full(load, side.account, sender.account);
        charged.append(&*side.terminal);
    }
    if (refusal) {
        auto stored = m_database.mailbox().find(sender.account, id);
        if (!stored)
            return std::unexpected(stored.error());
        if (!*stored)
            return std::unexpected(*refusal);
        return {}; // a resend of a message stored before: it holds nothing more
    }
    for (const DeviceRegistry::Terminal *terminal : std::as_const(charged))
        chargeHeld(terminal->key, sender.account, {1, bytes});
    return {};
}

void Quotas::chargeHeld(qint64 terminalKey, const QString &account, Load added)
{
    const auto found = m_held.find(terminalKey);
    if (found == m_held.end())
        return; // counted from the database when it is first needed
    Load &load = found->byAccount[account];
    load.records += added.records;
    load.bytes += added.bytes;
}

void Quotas::releaseHeld(qint64 terminalKey, const QList<qint64> &seqs)
{
    const auto found = m_held.find(terminalKey);
    if (found == m_held.end())
        return;
    for (qsizetype from = 0; from < seqs.size(); from += seqsPerQuery) {
        const QList<qint64> part = seqs.mid(from, seqsPerQuery);
        const QStringList marks(part.size(), u"?"_s);
        auto charged =
            m_database.sql().prepare(chargedRows + u" AND i.seq IN (%1) GROUP BY m.owner"_s.arg(marks.join(u',')));
        Result<void> done = charged ? Result<void>{} : std::unexpected(charged.error());
        if (done) {
            charged->addBindValue(terminalKey);
            for (const qint64 seq : part)
                charged->addBindValue(seq);
            done = m_database.sql().exec(*charged);
        }
        if (!done) {
            qCWarning(lcServerRelay) << "what a storage terminal holds is counted afresh:" << done.error().message;
            m_held.erase(found);
            return;
        }
        while (charged->next()) {
            Load &load = found->byAccount[charged->value(0).toString()];
            load.records = qMax(load.records - charged->value(1).toLongLong(), qint64{0});
            load.bytes = qMax(load.bytes - charged->value(2).toLongLong(), qint64{0});
        }
    }
}

} // namespace huiji

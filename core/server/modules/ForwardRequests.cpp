#include "server/modules/ForwardRequests.h"

#include "server/engine/Hub.h"

#include "server/modules/CollectionRequests.h"
#include "server/db/ServerDatabase.h"
#include "server/ServerLog.h"
#include "sql/SqlDatabase.h"

#include <QSqlError>


namespace huiji {

using namespace Qt::Literals::StringLiterals;

void ForwardRequests::registerOn(Dispatcher &dispatcher)
{
    using enum Dispatcher::Size;
    using enum Dispatcher::Rate;
    dispatcher.add(wire::forward, {Peer::Stage::Ready, Bulk, Free, &forward});
    dispatcher.add(wire::forwardingSet, {Peer::Stage::Ready, Control, Counted, &setPolicy});
    dispatcher.add(wire::forwardingGet, {Peer::Stage::Ready, Control, Counted, &getPolicy});
}

Result<wire::ForwardingPolicy> ForwardRequests::policy(Hub &hub, const QString &account)
{
    auto select = hub.database().sql().prepare(u"SELECT mode, amount FROM forwarding_policies WHERE account = ?"_s);
    if (!select)
        return std::unexpected(select.error());
    select->addBindValue(account);
    if (auto done = hub.database().sql().exec(*select); !done)
        return std::unexpected(done.error());
    if (!select->next())
        return wire::ForwardingPolicy{};
    const auto mode = wire::forwardingModeFromName(select->value(0).toString());
    if (!mode)
        return fail(ErrorCode::StorageFailure, u"the forwarding policy of %1 has an unknown mode"_s.arg(account));
    return wire::ForwardingPolicy{*mode, select->value(1).toLongLong()};
}

void ForwardRequests::getPolicy(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    auto current = policy(hub, client.account);
    if (!current) {
        hub.answerError(id, frame.requestId, current.error());
        return;
    }
    hub.answer(id, {wire::forwardingGet, frame.requestId, wire::toCbor(*current)});
}

void ForwardRequests::setPolicy(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    auto wanted = wire::forwardingPolicyFromCbor(frame.body);
    if (!wanted) {
        hub.answerError(id, frame.requestId, wanted.error());
        return;
    }
    Result<void> done = hub.write();
    if (done) {
        auto upsert = hub.database().sql().prepare(
            u"INSERT INTO forwarding_policies (account, mode, amount) VALUES (?, ?, ?)"
            " ON CONFLICT (account) DO UPDATE SET mode = excluded.mode, amount = excluded.amount"_s);
        if (!upsert) {
            done = std::unexpected(upsert.error());
        } else {
            upsert->addBindValue(client.account);
            upsert->addBindValue(wire::forwardingModeName(wanted->mode));
            upsert->addBindValue(wanted->amount);
            done = hub.database().sql().exec(*upsert);
        }
    }
    if (!done) {
        hub.answerError(id, frame.requestId, done.error());
        return;
    }
    const QCborMap body = wire::toCbor(*wanted);
    hub.answer(id, {wire::forwardingSet, frame.requestId, body}, true);
    // To every online device of the account, the asking one too: the engine follows the push alone.
    for (const quint64 online : hub.sessions().online(client.account))
        hub.answer(online, {wire::forwarding, 0, body}, true);
}

void ForwardRequests::forward(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    auto terminal = CollectionRequests::terminalFor(
        hub, client, u"this account has no storage terminal to forward to; keep the records"_s,
        u"the storage terminal keeps its own direct records and forwards nothing"_s);
    wire::CollectionCounts counts;
    Result<QList<Record>> valid = std::unexpected(Error{});
    if (terminal)
        valid = CollectionRequests::readBatch(hub, client, frame.body.value(u"records"_s), wire::maxForwardRecords,
                                              counts);
    else
        valid = std::unexpected(terminal.error());
    if (valid)
        if (auto room = CollectionRequests::admit(hub, client, *terminal, *valid); !room)
            valid = std::unexpected(room.error());
    if (!valid) {
        hub.answerError(id, frame.requestId, valid.error());
        return;
    }
    QList<qint64> held;
    Result<void> done = hub.write();
    if (done)
        done = hub.database().sql().savepoint([&] {
            return CollectionRequests::takeAll(hub, client, *terminal, *valid, hub.now(), counts, held);
        });
    if (!done) {
        hub.answerError(id, frame.requestId, done.error());
        return;
    }
    qCDebug(lcServerRelay) << client.account << "device" << client.device.info.id << "forwarded" << counts.received
                           << "records:" << counts.added << "new," << counts.duplicates << "duplicate";
    hub.delivery().feed(client.account, {terminal->key}, held);
    hub.answer(id, {wire::forward, frame.requestId, wire::toCbor(counts)}, true); // once it is committed
}

} // namespace huiji

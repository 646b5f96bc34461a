#include "server/modules/RelayRequests.h"

#include "server/ServerLog.h"
#include "server/db/ServerDatabase.h"
#include "server/engine/Hub.h"
#include "server/modules/TerminalRequests.h"

#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

#include <QCborArray>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

void RelayRequests::registerOn(Dispatcher &dispatcher)
{
    using enum Dispatcher::Size;
    using enum Dispatcher::Rate;
    dispatcher.add(wire::send, {Peer::Stage::Ready, Bulk, Free, &onSend});
    dispatcher.add(wire::ack, {Peer::Stage::Ready, Ack, Free, &onAck});
}

void RelayRequests::onSend(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    auto record = RecordCbor::fromCbor(frame.body.value(u"record"_s).toMap());
    if (!record) {
        hub.answerError(id, frame.requestId, record.error());
        return;
    }
    if (record->id.isNull() || record->account != client.account || record->sender != client.account
        || record->direction != Direction::Outgoing) {
        hub.answerError(id, frame.requestId, {ErrorCode::InvalidRecord,
                                          u"a message to send needs an id, this account as account and sender, "
                                          "and direction out"_s});
        return;
    }
    // Only the body is the sender's to size: the rest of what is stored is the session's.
    const Result<qsizetype> bytes = hub.config().limits().checkBody(record->body);
    if (!bytes) {
        hub.answerError(id, frame.requestId, bytes.error());
        return;
    }
    auto sender = hub.accounts().get(client.account);
    if (!sender || !(*sender)->contacts.contains(record->contact)) {
        hub.answerError(id, frame.requestId, sender ? Error{ErrorCode::Forbidden, u"%1 is not your contact"_s.arg(record->contact)}
                                                : sender.error());
        return;
    }
    const std::optional<DeviceRegistry::Terminal> senderTerminal = (*sender)->terminal; // the next get() may move it
    auto recipient = hub.accounts().get(record->contact);
    Result<void> room = recipient ? hub.quotas().admitMessage({senderTerminal, client.account}, client.device.key,
                                                          {(*recipient)->terminal, record->contact}, record->id,
                                                          *bytes)
                                  : std::unexpected(recipient.error());
    if (!room) {
        hub.answerError(id, frame.requestId, room.error());
        return;
    }
    // Histories order by server time, and records of one millisecond by a random part of their id:
    // a device's messages get increasing times, or an outbox sent in one go (after a reconnect)
    // would be shuffled in every history.
    const qint64 at = std::max(hub.now(), client.lastSent + 1);
    client.lastSent = at;
    Mailbox::Message message{0, record->id, client.account, record->contact, client.device.info.id,
                             record->body, record->deviceTime, at, {}, {}, std::nullopt, {}};
    Mailbox::Stored stored;
    QList<quint64> live; // online devices to hand it to once it is stored
    // No savepoint around these writes, the hot path's largest cost after the inserts: what makes
    // them fail (a full disk, an I/O error) fails the whole turn's commit too, so the turn goes.
    bool conflict = false; // the id was this account's before, for another message
    Result<void> done = hub.write();
    if (done) {
        auto kept = hub.database().mailbox().store(client.account, message);
        done = kept ? Result<void>{} : std::unexpected(kept.error());
        if (kept)
            stored = *kept;
        // A duplicate is a resend after a lost ack, delivered before, unless its id came first in
        // a collection: then it was only held for the storage terminal and is relayed now. The
        // same id with other content is refused, never merged.
        bool relay = kept && !stored.duplicate;
        if (kept && stored.duplicate) {
            auto before = hub.database().mailbox().find(client.account, record->id);
            if (!before)
                done = std::unexpected(before.error());
            else
                conflict = !*before || !Mailbox::sameContent(**before, message);
            if (done && !conflict && !(*before)->collectedBy.isEmpty()) {
                auto collected = hub.database().mailbox().relayCollected(stored.seq, message);
                done = collected ? Result<void>{} : std::unexpected(collected.error());
                relay = collected && *collected;
                if (relay)
                    stored.serverTime = at;
            }
        }
        if (relay) {
            message.seq = stored.seq;
            done = hub.delivery().fanOut(message, client.device.key, live);
            if (done)
                done = TerminalRequests::relayed(hub, client, message);
        }
    }
    if (!done) {
        hub.failTurn(done.error());
        hub.answerError(id, frame.requestId, {ErrorCode::ServerFailure, u"the server could not store the message"_s});
        return;
    }
    if (conflict) {
        qCWarning(lcServerRelay) << client.account << "device" << client.device.info.id << "sent message"
                                 << record->id.toString(QUuid::WithoutBraces)
                                 << "whose id it used before for another message; refused";
        hub.answerError(id, frame.requestId, {ErrorCode::IdConflict, u"this message id was used before for another "
                                                                 "message; send it with a new id"_s});
        return;
    }
    hub.delivery().handOver(live, message);
    const QCborMap sent{{u"id"_s, record->id.toRfc4122()}, {u"serverTime"_s, stored.serverTime}};
    hub.answer(id, {wire::send, frame.requestId, sent}, true);
}

void RelayRequests::onAck(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    QList<qint64> seqs;
    for (const QCborValue &seq : frame.body.value(u"seqs"_s).toArray())
        if (seq.isInteger())
            seqs.append(seq.toInteger());
    const Result<void> begun = hub.write();
    if (begun)
        hub.quotas().releaseHeld(client.device.key, seqs); // before the rows go
    const auto seen = begun ? hub.database().mailbox().acknowledge(client.device.key, client.device.info.id,
                                                                client.account, seqs)
                            : Result<QList<Mailbox::Seen>>(std::unexpected(begun.error()));
    if (!seen) {
        hub.closeWith(id, seen.error());
        return;
    }
    // Receipts: the sender's devices learn that the recipient has these messages now.
    QHash<QString, QCborArray> bySender;
    for (const Mailbox::Seen &message : std::as_const(*seen))
        bySender[message.sender].append(message.id.toRfc4122());
    for (auto it = bySender.cbegin(); it != bySender.cend(); ++it)
        hub.sessions().push(it.key(), {wire::delivered, 0, QCborMap{{u"ids"_s, it.value()}, {u"at"_s, hub.now()}}});
    client.stream.acknowledged(seqs);
    hub.delivery().pump(id, client);
}

} // namespace huiji

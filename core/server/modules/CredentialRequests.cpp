#include "server/modules/CredentialRequests.h"

#include "server/engine/Hub.h"

#include "server/db/ServerDatabase.h"
#include "server/ServerLog.h"

#include "protocol/Wire.h"

#include <QCborArray>
#include <QTimer>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

void CredentialRequests::registerOn(Dispatcher &dispatcher)
{
    using enum Dispatcher::Size;
    using enum Dispatcher::Rate;
    dispatcher.add(wire::deviceRevoke, {Peer::Stage::Ready, Control, Counted, &revoke});
}

void CredentialRequests::revoke(Hub &hub, quint64 id, Peer &client, const Frame &frame)
{
    const bool others = frame.body.value(u"others"_s).toBool();
    const QString deviceId = frame.body.value(u"device"_s).toString(client.device.info.id);
    const bool itself = !others && deviceId == client.device.info.id;
    if (!itself && !hub.passwords().reauthenticated(id, client, frame, &CredentialRequests::revoke))
        return; // asked for the password, or checking it: this runs again once it matches
    auto state = hub.accounts().get(client.account);
    if (!state) {
        hub.answerError(id, frame.requestId, state.error());
        return;
    }
    QList<qint64> keys;
    QCborArray ids;
    for (const DeviceRegistry::Device &device : std::as_const((*state)->devices))
        if (others ? device.key != client.device.key : device.info.id == deviceId) {
            keys.append(device.key);
            ids.append(device.info.id);
        }
    if (!others && keys.isEmpty()) {
        hub.answerError(id, frame.requestId, {ErrorCode::NotFound, u"\"%1\" is not a device of %2"_s.arg(deviceId, client.account)});
        return;
    }
    const Result<void> opened = hub.write();
    const Result<qint64> revoked = opened ? hub.database().accounts().revokeCredentials(keys)
                                          : Result<qint64>(std::unexpected(opened.error()));
    if (!revoked) {
        hub.answerError(id, frame.requestId, revoked.error());
        return;
    }
    qCInfo(lcServerAuth) << client.account << "signed out" << (itself ? u"itself"_s : u"%1 devices"_s.arg(keys.size()))
                         << "from" << client.address;
    // Their connections end now. What was held for them stays held: nothing is lost, it waits for
    // their next login with the password.
    for (const quint64 target : hub.sessions().online(client.account))
        if (const Peer *online = hub.sessions().find(target); online && target != id && keys.contains(online->device.key))
            hub.closeWith(target, {ErrorCode::BadCredentials, u"this device was signed out; log in with the password"_s});
    hub.answer(id, {wire::deviceRevoke, frame.requestId, QCborMap{{u"devices"_s, ids}, {u"revoked"_s, *revoked}}}, true);
    if (itself) // after the answer: the zero timer runs after the flush that sends it
        QTimer::singleShot(0, &hub, [&hub, id] {
            hub.closeWith(id, {ErrorCode::BadCredentials, u"this device signed out"_s});
        });
}

} // namespace huiji

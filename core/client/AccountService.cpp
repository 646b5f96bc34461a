#include "client/AccountService.h"

#include "client/Profile.h"
#include "client/Session.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// An answer whose body does not matter, only whether it came.
Session::Reply ignoringBody(AccountService::Done<void> done)
{
    return [done = std::move(done)](Result<QCborMap> answer) {
        done(answer ? Result<void>{} : Result<void>(std::unexpected(answer.error())));
    };
}

Session::Reply archiveAnswer(AccountService::Done<ArchiveSettings> done)
{
    return [done = std::move(done)](Result<QCborMap> answer) {
        if (!answer)
            return done(std::unexpected(answer.error()));
        done(ArchiveSettings{answer->value(u"enabled"_s).toBool(), answer->value(u"retentionDays"_s).toInteger(),
                             answer->value(u"records"_s).toInteger()});
    };
}

Session::Reply revokedAnswer(AccountService::Done<qint64> done)
{
    return [done = std::move(done)](Result<QCborMap> answer) {
        done(answer ? Result<qint64>(answer->value(u"revoked"_s).toInteger()) : std::unexpected(answer.error()));
    };
}

// A request body with the account password again (re-authentication).
QCborMap withPassword(QCborMap body, const QByteArray &password)
{
    body.insert(u"password"_s, QString::fromUtf8(password));
    return body;
}

Session::Reply forwardingAnswer(AccountService::Done<wire::ForwardingPolicy> done)
{
    return [done = std::move(done)](Result<QCborMap> answer) {
        done(answer ? wire::forwardingPolicyFromCbor(*answer) : std::unexpected(answer.error()));
    };
}

} // namespace

AccountService::AccountService(Session &session) : m_session(session) {}

void AccountService::addContact(const QString &user, Done<wire::ContactState> done)
{
    m_session.request(wire::contactAdd, QCborMap{{u"user"_s, user}}, [done = std::move(done)](Result<QCborMap> answer) {
        if (!answer)
            return done(std::unexpected(answer.error()));
        const auto state = wire::contactStateFromName(answer->value(u"state"_s).toString());
        done(state ? Result<wire::ContactState>(*state)
                   : fail(ErrorCode::ServerFailure, u"the server answered without the contact's state"_s));
    });
}

void AccountService::acceptContact(const QString &user, Done<void> done)
{
    m_session.request(wire::contactAccept, QCborMap{{u"user"_s, user}}, ignoringBody(std::move(done)));
}

void AccountService::removeContact(const QString &user, Done<void> done)
{
    m_session.request(wire::contactRemove, QCborMap{{u"user"_s, user}}, ignoringBody(std::move(done)));
}

void AccountService::devices(wire::DeviceOrder order, int windowDays, Done<QList<wire::DeviceEntry>> done)
{
    const QCborMap body{{u"sort"_s, wire::deviceOrderName(order)}, {u"window"_s, windowDays}};
    m_session.request(wire::devices, body, [done = std::move(done)](Result<QCborMap> answer) {
        if (!answer)
            return done(std::unexpected(answer.error()));
        QList<wire::DeviceEntry> entries;
        for (const QCborValue &entry : answer->value(u"devices"_s).toArray())
            entries.append(wire::deviceEntryFromCbor(entry.toMap()));
        done(entries);
    });
}

void AccountService::setTerminal(const QString &deviceId, const QByteArray &password, Done<void> done)
{
    const QCborMap body{{u"device"_s, deviceId}, {u"role"_s, wire::terminalRoleName(wire::TerminalRole::Primary)}};
    m_session.request(wire::terminalSet, withPassword(body, password), ignoringBody(std::move(done)));
}

void AccountService::clearTerminal(const QByteArray &password, Done<void> done)
{
    m_session.request(wire::terminalClear, withPassword({}, password), ignoringBody(std::move(done)));
}

void AccountService::addSecondaryTerminal(const QString &deviceId, const QByteArray &password, Done<void> done)
{
    const QCborMap body{{u"device"_s, deviceId}, {u"role"_s, wire::terminalRoleName(wire::TerminalRole::Secondary)}};
    m_session.request(wire::terminalSet, withPassword(body, password), ignoringBody(std::move(done)));
}

void AccountService::removeTerminal(const QString &deviceId, const QByteArray &password, Done<void> done)
{
    m_session.request(wire::terminalRemove, withPassword(QCborMap{{u"device"_s, deviceId}}, password),
                      ignoringBody(std::move(done)));
}

void AccountService::archive(Done<ArchiveSettings> done)
{
    m_session.request(wire::archive, QCborMap{}, archiveAnswer(std::move(done)));
}

void AccountService::setArchive(bool enabled, qint64 retentionDays, const QByteArray &password,
                                Done<ArchiveSettings> done)
{
    m_session.request(wire::archiveSet,
                      withPassword(QCborMap{{u"enabled"_s, enabled}, {u"retentionDays"_s, retentionDays}}, password),
                      archiveAnswer(std::move(done)));
}

void AccountService::signOutDevice(const QString &deviceId, const QByteArray &password, Done<qint64> done)
{
    m_session.request(wire::deviceRevoke, withPassword(QCborMap{{u"device"_s, deviceId}}, password),
                      revokedAnswer(std::move(done)));
}

void AccountService::signOutOtherDevices(const QByteArray &password, Done<qint64> done)
{
    m_session.request(wire::deviceRevoke, withPassword(QCborMap{{u"others"_s, true}}, password),
                      revokedAnswer(std::move(done)));
}

void AccountService::forwarding(Done<wire::ForwardingPolicy> done)
{
    m_session.request(wire::forwardingGet, QCborMap{}, forwardingAnswer(std::move(done)));
}

void AccountService::setForwarding(const wire::ForwardingPolicy &policy, Done<wire::ForwardingPolicy> done)
{
    m_session.request(wire::forwardingSet, wire::toCbor(policy), forwardingAnswer(std::move(done)));
}

void AccountService::collectNow(Done<qint64> done)
{
    m_session.request(wire::collectNow, QCborMap{}, [done = std::move(done)](Result<QCborMap> answer) {
        if (!answer)
            return done(std::unexpected(answer.error()));
        done(answer->value(u"asked"_s).toInteger());
    });
}

void AccountService::renameThisDevice(const QString &name, Done<void> done)
{
    const QString clean = name.simplified();
    if (clean.isEmpty())
        return done(fail(ErrorCode::InvalidArgument, u"a device needs a name"_s));
    Profile &profile = m_session.profile();
    profile.setDeviceName(clean);
    // Records already labelled with this device follow the new name; a device with no records
    // yet is not in the store, which is fine: it is registered with the name on its first record.
    if (auto renamed = profile.history().renameDevice(profile.device().id, clean);
        !renamed && renamed.error().code != ErrorCode::NotFound)
        return done(std::unexpected(renamed.error()));
    if (m_session.state() != Session::State::Online)
        return done({});
    m_session.request(wire::deviceRename, QCborMap{{u"name"_s, clean}}, ignoringBody(std::move(done)));
}

} // namespace huiji

#pragma once

#include "protocol/Error.h"
#include "protocol/Wire.h"

#include <QList>
#include <QString>

#include <functional>

namespace huiji {

class Session;

// The server's archive of an account (claim 5), as the `archive` and `archive-set` answers give it.
struct ArchiveSettings {
    bool enabled = false;
    qint64 retentionDays = 0; // 0: kept for good
    qint64 records = 0;       // what the archive holds now

    friend bool operator==(const ArchiveSettings &, const ArchiveSettings &) = default;
};

// The account's requests to the server with typed answers, for the desktop client and huiji-cli:
// contacts, the device list (claims 7-8), the storage terminals (claims 2-7), the server's archive
// (claim 5), the forwarding policy (claim 12), collection requests (claim 13), this device's name
// and signing devices out. Each answers once through its callback, on the session's thread; while
// the session is not online each fails at once with NetworkFailure. The changes that decide who
// receives the account's history, or delete it, take the account password again (re-authentication):
// without it they fail with ReauthRequired, with a wrong one BadCredentials.
class AccountService
{
public:
    template <typename T>
    using Done = std::function<void(Result<T>)>;

    explicit AccountService(Session &session);

    void addContact(const QString &user, Done<wire::ContactState> done);
    void acceptContact(const QString &user, Done<void> done);
    void removeContact(const QString &user, Done<void> done);
    void devices(wire::DeviceOrder order, int windowDays, Done<QList<wire::DeviceEntry>> done);
    // Makes a device of this account (this one, or one from devices()) the primary storage terminal.
    void setTerminal(const QString &deviceId, const QByteArray &password, Done<void> done);
    void clearTerminal(const QByteArray &password, Done<void> done);
    // Several storage terminals (claims 2-4): adds a device as a secondary (a primary becomes one
    // too), or takes a device out of either role; what was held for it stays held.
    void addSecondaryTerminal(const QString &deviceId, const QByteArray &password, Done<void> done);
    void removeTerminal(const QString &deviceId, const QByteArray &password, Done<void> done);
    // The server as a secondary (claim 5): whether it archives the account's history, and turning
    // that on (with a retention in days, 0 for good) or off; both answer the settings that stand.
    void archive(Done<ArchiveSettings> done);
    void setArchive(bool enabled, qint64 retentionDays, const QByteArray &password, Done<ArchiveSettings> done);
    // Signs another device of this account out: its credential is revoked and its connections end
    // at once (it logs in again only with the password). Or every device but this one; both answer
    // how many credentials ended. This device signs itself out with Session::signOut.
    void signOutDevice(const QString &deviceId, const QByteArray &password, Done<qint64> done);
    void signOutOtherDevices(const QByteArray &password, Done<qint64> done);
    // The account's forwarding policy (claim 12); a change reaches every online device of the
    // account as a push, this one too (Forwarder::policyChanged).
    void forwarding(Done<wire::ForwardingPolicy> done);
    void setForwarding(const wire::ForwardingPolicy &policy, Done<wire::ForwardingPolicy> done);
    // On the storage terminal: asks every online device of the account to hand over the records
    // it holds (claim 13); answers how many were asked. Forbidden on any other device. How each
    // one's collection goes is reported by the session's Collector::reported.
    void collectNow(Done<qint64> done);
    // Renames this device here (profile and the labels in its store) and, when online, on the server;
    // otherwise the server learns the name at the next login.
    void renameThisDevice(const QString &name, Done<void> done);

private:
    Session &m_session;
};

} // namespace huiji

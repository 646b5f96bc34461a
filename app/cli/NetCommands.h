#pragma once

#include "CliCommands.h"

#include "protocol/Error.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QTextStream>

#include <functional>
#include <optional>

namespace huiji {

class CollectionReport;
class CollectionRound;
class Profile;
class Session;

// The huiji-cli subcommands that talk to a server through the client engine: register, login,
// logout, contacts, send, listen, sync, collect, devices, storage-terminal and server-fingerprint.
// Each connects, does its work and leaves; exit codes tell usage, authentication and network
// failures apart. A device logs in with its own credential from the keychain once it has one; the
// password is needed for the first login, and again for the changes the server wants it for.
class NetCommands
{
    Q_DECLARE_TR_FUNCTIONS(NetCommands)

public:
    enum ExitCode { Ok = 0, Failure = 1, Usage = 2, AuthFailure = 3, NetworkFailure = 4, Untrusted = 5, Throttled = 6 };
    static constexpr int networkTimeoutMs = 30'000;
    // How long send waits for a direct link before it goes through the server instead.
    static constexpr int linkTimeoutMs = 5'000;

    NetCommands(QTextStream &out, QTextStream &err);
    static bool handles(const QString &command);
    static QString usage();
    int run(const CliRequest &request);

private:
    using Body = std::function<int(Session &, Profile &)>;
    // Opens the profile, finds the password unless this device has a credential, logs in and runs
    // body while online. A server certificate not pinned yet is trusted only when it has the
    // --fingerprint given or the user confirms it on a terminal, before anything secret is sent.
    // `before` connects to the session's signals before it starts, so that nothing is missed.
    int online(const CliRequest &request, bool createAccount, const Body &body,
               const std::function<void(Session &)> &before = {});
    int exitCodeFor(const Error &error);
    // A request's answer, waited for.
    Result<QCborMap> ask(Session &session, const QString &type, const QCborMap &body);
    static constexpr int noDeadline = -1;
    // Runs the event loop, asleep while nothing happens, until done() or the deadline (none for
    // `noDeadline`); false on the deadline.
    static bool waitUntil(const std::function<bool()> &done, int timeoutMs = networkTimeoutMs);
    static QString localTime(qint64 millis);
    // Waits for the collection the server asked this device for (claim 13), if any, for as long as
    // batches keep being acked; the error when it did not complete.
    std::optional<Error> finishCollection(const CollectionReport &report);
    void print(const CliRequest &request, const QJsonObject &json, const QString &text);

    int logIn(const CliRequest &request);
    int logOut(const CliRequest &request);
    // The password again for a change the server wants it for (--password-file, or a prompt), as a
    // request carries it.
    Result<QString> reauthPassword(const CliRequest &request);
    // Without a --fingerprint: asks on a terminal whether to trust the certificate it presented.
    bool confirmCertificate(Session &session, const QString &presented);
    int contacts(const CliRequest &request);
    // In NetMessageCommands.cpp: messages, over a direct link when there can be one (claim 11).
    int send(const CliRequest &request);
    int listen(const CliRequest &request);
    // Opens a direct link to the contact, waited for a bounded time; why there is none otherwise.
    std::optional<Error> openLink(Session &session, const QString &contact);
    int sync(const CliRequest &request);
    int collect(const CliRequest &request);
    // On the storage terminal: asks the online devices (claim 13) and waits for their reports.
    int collectNow(const CliRequest &request, Session &session, CollectionRound &round);
    int devices(const CliRequest &request);
    int revoke(const CliRequest &request); // devices revoke ID | --others
    // In NetTerminalCommands.cpp: several storage terminals and the server archive (claims 2-5).
    int storageTerminal(const CliRequest &request);
    int archive(const CliRequest &request);
    int restore(const CliRequest &request);
    int serverFingerprint(const CliRequest &request);
    int direct(const CliRequest &request);     // the profile's direct-link setting (claim 11)
    int forwarding(const CliRequest &request); // the account's forwarding policy (claim 12)

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace huiji

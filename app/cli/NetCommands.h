#pragma once

#include "CliCommands.h"

#include "protocol/Error.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QTextStream>

#include <functional>

namespace huiji {

class Profile;
class Session;

// The huiji-cli subcommands that talk to a server through the client engine: register, login,
// contacts, send, listen, sync, devices, storage-terminal and server-fingerprint. Each connects,
// does its work and leaves; exit codes tell usage, authentication and network failures apart.
class NetCommands
{
    Q_DECLARE_TR_FUNCTIONS(NetCommands)

public:
    enum ExitCode { Ok = 0, Failure = 1, Usage = 2, AuthFailure = 3, NetworkFailure = 4, Untrusted = 5 };

    NetCommands(QTextStream &out, QTextStream &err);
    static bool handles(const QString &command);
    static QString usage();
    int run(const CliRequest &request);

private:
    using Body = std::function<int(Session &, Profile &)>;
    // Opens the profile, finds the password, logs in and runs body while online.
    // `before` connects to the session's signals before it starts, so that nothing is missed.
    int online(const CliRequest &request, bool createAccount, const Body &body,
               const std::function<void(Session &)> &before = {});
    int exitCodeFor(const Error &error);
    // A request's answer, waited for.
    Result<QCborMap> ask(Session &session, const QString &type, const QCborMap &body);
    void print(const CliRequest &request, const QJsonObject &json, const QString &text);

    int logIn(const CliRequest &request);
    int contacts(const CliRequest &request);
    int send(const CliRequest &request);
    int listen(const CliRequest &request);
    int sync(const CliRequest &request);
    int devices(const CliRequest &request);
    int storageTerminal(const CliRequest &request);
    int serverFingerprint(const CliRequest &request);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace huiji

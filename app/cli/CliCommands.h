#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace huiji {

// What the command line asked for, as main() parsed it.
struct CliRequest {
    QString command;
    QStringList arguments;
    QString profile;
    bool json = false;
    QString device;
    QString search;
    int limit = 50;
    // For the commands that talk to a server (NetCommands).
    QString server;       // HOST[:PORT], for register and login
    QString user;
    QString deviceName;   // register, login: what this device is called (the host name by default)
    QString passwordFile;
    bool remember = false; // save the password in the keychain
    QString fingerprint;   // the server certificate's, as huijid fingerprint prints it (trust on first use)
    bool others = false;   // devices revoke: every device of the account but this one
    QString sort = QStringLiteral("frequency");
    int window = 30;
    bool thisDevice = false;
    bool secondary = false;  // storage-terminal set: as a secondary storage terminal
    int retentionDays = 0;   // archive on: how long the server keeps records (0: forever)
    bool fromStart = false;  // restore: read the whole archive again instead of resuming
    int count = 0;        // listen: stop after this many records (0: never)
};

// The huiji-cli subcommands. They print for people by default and JSON with --json, and return
// the process exit code.
class CliCommands
{
    Q_DECLARE_TR_FUNCTIONS(CliCommands)

public:
    enum ExitCode { Ok = 0, Failure = 1, Usage = 2 };

    CliCommands(QTextStream &out, QTextStream &err);
    int run(const CliRequest &request);

    static QString usage();

private:
    int import(const CliRequest &request);
    int history(const CliRequest &request);
    int devices(const CliRequest &request);
    int renameDevice(const CliRequest &request);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace huiji

#pragma once

#include "protocol/Error.h"

#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <optional>

namespace huiji::bench {

// The real huijid as a child process on a data folder of its own and a free port of the loopback
// interface, optionally pinned to one CPU with taskset. Its log goes to a file, so that thousands
// of login lines cannot fill a pipe and stall it.
class ServerProcess
{
public:
    struct Options {
        QString program;            // huijid
        QString dataDirectory;
        QString logPath;
        std::optional<int> pinCpu;  // run under `taskset -c CPU`
        std::optional<int> workers; // huijid --workers
    };

    explicit ServerProcess(Options options);
    ~ServerProcess();

    // Starts huijid and waits until it listens; reads its port and certificate.
    Result<void> start();
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    // The certificate huijid made in its data folder, checked against the fingerprint it printed.
    QSslCertificate certificate() const { return m_certificate; }
    QSslKey privateKey() const { return m_key; }
    QString fingerprint() const { return m_fingerprint; }

    bool isRunning();
    // SIGTERM, as an operator stops it, and how it ended: "exit code 0" or what went wrong.
    QString stop();
    QString logTail(int lines) const;

private:
    Options m_options;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_fingerprint;
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace huiji::bench

#pragma once

#include "server/ServerConfig.h"

#include "protocol/Error.h"

#include <QCommandLineOption>
#include <QCoreApplication>

class QCommandLineParser;
class QSettings;

namespace huiji {

// huijid's options: the command line and the config file (INI, [server] group) read into a
// ServerConfig. The file gives defaults and the command line overrides them; the limits of what
// one peer may cost come from the file only (docs/security.md lists them, with their defaults).
class ServerOptions
{
    Q_DECLARE_TR_FUNCTIONS(ServerOptions)

public:
    // Adds huijid's options to `parser`.
    explicit ServerOptions(QCommandLineParser &parser);

    // Once the parser has processed the command line: the whole config, or which values are wrong
    // (InvalidArgument; huijid exits with 2).
    Result<ServerConfig> read() const;
    QString dataDirectory() const;
    QString passwordFile() const;

private:
    Result<void> readLimits(const QSettings &file, ServerConfig &config) const;

    QCommandLineParser &m_parser;
    QCommandLineOption m_data, m_config, m_listen, m_port, m_certificate, m_key, m_workers, m_registration,
        m_retention, m_credentialExpiry, m_passwordFile, m_messageBytes, m_frameBytes;
};

} // namespace huiji

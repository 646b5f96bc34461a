#pragma once

#include "server/LoginThrottle.h"
#include "server/PasswordHash.h"

#include <QHostAddress>
#include <QString>

#include <functional>

namespace huiji {

// Everything huijid can be told (app/server reads it from the config file and the command line).
struct ServerConfig {
    QString dataDirectory;      // holds server.sqlite and, unless given, the certificate and key
    QString certificatePath;    // empty: <data>/server.crt, made on first start
    QString keyPath;            // empty: <data>/server.key
    QHostAddress address = QHostAddress::Any;
    quint16 port = 7468;        // 0: any free port (tests)
    int workerThreads = 2;      // threads that own connections; the hub has its own
    qsizetype maxFrameSize = qsizetype{1} << 20;
    int maxBodyChars = 16 * 1024;
    bool registrationOpen = true;
    int retentionDays = 14;     // how long a queued message waits for an offline ordinary device
    int credentialExpiryDays = 180; // a device's credential unused this long has expired
    int deliveryBatch = 200;    // records per deliver frame when draining an inbox
    int deliveryWindow = 2000;  // records sent to one device and not yet acked
    int handshakeTimeoutMs = 10'000;
    int frameTimeoutMs = 30'000; // a frame must arrive whole within this once it has begun
    LoginThrottle::Limits throttle;
    PasswordHash::Cost passwordCost;
    std::function<qint64()> clock; // wall clock in ms since the epoch; empty: the system's
};

} // namespace huiji

#pragma once

#include "server/LoginThrottle.h"
#include "server/PasswordHash.h"
#include "server/PasswordWorker.h"

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
    int deliveryBatch = 200;    // records per deliver frame when draining an inbox
    int deliveryWindow = 2000;  // records sent to one device and not yet acked
    int handshakeTimeoutMs = 10'000;
    int frameTimeoutMs = 30'000; // a frame must arrive whole within this once it has begun
    PasswordHash::Cost passwordCost;
    // Limits on logins, registrations and what one account may hold, each with its config key
    // (app/server/main.cpp). A count of 0 is no limit (the password pool keeps one thread and
    // room for one hash).
    LoginThrottle::Limits throttle;
    PasswordWorker::Limits passwordWork;
    int registrationsPerAddressHour = 5; // accounts created from one address within an hour
    int devicesPerAccount = 32;          // device ids an account may have; a new one past it is refused
    // What storage terminals hold for an account, by the account that put it there (HeldQuota).
    qint64 heldRecords = 250'000;
    qint64 heldBytes = qint64{256} << 20;
    qint64 uploadRecordsPerHour = 500'000; // collected and forwarded records, per device
    std::function<qint64()> clock; // wall clock in ms since the epoch; empty: the system's
};

} // namespace huiji

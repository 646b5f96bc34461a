#pragma once

#include "server/db/DeviceRegistry.h"
#include "server/engine/LoginThrottle.h"
#include "server/engine/PasswordHash.h"
#include "server/engine/PasswordWorker.h"

#include "protocol/Wire.h"

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
    // The pair both sides cut their frames by (wire::Limits), announced in the hello answer: the
    // longest message body in bytes of UTF-8, and the longest frame, which must carry it alone.
    qsizetype maxFrameSize = wire::Limits::defaultFrameBytes;
    qsizetype maxMessageBytes = wire::Limits::defaultMessageBytes;
    bool registrationOpen = true;
    int retentionDays = 14;     // how long a queued message waits for an offline ordinary device
    int credentialExpiryDays = 180; // a device's credential unused this long has expired
    int deliveryBatch = 200;    // records per deliver frame at most (fewer when they are large)
    int deliveryWindow = 2000;  // records sent to one device and not yet acked
    qsizetype deliveryWindowBytes = qsizetype{8} << 20; // their bytes; at least one frame
    int handshakeTimeoutMs = 10'000;
    int frameTimeoutMs = 30'000; // a frame must arrive whole within this once it has begun
    // Connection limits (issue 13): what one peer may cost before and after it has logged in.
    int loginTimeoutMs = 10'000;                // from TCP accept to the device step done
    qsizetype maxFrameSizeBeforeLogin = 16 * 1024;
    int framesBeforeLogin = 32;                 // frames a connection may send until its device step is done
    int connectionsPerAddress = 32;             // at once from one IPv4 address or IPv6 /64; 0: no cap
    int idleTimeoutMs = 60'000;                 // a logged-in connection silent this long is pinged,
    int pingTimeoutMs = 30'000;                 // and closed when it is still silent this much later
    qint64 maxUnsentBytes = qint64{16} << 20;   // output a peer has not read; past it, it is disconnected
    qsizetype maxRequestSize = 4 * 1024;        // a control request's frame (hello, login, contacts, ...)
    int requestBurst = 100;                     // control requests a connection may make at once,
    int requestsPerSecond = 20;                 // and how many more it may make each second
    PasswordHash::Cost passwordCost;
    // Limits on logins, registrations and what one account may hold, each with its config key
    // (app/server/main.cpp). A count of 0 is no limit (the password pool keeps one thread and
    // room for one hash).
    LoginThrottle::Limits throttle;
    PasswordWorker::Limits passwordWork;
    int registrationsPerAddressHour = 5; // accounts created from one address within an hour
    int devicesPerAccount = 32;          // device ids an account may have; a new one past it is refused
    // What storage terminals hold for an account, by the account that put it there (Quotas).
    qint64 heldRecords = 250'000;
    qint64 heldBytes = qint64{256} << 20;
    qint64 uploadRecordsPerHour = 500'000; // collected and forwarded records, per device
    std::function<qint64()> clock; // wall clock in ms since the epoch; empty: the system's

    wire::Limits limits() const { return {maxMessageBytes, maxFrameSize}; }
    qint64 credentialExpiryMs() const { return qint64{credentialExpiryDays} * DeviceRegistry::dayMs; }
    // Refuses a configuration whose batches could jam: a frame limit that cannot carry the largest
    // message alone, or a delivery window smaller than one frame.
    Result<void> check() const
    {
        if (auto valid = limits().check(); !valid)
            return valid;
        if (deliveryBatch < 1 || deliveryWindow < 1 || deliveryWindowBytes < maxFrameSize)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("the delivery batch and window need at least one "
                                                                   "record, and the window at least one frame of bytes"));
        return {};
    }
};

} // namespace huiji

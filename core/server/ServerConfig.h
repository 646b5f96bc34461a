#pragma once

#include "server/LoginThrottle.h"
#include "server/PasswordHash.h"

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
    int deliveryBatch = 200;    // records per deliver frame at most (fewer when they are large)
    int deliveryWindow = 2000;  // records sent to one device and not yet acked
    qsizetype deliveryWindowBytes = qsizetype{8} << 20; // their bytes; at least one frame
    int handshakeTimeoutMs = 10'000;
    int frameTimeoutMs = 30'000; // a frame must arrive whole within this once it has begun
    LoginThrottle::Limits throttle;
    PasswordHash::Cost passwordCost;
    std::function<qint64()> clock; // wall clock in ms since the epoch; empty: the system's

    wire::Limits limits() const { return {maxMessageBytes, maxFrameSize}; }
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

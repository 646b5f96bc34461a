#pragma once

#include "JsonLine.h"

#include "protocol/Error.h"

#include <QSslCertificate>
#include <QSslKey>

class QEventLoop;

namespace huiji::bench {

class WireClient;

// bench_relay's baseline, measured in the same process and run: the same `send` frames of the same
// size through TLS on the loopback interface to an echo thread (TlsEcho) and back. It shows what
// this machine and this generator can do without huijid: handshakes per second, the round trip
// at the relay's rate, and the most round trips one connection carries.
class EchoBench
{
public:
    struct Options {
        QSslCertificate certificate; // huijid's pair, so that the handshakes cost the same
        QSslKey key;
        double perSecond = 20000;
        double seconds = 3;
        int bodyChars = 1024;
        int handshakes = 200;
        int concurrency = 8;         // handshakes at once
        int window = 256;            // frames in flight when measuring the most round trips
        double saturatedSeconds = 2;
        bool lowDelay = false;       // TCP_NODELAY on the client side, as the relay's devices
    };
    struct Figures {
        double handshakesPerSecond = 0;
        // This process's memory per TLS connection end (client and server socket alike, after
        // the handshake and one frame each way): what Qt and OpenSSL take for a connection.
        double kibPerConnection = 0;
        qint64 sent = 0;
        qint64 echoed = 0;
        double offeredPerSecond = 0;
        Latencies latencies;
        double maxPerSecond = 0;
        double clientCpuUsPerMessage = 0; // the generator's side of the paced round trips
        double echoCpuUsPerMessage = 0;   // TLS in and out, decode and encode: a relay's floor
    };

    explicit EchoBench(Options options);
    Result<Figures> run();

private:
    void handshakes(quint16 port, Figures &figures);
    void paced(quint16 port, Figures &figures);
    double saturated(quint16 port);
    bool connectOne(WireClient &client, quint16 port);
    // Runs the loop until it is quit, fails or times out; a step that hangs has nothing to report.
    void runUntilDone(QEventLoop &loop, const char *what);
    void fail(const QString &why); // keeps the first failure and ends the step

    Options m_options;
    QObject *m_echo = nullptr;
    QEventLoop *m_loop = nullptr;
    QString m_failure;
};

} // namespace huiji::bench

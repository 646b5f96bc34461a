#pragma once

#include "server/net/Connection.h"
#include "server/net/ConnectionLedger.h"
#include "server/ServerConfig.h"

#include "protocol/Error.h"

#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QThread>

#include <atomic>
#include <memory>

namespace huiji {

class Hub;

// huijid's engine: a listener on the calling thread, connections spread over worker threads (each
// with its own event loop, so no loop polls every socket), and the hub on a thread of its own.
// Accepting with QTcpServer rather than QSslServer lets each worker run the TLS handshakes of its
// own connections instead of the listener running all of them.
class Server : public QTcpServer
{
    Q_OBJECT

public:
    // Opens (or creates) the database and the certificate, then listens.
    static Result<std::unique_ptr<Server>> start(const ServerConfig &config);
    ~Server() override;

    quint16 port() const { return serverPort(); }
    QString fingerprint() const { return m_fingerprint; }
    bool certificateCreated() const { return m_certificateCreated; }
    // Waits for the hub to handle what was posted to it; tests use it to observe a settled server.
    int connectionCount();
    // The most output any connection has had waiting unread; tests check the bound with it.
    qint64 peakUnsentBytes() const { return m_ledger.peakUnsent(); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    explicit Server(ServerConfig config);
    void stop();

    ServerConfig m_config;
    Connection::Limits m_limits;
    ConnectionLedger m_ledger;
    QSslConfiguration m_tls;
    QString m_fingerprint;
    bool m_certificateCreated = false;
    QThread m_hubThread;
    QObject *m_hubHome = nullptr; // lives on the hub thread; the hub is made and deleted through it
    Hub *m_hub = nullptr;
    QList<QThread *> m_workers;
    QList<QObject *> m_workerHomes; // parents of the workers' connections
    std::atomic<quint64> m_nextConnection = 1;
};

} // namespace huiji

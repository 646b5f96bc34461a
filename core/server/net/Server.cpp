#include "server/net/Server.h"

#include "server/net/Connection.h"
#include "server/net/EpollEventDispatcher.h"
#include "server/engine/Hub.h"
#include "server/modules/Modules.h"
#include "tls/ServerCertificate.h"
#include "server/db/ServerDatabase.h"
#include "server/ServerLog.h"
#include "sql/PrivateFiles.h"

#include <QDir>
#include <QHostInfo>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Server::Server(ServerConfig config)
    : m_config(std::move(config)),
      m_limits{.maxFrameSize = m_config.maxFrameSize,
               .maxFrameSizeBeforeLogin = m_config.maxFrameSizeBeforeLogin,
               .framesBeforeLogin = m_config.framesBeforeLogin,
               .handshakeTimeoutMs = m_config.handshakeTimeoutMs,
               .loginTimeoutMs = m_config.loginTimeoutMs,
               .frameTimeoutMs = m_config.frameTimeoutMs,
               .idleTimeoutMs = m_config.idleTimeoutMs,
               .pingTimeoutMs = m_config.pingTimeoutMs,
               .maxUnsentBytes = m_config.maxUnsentBytes},
      m_ledger(m_config.connectionsPerAddress)
{
}

Result<std::unique_ptr<Server>> Server::start(const ServerConfig &config)
{
    if (auto valid = config.check(); !valid)
        return std::unexpected(valid.error());
    if (!PrivateFiles::makeFolder(config.dataDirectory)) // the server's alone: 0700, its database 0600
        return fail(ErrorCode::ReadOnly, u"cannot create the data folder %1"_s.arg(config.dataDirectory));
    const QDir data(config.dataDirectory);
    auto certificate = ServerCertificate::loadOrCreate(
        config.certificatePath.isEmpty() ? data.filePath(u"server.crt"_s) : config.certificatePath,
        config.keyPath.isEmpty() ? data.filePath(u"server.key"_s) : config.keyPath, QHostInfo::localHostName());
    if (!certificate)
        return std::unexpected(certificate.error());

    std::unique_ptr<Server> server(new Server(config));
    server->m_fingerprint = certificate->fingerprint();
    server->m_certificateCreated = certificate->created();
    server->m_tls = QSslConfiguration::defaultConfiguration();
    server->m_tls.setLocalCertificate(certificate->certificate());
    server->m_tls.setPrivateKey(certificate->privateKey());
    server->m_tls.setProtocol(QSsl::TlsV1_2OrLater);
    server->m_tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients log in with passwords, not certificates

    // The database belongs to the hub's thread: it is opened there and only used there.
    server->m_hubThread.setObjectName(u"huiji-hub"_s);
    server->m_hubThread.start();
    server->m_hubHome = new QObject;
    server->m_hubHome->moveToThread(&server->m_hubThread);
    Result<void> opened;
    QMetaObject::invokeMethod(
        server->m_hubHome,
        [&server, &opened, path = data.filePath(u"server.sqlite"_s)] {
            auto database = ServerDatabase::open(path);
            if (!database) {
                opened = std::unexpected(database.error());
                return;
            }
            server->m_hub = new Hub(server->m_config, std::move(*database));
            Modules::registerAll(server->m_hub->dispatcher());
        },
        Qt::BlockingQueuedConnection);
    if (!opened)
        return std::unexpected(opened.error());

    for (int index = 0; index < std::max(1, config.workerThreads); ++index) {
        auto *worker = new QThread;
        worker->setObjectName(u"huiji-net-%1"_s.arg(index));
        // Qt's dispatcher polls every socket of the thread on each turn; this one only the ready ones.
        worker->setEventDispatcher(new EpollEventDispatcher);
        worker->start();
        auto *home = new QObject;
        home->moveToThread(worker);
        server->m_workers.append(worker);
        server->m_workerHomes.append(home);
    }
    // Many clients may connect at once after a restart; let the kernel queue them.
    server->setListenBacklogSize(4096);
    if (!server->listen(config.address, config.port))
        return fail(ErrorCode::NetworkFailure, u"cannot listen on %1 port %2: %3"_s.arg(
                                                   config.address.toString()).arg(config.port).arg(server->errorString()));
    qCInfo(lcServer) << "listening on" << config.address.toString() << "port" << server->serverPort() << "with"
                     << server->m_workers.size() << "network threads";
    return server;
}

Server::~Server()
{
    stop();
}

void Server::stop()
{
    close();
    if (m_hub)
        QMetaObject::invokeMethod(m_hub, [hub = m_hub] { hub->shutDown(); }, Qt::BlockingQueuedConnection);
    // The hub no longer touches connections; they go with their threads' homes.
    for (qsizetype index = 0; index < m_workers.size(); ++index) {
        QObject *home = m_workerHomes[index];
        QMetaObject::invokeMethod(home, [home] { delete home; }, Qt::BlockingQueuedConnection);
        m_workers[index]->quit();
        m_workers[index]->wait();
        delete m_workers[index];
    }
    m_workers.clear();
    m_workerHomes.clear();
    if (m_hubHome) {
        QMetaObject::invokeMethod(m_hubHome, [this] {
            delete m_hub;
            delete m_hubHome;
        }, Qt::BlockingQueuedConnection);
        m_hub = nullptr;
        m_hubHome = nullptr;
    }
    m_hubThread.quit();
    m_hubThread.wait();
}

int Server::connectionCount()
{
    int count = 0;
    QMetaObject::invokeMethod(m_hub, [&count, this] { count = m_hub->connectionCount(); },
                              Qt::BlockingQueuedConnection);
    return count;
}

void Server::incomingConnection(qintptr descriptor)
{
    const quint64 id = m_nextConnection++;
    QObject *home = m_workerHomes[static_cast<qsizetype>(id % static_cast<quint64>(m_workerHomes.size()))];
    QMetaObject::invokeMethod(
        home,
        [id, descriptor, home, limits = m_limits, ledger = &m_ledger, tls = m_tls, hub = m_hub] {
            new Connection(id, descriptor, tls, limits, *ledger, *hub, home);
        },
        Qt::QueuedConnection);
}

} // namespace huiji

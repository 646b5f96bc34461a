#include "EchoBench.h"

#include "LoadMessage.h"
#include "Pacing.h"
#include "ProcessStats.h"
#include "TlsEcho.h"
#include "WireClient.h"

#include "protocol/Wire.h"

#include <QDateTime>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

constexpr double nsPerSecond = 1e9;
constexpr qint64 startDelayNs = 10'000'000; // the first message is due once the timer runs
constexpr int settleTimeoutMs = 30'000;

QCborMap echoBody(qint64 seq, qint64 dueNs, int chars)
{
    const Record record = LoadMessage::record(u"echo-a"_s, u"echo-b"_s, u"echo-device"_s,
                                              LoadMessage::body({seq, dueNs}, chars),
                                              QDateTime::currentMSecsSinceEpoch());
    return LoadMessage::sendBody(record);
}

} // namespace

EchoBench::EchoBench(Options options) : m_options(std::move(options)) {}

void EchoBench::fail(const QString &why)
{
    if (m_failure.isEmpty())
        m_failure = why;
    if (m_loop)
        m_loop->quit();
}

void EchoBench::runUntilDone(QEventLoop &loop, const char *what)
{
    if (!m_failure.isEmpty())
        return;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [this, what] {
        fail(u"%1 did not finish within %2 s"_s.arg(QLatin1StringView(what)).arg(settleTimeoutMs / 1000));
    });
    timeout.start(settleTimeoutMs);
    m_loop = &loop;
    loop.exec();
    m_loop = nullptr;
}

bool EchoBench::connectOne(WireClient &client, quint16 port)
{
    QEventLoop loop;
    client.setFailureHandler([this](const QString &why) { fail(u"echo connection: %1"_s.arg(why)); });
    client.connectTo(port, [&loop] { loop.quit(); });
    runUntilDone(loop, "the echo connection");
    return m_failure.isEmpty();
}

Result<EchoBench::Figures> EchoBench::run()
{
    QThread thread;
    thread.setObjectName(u"bench-echo"_s);
    thread.start();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(m_options.certificate);
    tls.setPrivateKey(m_options.key);
    tls.setProtocol(QSsl::TlsV1_2OrLater); // as huijid (core/server/Server.cpp)
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    auto *echo = new TlsEcho(tls);
    echo->moveToThread(&thread);
    m_echo = echo;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        echo, [&] { port = echo->listen(QHostAddress::LocalHost, 0) ? echo->serverPort() : 0; },
        Qt::BlockingQueuedConnection);
    Figures figures;
    if (port == 0)
        fail(u"the echo server cannot listen"_s);
    if (m_failure.isEmpty())
        handshakes(port, figures);
    if (m_failure.isEmpty())
        paced(port, figures);
    if (m_failure.isEmpty())
        figures.maxPerSecond = saturated(port);

    QMetaObject::invokeMethod(echo, [echo] { delete echo; }, Qt::BlockingQueuedConnection);
    m_echo = nullptr;
    thread.quit();
    thread.wait();
    if (!m_failure.isEmpty())
        return huiji::fail(ErrorCode::NetworkFailure, u"baseline: %1"_s.arg(m_failure));
    return figures;
}

void EchoBench::handshakes(quint16 port, Figures &figures)
{
    QEventLoop loop;
    std::vector<std::unique_ptr<WireClient>> clients;
    int started = 0;
    int done = 0;
    const qint64 memoryBefore = ProcessStats::ownResidentKib();
    const qint64 begin = LoadMessage::nowNs();
    std::function<void()> startMore = [&] {
        while (started < m_options.handshakes && started - done < m_options.concurrency) {
            clients.push_back(std::make_unique<WireClient>(m_options.certificate, m_options.lowDelay));
            WireClient &client = *clients.back();
            ++started;
            client.setFailureHandler([this](const QString &why) { fail(u"handshake: %1"_s.arg(why)); });
            client.connectTo(port, [&] {
                if (++done == m_options.handshakes)
                    loop.quit();
                else
                    startMore();
            });
        }
    };
    startMore();
    runUntilDone(loop, "the handshakes");
    const qint64 elapsed = LoadMessage::nowNs() - begin;
    figures.handshakesPerSecond =
        static_cast<double>(m_options.handshakes) * nsPerSecond / static_cast<double>(elapsed);

    // One frame each way on every connection, so that the buffers a used connection keeps exist.
    QEventLoop echoes;
    int echoed = 0;
    for (const auto &client : clients)
        client->request(wire::send, echoBody(0, 0, m_options.bodyChars), [&](const Frame &) {
            if (++echoed == m_options.handshakes)
                echoes.quit();
        });
    runUntilDone(echoes, "the echoes on every connection");
    figures.kibPerConnection = static_cast<double>(ProcessStats::ownResidentKib() - memoryBefore)
                               / (2.0 * m_options.handshakes);
}

void EchoBench::paced(quint16 port, Figures &figures)
{
    WireClient client(m_options.certificate, m_options.lowDelay);
    if (!connectOne(client, port))
        return;
    QEventLoop loop;
    const qint64 start = LoadMessage::nowNs() + startDelayNs;
    const Pacing pacing(start, start + static_cast<qint64>(m_options.seconds * nsPerSecond), m_options.perSecond);
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    const auto sendDue = [&] {
        const qint64 now = LoadMessage::nowNs();
        for (const qint64 due = pacing.dueBy(now); figures.sent < due; ++figures.sent) {
            client.request(wire::send, echoBody(figures.sent, pacing.dueAt(figures.sent), m_options.bodyChars),
                           [&](const Frame &echoed) {
                               const auto stamp = LoadMessage::stampOf(
                                   echoed.body.value(u"record"_s).toMap().value(u"body"_s).toString());
                               if (!stamp)
                                   return fail(u"the echo came back changed"_s);
                               figures.latencies.add(LoadMessage::nowNs() - stamp->dueNs);
                               if (++figures.echoed == figures.sent && !tick.isActive())
                                   loop.quit();
                           });
        }
        if (pacing.isOver(now)) {
            tick.stop();
            if (figures.echoed == figures.sent)
                loop.quit();
        }
    };
    QObject::connect(&tick, &QTimer::timeout, &loop, sendDue);
    const qint64 clientCpu = ProcessStats::callingThreadCpuNs();
    qint64 echoCpu = 0;
    QMetaObject::invokeMethod(m_echo, [&echoCpu] { echoCpu = ProcessStats::callingThreadCpuNs(); },
                              Qt::BlockingQueuedConnection);
    tick.start(1);
    runUntilDone(loop, "the paced echo");
    const double messages = static_cast<double>(std::max<qint64>(1, figures.echoed));
    figures.clientCpuUsPerMessage =
        static_cast<double>(ProcessStats::callingThreadCpuNs() - clientCpu) / 1000.0 / messages;
    QMetaObject::invokeMethod(m_echo, [&echoCpu] { echoCpu = ProcessStats::callingThreadCpuNs() - echoCpu; },
                              Qt::BlockingQueuedConnection);
    figures.echoCpuUsPerMessage = static_cast<double>(echoCpu) / 1000.0 / messages;
    figures.offeredPerSecond = static_cast<double>(figures.sent) / m_options.seconds;
}

double EchoBench::saturated(quint16 port)
{
    WireClient client(m_options.certificate, m_options.lowDelay);
    if (!connectOne(client, port))
        return 0;
    QEventLoop loop;
    const qint64 start = LoadMessage::nowNs();
    const qint64 end = start + static_cast<qint64>(m_options.saturatedSeconds * nsPerSecond);
    qint64 completed = 0;
    qint64 inFlight = 0;
    qint64 seq = 0;
    std::function<void()> sendOne = [&] {
        ++inFlight;
        client.request(wire::send, echoBody(seq++, LoadMessage::nowNs(), m_options.bodyChars), [&](const Frame &) {
            --inFlight;
            if (LoadMessage::nowNs() < end) {
                ++completed;
                sendOne();
            } else if (inFlight == 0) {
                loop.quit();
            }
        });
    };
    for (int i = 0; i < m_options.window; ++i)
        sendOne();
    runUntilDone(loop, "the saturated echo");
    return static_cast<double>(completed) * nsPerSecond / static_cast<double>(end - start);
}

} // namespace huiji::bench

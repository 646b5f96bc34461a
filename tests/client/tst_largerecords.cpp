// Delivery that cannot jam (issue 13) against a real in-process server: with messages at the size
// limit, in Latin, CJK and emoji text, a storage terminal that was offline receives hundreds of
// them, once each and in order; so does a fresh terminal restoring the server's archive, a terminal
// collecting another device's store, one receiving forwarded direct records, and a secondary that
// its primary synchronises. Every device talks to the server through a tap, a TLS relay in this
// test that reads every frame both ways: no frame of either side passes the frame limit, a deliver
// frame never holds more than a batch, and the records and bytes sent and not acked stay within
// the delivery window. A message over the limit is refused when it is written, and a server whose
// frame limit cannot carry the largest message does not start.

#include "TestNetwork.h"

#include "client/ArchiveRestore.h"
#include "tls/ServerCertificate.h"

#include "protocol/FrameCodec.h"
#include "protocol/RecordCbor.h"
#include "protocol/RecordId.h"
#include "protocol/Wire.h"

#include <QCborArray>
#include <QCborValue>
#include <QFileInfo>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QtEndian>

#include <array>
#include <map>

namespace huiji {

namespace {

// Bulk steps move megabytes through TLS and SQLite under the sanitizers: more time before a hang
// is called one.
constexpr int bulkTimeoutMs = 10 * networkTimeoutMs;

// The frames of one direction of a connection, each measured as it came: a 4-byte length, then CBOR.
class FrameReader
{
public:
    void feed(const QByteArray &bytes, const std::function<void(qsizetype, const QCborMap &)> &onFrame)
    {
        m_buffer.append(bytes);
        qsizetype at = 0;
        while (m_buffer.size() - at >= FrameCodec::headerSize) {
            const auto length = static_cast<qsizetype>(qFromBigEndian<quint32>(m_buffer.constData() + at));
            if (m_buffer.size() - at - FrameCodec::headerSize < length)
                break;
            onFrame(length, QCborValue::fromCbor(m_buffer.mid(at + FrameCodec::headerSize, length)).toMap());
            at += FrameCodec::headerSize + length;
        }
        m_buffer.remove(0, at);
    }

private:
    QByteArray m_buffer;
};

} // namespace

// A TLS relay between the devices and the server that passes every byte on unchanged and reads the
// frames both ways: the devices pin its certificate on first use, it takes the server's. What it
// measures needs no hook in the code under test.
class FrameTap : public QTcpServer
{
public:
    struct Traffic {
        QHash<QString, qsizetype> largestToServer; // by frame type: its largest payload
        QHash<QString, qsizetype> largestToDevice;
        QHash<QString, int> framesToServer;
        QHash<QString, qint64> recordsToServer; // in `records` lists: uploads, forwards, syncs
        qint64 delivered = 0;         // entries of deliver frames
        qsizetype mostPerDeliver = 0; // entries of one deliver frame
        qint64 restored = 0;          // records of archive-restore answers
        int restorePages = 0;
        // One connection's deliveries not acked yet, at most, as entries and as their bytes.
        qsizetype mostInFlight = 0;
        qsizetype mostBytesInFlight = 0;
        bool inOrder = true; // each connection's deliveries came in increasing sequence numbers
    };

    bool start(quint16 serverPort, const QString &directory)
    {
        auto certificate = ServerCertificate::loadOrCreate(directory + u"/tap.crt"_s, directory + u"/tap.key"_s,
                                                           u"localhost"_s);
        if (!certificate)
            return false;
        m_serverPort = serverPort;
        m_tls = QSslConfiguration::defaultConfiguration();
        m_tls.setLocalCertificate(certificate->certificate());
        m_tls.setPrivateKey(certificate->privateKey());
        m_tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        return listen(QHostAddress::LocalHost, 0);
    }
    const Traffic &traffic() const { return m_traffic; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Flow {
        FrameReader fromDevice;
        FrameReader fromServer;
        QByteArray early; // from the device before the server side is encrypted
        QHash<qint64, qsizetype> inFlight;
        qsizetype bytesInFlight = 0;
        qint64 lastSeq = 0;
    };
    void fromDevice(Flow &flow, qsizetype size, const QCborMap &frame);
    void fromServer(Flow &flow, qsizetype size, const QCborMap &frame);

    quint16 m_serverPort = 0;
    QSslConfiguration m_tls;
    Traffic m_traffic;
};

void FrameTap::incomingConnection(qintptr descriptor)
{
    // Both sockets and the flow live as long as the tap: a test's few connections.
    auto *device = new QSslSocket(this);
    auto *server = new QSslSocket(this);
    auto flow = std::make_shared<Flow>();
    connect(device, &QSslSocket::readyRead, this, [this, device, server, flow] {
        const QByteArray bytes = device->readAll();
        flow->fromDevice.feed(bytes, [&](qsizetype size, const QCborMap &frame) { fromDevice(*flow, size, frame); });
        if (server->isEncrypted())
            server->write(bytes);
        else
            flow->early.append(bytes);
    });
    connect(server, &QSslSocket::encrypted, this, [server, flow] { server->write(std::exchange(flow->early, {})); });
    connect(server, &QSslSocket::readyRead, this, [this, device, server, flow] {
        const QByteArray bytes = server->readAll();
        flow->fromServer.feed(bytes, [&](qsizetype size, const QCborMap &frame) { fromServer(*flow, size, frame); });
        device->write(bytes);
    });
    connect(server, &QSslSocket::sslErrors, server, [server](const QList<QSslError> &) { server->ignoreSslErrors(); });
    connect(device, &QSslSocket::disconnected, server, [server] { server->disconnectFromHost(); });
    connect(server, &QSslSocket::disconnected, device, [device] { device->disconnectFromHost(); });
    device->setSslConfiguration(m_tls);
    if (!device->setSocketDescriptor(descriptor))
        qWarning("the tap could not take a connection: %s", qPrintable(device->errorString()));
    device->startServerEncryption();
    server->setPeerVerifyMode(QSslSocket::VerifyNone);
    server->connectToHostEncrypted(u"127.0.0.1"_s, m_serverPort);
}

void FrameTap::fromDevice(Flow &flow, qsizetype size, const QCborMap &frame)
{
    const QString type = frame.value(u"type"_s).toString();
    const QCborMap body = frame.value(u"body"_s).toMap();
    m_traffic.largestToServer[type] = std::max(m_traffic.largestToServer.value(type), size);
    ++m_traffic.framesToServer[type];
    m_traffic.recordsToServer[type] += body.value(u"records"_s).toArray().size();
    if (type == wire::ack)
        for (const QCborValue &seq : body.value(u"seqs"_s).toArray())
            if (const auto sent = flow.inFlight.constFind(seq.toInteger()); sent != flow.inFlight.cend()) {
                flow.bytesInFlight -= *sent;
                flow.inFlight.erase(sent);
            }
}

void FrameTap::fromServer(Flow &flow, qsizetype size, const QCborMap &frame)
{
    const QString type = frame.value(u"type"_s).toString();
    const QCborMap body = frame.value(u"body"_s).toMap();
    m_traffic.largestToDevice[type] = std::max(m_traffic.largestToDevice.value(type), size);
    const QCborArray records = body.value(u"records"_s).toArray();
    if (type == wire::archiveRestore) {
        m_traffic.restored += records.size();
        ++m_traffic.restorePages;
    }
    if (type != wire::deliver)
        return;
    m_traffic.delivered += records.size();
    m_traffic.mostPerDeliver = std::max(m_traffic.mostPerDeliver, records.size());
    for (const QCborValue &entry : records) {
        const qint64 seq = entry.toMap().value(u"seq"_s).toInteger();
        m_traffic.inOrder = m_traffic.inOrder && seq > flow.lastSeq;
        flow.lastSeq = seq;
        // As the server counts its window: the entry's encoding.
        const qsizetype bytes = entry.toCbor().size();
        flow.inFlight.insert(seq, bytes);
        flow.bytesInFlight += bytes;
    }
    m_traffic.mostInFlight = std::max(m_traffic.mostInFlight, flow.inFlight.size());
    m_traffic.mostBytesInFlight = std::max(m_traffic.mostBytesInFlight, flow.bytesInFlight);
}

class tst_LargeRecords : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void offlineTerminalReceivesEveryMessage_data();
    void offlineTerminalReceivesEveryMessage();
    void freshTerminalRestoresLargestRecords();
    void collectionOfLargestRecords();
    void forwardingOfLargestRecords();
    void primarySynchronisesLargestRecordsToASecondary();
    void messageOverTheLimitIsRefusedWhenWritten();
    void frameLimitThatCannotCarryTheLargestMessageIsRefused();
    void announcedLimitsAreKeptWithinTheClientsBounds();

private:
    // 20 KiB messages in the smallest frames, several to a frame, and a window of three frames.
    static ServerConfig severalToAFrame();
    void startSite(const ServerConfig &config);
    // A device that talks to the server through the tap; the same name is the same device again.
    TestDevice &device(const QString &name, const QString &user = u"alice"_s);
    // alice's desktop, her storage terminal, and bob, her contact, both logged in.
    void setUpDesktopAndBob();
    Record send(TestDevice &from, const QString &to, const QString &text);
    // Waits until `done`; false when it is not, or when a device had to reconnect meanwhile: the
    // sign of a frame its receiver refused, which would come again and again.
    bool settle(const std::function<bool()> &done);
    // The ids of the records a device merges as new, in the order it merges them.
    void follow(TestDevice &device, QList<QUuid> &merged);
    // The device's store holds exactly these records, in this order, each with its body.
    void verifyHolds(TestDevice &device, const QList<Record> &expected);
    // What the tap saw: every frame within the limit both ways, batches and the window bounded,
    // and no device had to reconnect.
    void verifyNothingPassedTheLimits();

    TestSite m_site;
    ServerConfig m_config;
    std::unique_ptr<FrameTap> m_tap;
    std::map<QString, std::unique_ptr<TestDevice>> m_devices;
    QList<QMetaObject::Connection> m_followers;
    int m_reconnects = 0;
    const QByteArray m_alicePassword = testPassword("alice");
    const QByteArray m_bobPassword = testPassword("bob");
};

namespace {

enum class Script { Latin, Cjk, Emoji };

// A message body of exactly `bytes` bytes of UTF-8: a number, then characters of one script
// (1, 3 or 4 bytes each; an emoji is two UTF-16 units), then '.' to the byte.
QString bodyOf(int index, qsizetype bytes, Script script)
{
    QString body = u"#%1 "_s.arg(index, 4, 10, QChar(u'0'));
    const QString unit = script == Script::Latin ? u"x"_s : script == Script::Cjk ? u"\u6C49"_s : u"\U0001F600"_s;
    const qsizetype unitBytes = unit.toUtf8().size();
    qsizetype size = body.toUtf8().size();
    for (; size + unitBytes <= bytes; size += unitBytes)
        body += unit;
    for (; size < bytes; ++size)
        body += u'.';
    return body;
}

Script scriptOf(int index)
{
    return std::array{Script::Latin, Script::Cjk, Script::Emoji}[static_cast<std::size_t>(index % 3)];
}

QList<QUuid> idsOf(const QList<Record> &records)
{
    QList<QUuid> ids;
    for (const Record &record : records)
        ids.append(record.id);
    return ids;
}

// Everything a device's store holds for its account, oldest first, as records.
QList<Record> recordsIn(TestDevice &device)
{
    auto page = device.profile().history().older({device.profile().user(), {}, {}}, std::nullopt, 1'000'000);
    QList<Record> records;
    if (page)
        for (const StoredRecord &stored : std::as_const(page->records))
            records.prepend(stored.record);
    return records;
}

} // namespace

ServerConfig tst_LargeRecords::severalToAFrame()
{
    ServerConfig config;
    config.maxMessageBytes = 20 * 1024;
    config.maxFrameSize = wire::Limits::minFrameBytes;
    config.deliveryWindowBytes = 3 * config.maxFrameSize;
    return config;
}

void tst_LargeRecords::startSite(const ServerConfig &config)
{
    m_config = config;
    m_reconnects = 0;
    QVERIFY(m_site.start(config));
    m_tap = std::make_unique<FrameTap>();
    QVERIFY(m_tap->start(m_site.server().port(), m_site.path({})));
}

void tst_LargeRecords::cleanup()
{
    for (const QMetaObject::Connection &follower : std::as_const(m_followers))
        QObject::disconnect(follower);
    m_followers.clear();
    m_devices.clear();
    m_tap.reset();
    m_site.stop();
}

TestDevice &tst_LargeRecords::device(const QString &name, const QString &user)
{
    std::unique_ptr<TestDevice> &device = m_devices[name];
    if (!device) {
        device = std::make_unique<TestDevice>(m_site.path(name), name, user, m_tap->serverPort());
        m_followers << QObject::connect(&device->session(), &Session::retryScheduled, &device->session(),
                                        [this] { ++m_reconnects; });
    }
    return *device;
}

void tst_LargeRecords::setUpDesktopAndBob()
{
    TestDevice &desktop = device(u"desktop"_s);
    TestDevice &bob = device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(desktop.logIn(m_alicePassword, true));
    QVERIFY(bob.logIn(m_bobPassword, true));
    QCOMPARE(desktop.session().limits(), m_config.limits()); // announced in the hello answer
    makeContacts(desktop, bob);
    HUIJI_VERIFY_OK(desktop.ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_alicePassword)));
    QTRY_VERIFY_WITH_TIMEOUT(desktop.session().isStorageTerminal(), networkTimeoutMs);
}

Record tst_LargeRecords::send(TestDevice &from, const QString &to, const QString &text)
{
    QSignalSpy stored(&from.session(), &Session::messageStored);
    auto written = from.session().sendMessage(to, text);
    if (!written) {
        qWarning("not written: %s", qPrintable(written.error().message));
        return {};
    }
    if (!QTest::qWaitFor([&] { return !stored.isEmpty(); }, networkTimeoutMs))
        qWarning("not stored by the server");
    return *written;
}

bool tst_LargeRecords::settle(const std::function<bool()> &done)
{
    return QTest::qWaitFor([&] { return done() || m_reconnects > 0; }, bulkTimeoutMs) && m_reconnects == 0;
}

void tst_LargeRecords::follow(TestDevice &device, QList<QUuid> &merged)
{
    m_followers << QObject::connect(&device.session(), &Session::recordsMerged, &device.session(),
                                    [&merged](const QList<Record> &records) { merged << idsOf(records); });
}

void tst_LargeRecords::verifyHolds(TestDevice &device, const QList<Record> &expected)
{
    const QList<Record> held = recordsIn(device);
    QCOMPARE(idsOf(held), idsOf(expected));
    for (qsizetype index = 0; index < held.size(); ++index)
        QCOMPARE(held[index].body, expected[index].body);
}

void tst_LargeRecords::verifyNothingPassedTheLimits()
{
    const FrameTap::Traffic &traffic = m_tap->traffic();
    const auto verifyWithin = [this](const QHash<QString, qsizetype> &largest, const char *direction) {
        for (auto it = largest.cbegin(); it != largest.cend(); ++it)
            QVERIFY2(it.value() <= m_config.maxFrameSize,
                     qPrintable(u"a %1 frame of %2 bytes %3, over the limit of %4"_s.arg(it.key())
                                    .arg(it.value())
                                    .arg(QLatin1StringView(direction))
                                    .arg(m_config.maxFrameSize)));
    };
    verifyWithin(traffic.largestToServer, "to the server");
    verifyWithin(traffic.largestToDevice, "to a device");
    QVERIFY(traffic.mostPerDeliver <= m_config.deliveryBatch);
    QVERIFY(traffic.mostInFlight <= m_config.deliveryWindow);
    QVERIFY2(traffic.mostBytesInFlight <= m_config.deliveryWindowBytes,
             qPrintable(u"%1 bytes in flight"_s.arg(traffic.mostBytesInFlight)));
    QVERIFY(traffic.inOrder);
    QCOMPARE(m_reconnects, 0); // a frame over a receiver's limit would have cut a connection
}

// ---- deliveries ----

void tst_LargeRecords::offlineTerminalReceivesEveryMessage_data()
{
    QTest::addColumn<qsizetype>("messageBytes");
    QTest::addColumn<qsizetype>("frameBytes");
    QTest::addColumn<int>("count");
    QTest::addColumn<qsizetype>("bodyBytes");
    const qsizetype smallest = wire::Limits::minFrameBytes;
    QTest::newRow("several to a frame") << qsizetype{20 * 1024} << smallest << 200 << qsizetype{20 * 1024};
    QTest::newRow("each alone in the smallest frame")
        << smallest - wire::Limits::recordOverheadBytes << smallest << 100 << smallest - wire::Limits::recordOverheadBytes;
    // The report of issue 13: 70 messages of 16 KiB, over 1 MiB together, with the default limits.
    QTest::newRow("defaults, 70 of 16 KiB") << wire::Limits::defaultMessageBytes << wire::Limits::defaultFrameBytes << 70
                                            << qsizetype{16 * 1024};
}

void tst_LargeRecords::offlineTerminalReceivesEveryMessage()
{
    QFETCH(qsizetype, messageBytes);
    QFETCH(qsizetype, frameBytes);
    QFETCH(int, count);
    QFETCH(qsizetype, bodyBytes);
    ServerConfig config;
    config.maxMessageBytes = messageBytes;
    config.maxFrameSize = frameBytes;
    config.deliveryWindowBytes = 3 * frameBytes;
    startSite(config);
    setUpDesktopAndBob();
    TestDevice &desktop = device(u"desktop"_s);
    QVERIFY(desktop.goOffline());

    QList<Record> sent;
    for (int index = 0; index < count; ++index) {
        sent << send(device(u"bob-pc"_s, u"bob"_s), u"alice"_s, bodyOf(index, bodyBytes, scriptOf(index)));
        QCOMPARE(sent.last().body.toUtf8().size(), bodyBytes);
    }
    QList<QUuid> merged;
    follow(desktop, merged);
    QSignalSpy caughtUp(&desktop.session(), &Session::caughtUp);
    QVERIFY(desktop.logIn(m_alicePassword));
    QVERIFY2(settle([&] { return !caughtUp.isEmpty(); }), "not done, or a device had to reconnect");

    // All of them, once each, in the order they were sent, exactly as written.
    QCOMPARE(merged, idsOf(sent));
    QCOMPARE(m_tap->traffic().delivered, qint64{count});
    const QList<Record> stored = recordsIn(desktop);
    QCOMPARE(stored.size(), count);
    QHash<QUuid, QString> bodies;
    for (const Record &record : stored)
        bodies.insert(record.id, record.body);
    for (const Record &record : std::as_const(sent))
        QCOMPARE(bodies.value(record.id), record.body);
    verifyNothingPassedTheLimits();
    if (messageBytes + wire::Limits::recordOverheadBytes == frameBytes)
        QCOMPARE(m_tap->traffic().mostPerDeliver, 1);
    qInfo("%d messages of %lld bytes in deliver frames of up to %lld bytes, at most %lld records a frame and %lld "
          "bytes unacked", count, static_cast<long long>(bodyBytes),
          static_cast<long long>(m_tap->traffic().largestToDevice.value(wire::deliver)),
          static_cast<long long>(m_tap->traffic().mostPerDeliver),
          static_cast<long long>(m_tap->traffic().mostBytesInFlight));
}

// ---- the server's archive (claim 5) ----

void tst_LargeRecords::freshTerminalRestoresLargestRecords()
{
    startSite(severalToAFrame());
    setUpDesktopAndBob();
    TestDevice &desktop = device(u"desktop"_s);
    HUIJI_VERIFY_OK(desktop.ask(wire::archiveSet,
                                withPassword(QCborMap{{u"enabled"_s, true}, {u"retentionDays"_s, 0}}, m_alicePassword)));
    QTRY_VERIFY_WITH_TIMEOUT(desktop.session().serverArchives(), networkTimeoutMs);
    // The primary is away: what it merges on its return it synchronises to the archive in batches.
    QVERIFY(desktop.goOffline());
    constexpr int count = 200;
    for (int index = 0; index < count; ++index)
        send(device(u"bob-pc"_s, u"bob"_s), u"alice"_s, bodyOf(index, m_config.maxMessageBytes, scriptOf(index)));
    QSignalSpy caughtUp(&desktop.session(), &Session::caughtUp);
    QVERIFY(desktop.logIn(m_alicePassword));
    QVERIFY2(settle([&] { return !caughtUp.isEmpty(); }), "not done, or a device had to reconnect");
    QVERIFY2(settle([&] { return desktop.ask(wire::archive)->value(u"records"_s).toInteger() == count; }), "not done, or a device had to reconnect");
    QCOMPARE(m_tap->traffic().recordsToServer.value(wire::syncUpload), qint64{count});

    // The desktop is lost; a new machine restores the archive page by page, each within the limit.
    QVERIFY(desktop.goOffline());
    TestDevice &fresh = device(u"new-desktop"_s);
    QVERIFY(fresh.logIn(m_alicePassword));
    ArchiveRestore restore(fresh.session());
    QSignalSpy finished(&restore, &ArchiveRestore::finished);
    QSignalSpy failed(&restore, &ArchiveRestore::failed);
    restore.start(m_alicePassword);
    QVERIFY2(settle([&] { return !finished.isEmpty() || !failed.isEmpty(); }), "not done, or a device had to reconnect");
    QCOMPARE(failed.size(), 0);
    QCOMPARE(finished.first().at(0).toLongLong(), count);
    QCOMPARE(finished.first().at(1).toLongLong(), count);
    QCOMPARE(m_tap->traffic().restored, qint64{count});
    QVERIFY(m_tap->traffic().restorePages > count / wire::maxRestoreRecords + 1); // cut by bytes, not by count
    verifyHolds(fresh, recordsIn(desktop));
    verifyNothingPassedTheLimits();
}

// ---- collection (claim 13) ----

void tst_LargeRecords::collectionOfLargestRecords()
{
    startSite(severalToAFrame());
    setUpDesktopAndBob();
    TestDevice &desktop = device(u"desktop"_s);
    // The laptop's old history: hundreds of records at the limit, and three no frame may carry.
    TestDevice &laptop = device(u"laptop"_s);
    const qint64 start = QDateTime(QDate(2020, 3, 1), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
    constexpr int count = 200;
    QList<Record> old;
    for (int index = 0; index < count + 3; ++index) {
        Record record = aliceToBob(bodyOf(index, m_config.maxMessageBytes, scriptOf(index)), laptop.id());
        record.deviceTime = start + qint64{index} * 60'000;
        record.id = RecordId::create(record.deviceTime);
        if (index % 2 == 1) {
            record.direction = Direction::Incoming;
            record.sender = u"bob"_s;
        }
        old << record;
    }
    old[count].body += u'.';                                                                // a byte over
    old[count + 1].body = bodyOf(count + 1, m_config.maxMessageBytes - 3, Script::Cjk) + u"\U0001F600"_s; // an emoji over
    old[count + 2].contact = QString(4000, u'b');                                           // fields over
    HUIJI_VERIFY_OK(laptop.profile().history().merge(old, {laptop.profile().device()}));

    QList<QUuid> merged;
    follow(desktop, merged);
    std::optional<std::pair<wire::CollectionCounts, wire::CollectionCounts>> done;
    m_followers << QObject::connect(&laptop.session().collector(), &Collector::finished, &laptop.session(),
                                    [&done](const wire::CollectionCounts &run, const wire::CollectionCounts &total) {
                                        done = {run, total};
                                    });
    QVERIFY(laptop.logIn(m_alicePassword));
    QVERIFY2(settle([&] { return done.has_value(); }), "not done, or a device had to reconnect");
    QCOMPARE(done->first, (wire::CollectionCounts{count, 0, count, 3})); // the three left out, counted refused
    QCOMPARE(m_tap->traffic().recordsToServer.value(wire::collectUpload), qint64{count});
    QVERIFY(m_tap->traffic().framesToServer.value(wire::collectUpload) > count / wire::maxCollectRecords + 1);

    // The terminal gets them through its delivery stream, once each, in the laptop's order.
    QVERIFY2(settle([&] { return merged.size() >= count; }), "not done, or a device had to reconnect");
    HUIJI_VERIFY_OK(desktop.ask(wire::contacts)); // a round trip: anything more would be in by now
    QCOMPARE(merged, idsOf(old.first(count)));
    verifyHolds(desktop, old.first(count));
    verifyNothingPassedTheLimits();
}

// ---- forwarding (claim 12) ----

void tst_LargeRecords::forwardingOfLargestRecords()
{
    startSite(severalToAFrame());
    setUpDesktopAndBob();
    TestDevice &desktop = device(u"desktop"_s);
    TestDevice &laptop = device(u"laptop"_s);
    QVERIFY(laptop.logIn(m_alicePassword));
    QTRY_VERIFY_WITH_TIMEOUT(!laptop.session().collector().isBusy(), networkTimeoutMs); // its empty store
    QVERIFY(laptop.goOffline());

    // What the laptop saw on direct links while offline: at the limit, and one a peer with larger
    // limits sent, which no frame to this server may carry.
    constexpr int count = 200;
    QList<Record> seen;
    for (int index = 0; index <= count; ++index) {
        Record record = aliceToBob(bodyOf(index, m_config.maxMessageBytes + (index == count ? 1 : 0), scriptOf(index)),
                                   laptop.id());
        record.deviceTime += index;
        record.id = RecordId::create(record.deviceTime);
        record.direction = Direction::Incoming;
        record.sender = u"bob"_s;
        record.arrival = Arrival::Direct;
        HUIJI_VERIFY_OK(laptop.session().storeDirect(record));
        seen << record;
    }
    QCOMPARE(laptop.profile().forwardQueue().count().value_or(-1), count + 1);

    QList<QUuid> merged;
    follow(desktop, merged);
    QSignalSpy failed(&laptop.session().forwarder(), &Forwarder::failed);
    QVERIFY(laptop.logIn(m_alicePassword)); // what waits in the queue goes at login
    QVERIFY2(settle([&] { return laptop.profile().forwardQueue().count().value_or(-1) == 0; }), "not done, or a device had to reconnect");
    QCOMPARE(failed.size(), 1); // the one over the limit, said once
    QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::InvalidRecord);
    QCOMPARE(m_tap->traffic().recordsToServer.value(wire::forward), qint64{count});
    QVERIFY(m_tap->traffic().framesToServer.value(wire::forward) > count / wire::maxForwardRecords + 1);

    QVERIFY2(settle([&] { return merged.size() >= count; }), "not done, or a device had to reconnect");
    HUIJI_VERIFY_OK(desktop.ask(wire::contacts));
    QCOMPARE(merged, idsOf(seen.first(count)));
    verifyHolds(desktop, seen.first(count));
    QCOMPARE(recordsIn(laptop).size(), count + 1); // the one left out stays in the laptop's store
    verifyNothingPassedTheLimits();
}

// ---- several storage terminals (claims 2-4) ----

void tst_LargeRecords::primarySynchronisesLargestRecordsToASecondary()
{
    startSite(severalToAFrame());
    setUpDesktopAndBob();
    TestDevice &desktop = device(u"desktop"_s);
    constexpr int count = 200;
    for (int index = 0; index < count; ++index)
        send(device(u"bob-pc"_s, u"bob"_s), u"alice"_s, bodyOf(index, m_config.maxMessageBytes, scriptOf(index)));
    QVERIFY2(settle([&] { return recordsIn(desktop).size() == count; }), "not done, or a device had to reconnect");

    // A tablet that never saw them becomes a secondary: the primary sends it its whole store.
    TestDevice &tablet = device(u"tablet"_s);
    QVERIFY(tablet.logIn(m_alicePassword));
    QList<QUuid> merged;
    follow(tablet, merged);
    HUIJI_VERIFY_OK(desktop.ask(wire::terminalSet, withPassword(QCborMap{{u"device"_s, tablet.id()}, {u"role"_s, u"secondary"_s}},
                                                              m_alicePassword)));
    QVERIFY2(settle([&] { return merged.size() >= count; }), "not done, or a device had to reconnect");
    QTRY_VERIFY_WITH_TIMEOUT(!desktop.profile().syncedTerminals().isEmpty(), networkTimeoutMs);
    HUIJI_VERIFY_OK(tablet.ask(wire::contacts));
    QCOMPARE(merged.size(), count);
    QCOMPARE(m_tap->traffic().recordsToServer.value(wire::syncUpload), qint64{count});
    QVERIFY(m_tap->traffic().framesToServer.value(wire::syncUpload) > count / wire::maxSyncRecords + 1);
    verifyHolds(tablet, recordsIn(desktop));
    verifyNothingPassedTheLimits();
}

// ---- what is refused ----

void tst_LargeRecords::messageOverTheLimitIsRefusedWhenWritten()
{
    startSite(severalToAFrame());
    setUpDesktopAndBob();
    TestDevice &desktop = device(u"desktop"_s);
    TestDevice &bob = device(u"bob-pc"_s, u"bob"_s);
    const qsizetype limit = m_config.maxMessageBytes;
    QList<QUuid> received;
    follow(bob, received);
    QList<Record> taken;
    for (int index = 0; index < 3; ++index)
        taken << send(desktop, u"bob"_s, bodyOf(index, limit, scriptOf(index)));

    // Over the limit by a byte, by a CJK character or by an emoji: refused at once, saying the
    // limit and the size. The last two are a third and a half as many characters as bytes.
    const QStringList over = {QString(limit + 1, u'x'), QString(limit / 3 + 1, QChar(0x6C49)),
                              QString(u"\U0001F600"_s).repeated(limit / 4 + 1)};
    for (const QString &text : over) {
        auto written = desktop.session().sendMessage(u"bob"_s, text);
        QVERIFY(!written);
        QCOMPARE(written.error().code, ErrorCode::InvalidRecord);
        QVERIFY2(written.error().message.contains(QString::number(limit))
                     && written.error().message.contains(QString::number(text.toUtf8().size())),
                 qPrintable(written.error().message));
    }
    QCOMPARE(desktop.profile().outbox().count().value_or(-1), 0);
    QCOMPARE(recordsIn(desktop).size(), 3);

    // A client that does not check is refused by the server, saying why.
    const Record unchecked = aliceToBob(over.first(), desktop.id());
    auto relayed = desktop.ask(wire::send, QCborMap{{u"record"_s, RecordCbor::toCbor(unchecked)}});
    QVERIFY(!relayed);
    QCOMPARE(relayed.error().code, ErrorCode::InvalidRecord);
    QVERIFY2(relayed.error().message.contains(QString::number(limit)), qPrintable(relayed.error().message));
    // A frame over the limit is not sent at all: the session refuses it and stays connected.
    QCborArray tooMany;
    for (int index = 0; index < 4; ++index)
        tooMany.append(RecordCbor::toCbor(aliceToBob(bodyOf(index, limit, Script::Latin), desktop.id())));
    auto unsent = desktop.ask(wire::forward, QCborMap{{u"records"_s, tooMany}});
    QVERIFY(!unsent);
    QCOMPARE(unsent.error().code, ErrorCode::FrameTooLarge);
    QCOMPARE(m_tap->traffic().framesToServer.value(wire::forward), 0);
    QCOMPARE(desktop.session().state(), Session::State::Online);

    // bob got the three at the limit, in order, and nothing else.
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, networkTimeoutMs);
    HUIJI_VERIFY_OK(bob.ask(wire::contacts));
    QCOMPARE(received, idsOf(taken));
    const QList<Record> kept = recordsIn(bob);
    QCOMPARE(kept.size(), 3);
    for (const Record &record : kept)
        QVERIFY(std::ranges::any_of(taken, [&](const Record &sent) { return sent.id == record.id && sent.body == record.body; }));
    verifyNothingPassedTheLimits();
}

void tst_LargeRecords::frameLimitThatCannotCarryTheLargestMessageIsRefused()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    ServerConfig config;
    config.dataDirectory = directory.filePath(u"server"_s);
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    const auto refusal = [&config]() -> QString {
        auto server = Server::start(config);
        if (server)
            return u"started"_s;
        return server.error().code == ErrorCode::InvalidArgument ? server.error().message : u"another error"_s;
    };

    // A message as large as the frame: there is no room for its record, label and frame.
    config.maxMessageBytes = 64 * 1024;
    config.maxFrameSize = 64 * 1024;
    const QString tooSmall = refusal();
    QVERIFY2(tooSmall.contains(QString::number(64 * 1024 + wire::Limits::recordOverheadBytes)), qPrintable(tooSmall));
    QVERIFY(!QFileInfo::exists(config.dataDirectory)); // refused before anything was written
    config.maxFrameSize = config.maxMessageBytes + wire::Limits::recordOverheadBytes - 1;
    QVERIFY(refusal() != u"started"_s);
    // Frames under the floor, over what clients accept, messages of nothing, a window under a frame.
    config.maxMessageBytes = 1024;
    config.maxFrameSize = wire::Limits::minFrameBytes - 1;
    QVERIFY(refusal() != u"started"_s);
    config.maxFrameSize = wire::Limits::maxFrameBytesCap + 1;
    QVERIFY(refusal() != u"started"_s);
    config.maxFrameSize = wire::Limits::defaultFrameBytes;
    config.maxMessageBytes = 0;
    QVERIFY(refusal() != u"started"_s);
    config.maxMessageBytes = wire::Limits::defaultMessageBytes;
    config.deliveryWindowBytes = config.maxFrameSize - 1;
    QVERIFY(refusal() != u"started"_s);
    QVERIFY(!QFileInfo::exists(config.dataDirectory));

    // Exactly enough starts, and its clients learn the pair at hello.
    config.deliveryWindowBytes = config.maxFrameSize;
    config.maxMessageBytes = 64 * 1024;
    config.maxFrameSize = config.maxMessageBytes + wire::Limits::recordOverheadBytes;
    startSite(config);
    TestDevice &desktop = device(u"desktop"_s);
    QVERIFY(desktop.logIn(m_alicePassword, true));
    QCOMPARE(desktop.session().limits(), config.limits());
}

void tst_LargeRecords::announcedLimitsAreKeptWithinTheClientsBounds()
{
    // An older server announces nothing: the defaults.
    QCOMPARE(wire::Limits::fromCbor({}), wire::Limits{});
    // A frame limit past the cap or under the floor is kept within them, and the message limit
    // within what the frame carries, so a server cannot make a client buffer without bound.
    const wire::Limits huge = wire::Limits::fromCbor(
        QCborMap{{u"maxFrameBytes"_s, qint64{1} << 40}, {u"maxMessageBytes"_s, qint64{1} << 39}});
    QCOMPARE(huge.maxFrameBytes, wire::Limits::maxFrameBytesCap);
    QCOMPARE(huge.maxMessageBytes, wire::Limits::maxFrameBytesCap - wire::Limits::recordOverheadBytes);
    HUIJI_VERIFY_OK(huge.check());
    const wire::Limits tiny = wire::Limits::fromCbor(QCborMap{{u"maxFrameBytes"_s, 10}, {u"maxMessageBytes"_s, -5}});
    QCOMPARE(tiny.maxFrameBytes, wire::Limits::minFrameBytes);
    QCOMPARE(tiny.maxMessageBytes, qsizetype{1});
    HUIJI_VERIFY_OK(tiny.check());
    const wire::Limits announced = severalToAFrame().limits();
    QCOMPARE(wire::Limits::fromCbor(announced.toCbor()), announced);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_LargeRecords)
#include "tst_largerecords.moc"

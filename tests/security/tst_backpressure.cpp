// After login (issue 13): a device that stops reading is cut off once what waits for it passes a
// bound or stops moving, and gets everything held for it when it comes back, once; acks and
// requests over their size limits close the connection; requests past the budget are refused;
// and acks cannot widen the delivery window. Honest clients connected at the same time keep
// talking, nothing lost.

#include "HonestPair.h"

#include "../common/RawClient.h"

#include "protocol/RecordCbor.h"

namespace huiji {

namespace {

// What a raw device was delivered, in order.
struct Deliveries {
    QList<qint64> seqs;
    QList<QUuid> ids;

    void take(const Frame &frame)
    {
        for (const QCborValue &item : frame.body.value(u"records"_s).toArray()) {
            seqs.append(item.toMap().value(u"seq"_s).toInteger());
            auto record = RecordCbor::fromCbor(item.toMap().value(u"record"_s).toMap());
            ids.append(record ? record->id : QUuid());
        }
    }
};

// Asks the server something and takes every delivery that came before the answer.
bool roundTrip(RawClient &raw, qint64 requestId, Deliveries &got)
{
    raw.send({wire::contacts, requestId, {}});
    while (const std::optional<Frame> frame = raw.next()) {
        if (frame->requestId == requestId)
            return frame->type == wire::contacts;
        if (frame->type == wire::deliver)
            got.take(*frame);
    }
    return false;
}

QCborMap ackOf(const QList<qint64> &seqs)
{
    QCborArray array;
    for (const qint64 seq : seqs)
        array.append(seq);
    return {{u"seqs"_s, array}};
}

} // namespace

class tst_BackPressure : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void neverReadingDeviceIsCutOffAndLosesNothing();
    void unreadAnswersPastTheBoundAreCutOff();
    void oversizedAckOrListIsRefused();
    void requestFloodIsRateLimited();
    void windowCannotBeWidenedByTheClient();

private:
    static ServerConfig config();
    // `count` messages of `size` characters from one device to a contact, each stored by the server.
    static QList<QUuid> sendMany(TestDevice &from, const QString &to, int count, int size);
    static QString errorCodeOf(const Frame &frame) { return frame.body.value(u"code"_s).toString(); }

    TestSite m_site;
    HonestPair m_honest;
};

ServerConfig tst_BackPressure::config()
{
    ServerConfig config;
    config.connectionsPerAddress = 16; // loopback counts like any address
    return config;
}

void tst_BackPressure::cleanup()
{
    m_honest.tearDown();
    m_site.stop();
}

QList<QUuid> tst_BackPressure::sendMany(TestDevice &from, const QString &to, int count, int size)
{
    // One at a time: the records of one server turn go out in one deliver frame, and this suite
    // is about the connection, not about how large such a frame may grow.
    QList<QUuid> ids;
    for (int index = 0; index < count; ++index) {
        const QString number = QString::number(index);
        HonestPair::say(from, to, number + QString(size - number.size(), u'.'), ids);
        if (QTest::currentTestFailed())
            return {};
    }
    return ids;
}

void tst_BackPressure::neverReadingDeviceIsCutOffAndLosesNothing()
{
    ServerConfig limits = config();
    limits.maxUnsentBytes = 1024 * 1024;
    limits.deliveryBatch = 20; // batches of 480 kB: deliveries hold back at a quarter of the bound
    limits.pingTimeoutMs = 1'000; // output that does not move for this long: the peer is not reading
    QVERIFY(m_site.start(limits));
    m_honest.setUp(m_site);

    // bob's tablet is known to the server and goes away; a raw client logs in as that device and
    // then reads nothing at all.
    auto tablet = m_site.device(u"bob-tablet"_s, u"bob"_s);
    QVERIFY(tablet->logIn(m_honest.bobPassword));
    QVERIFY(tablet->goOffline());
    RawClient sink;
    QVERIFY(sink.openAs(m_site.server().port(), u"bob"_s, m_honest.bobPassword, tablet->id()));
    sink.stopReading();
    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 3, networkTimeoutMs);

    // Long messages (24 kB of UTF-8 each) are relayed to bob meanwhile, hundreds of them: the
    // kernel's buffers take the first few megabytes, then the server holds deliveries back and
    // cuts the sink off once what waits for it does not move.
    QList<QUuid> sent;
    const QString body(8'000, QChar(0x8bb0));
    while (sent.size() < 1'000 && m_site.server().server().connectionCount() == 3) {
        HonestPair::say(*m_honest.alice, u"bob"_s, QString::number(sent.size()) + body, sent);
        if (QTest::currentTestFailed())
            return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 2, networkTimeoutMs);
    QVERIFY2(sent.size() >= 100, qPrintable(QString::number(sent.size())));
    const qint64 peak = m_site.server().server().peakUnsentBytes();
    QVERIFY2(peak > 0 && peak <= limits.maxUnsentBytes, qPrintable(QString::number(peak)));
    QTRY_VERIFY_WITH_TIMEOUT(HonestPair::holdsEachOnce(*m_honest.bob, u"alice"_s, sent), networkTimeoutMs);
    m_honest.stillTalking(u"after a device that never reads was cut off"_s);

    // The tablet comes back and gets everything that was held for it, each message once.
    QSignalSpy merged(&tablet->session(), &Session::recordsMerged);
    QVERIFY(tablet->logIn(m_honest.bobPassword));
    QTRY_VERIFY_WITH_TIMEOUT(HonestPair::holdsEachOnce(*tablet, u"alice"_s, sent), networkTimeoutMs);
    QHash<QUuid, int> arrivals;
    for (const QList<QVariant> &signal : std::as_const(merged))
        for (const Record &record : signal.first().value<QList<Record>>())
            ++arrivals[record.id];
    for (const QUuid &id : sent)
        QCOMPARE(arrivals.value(id), 1);
}

void tst_BackPressure::unreadAnswersPastTheBoundAreCutOff()
{
    ServerConfig limits = config();
    limits.maxUnsentBytes = 128 * 1024;
    limits.requestBurst = 1'000'000; // only the bound is in the way here
    limits.requestsPerSecond = 1'000;
    QVERIFY(m_site.start(limits));
    m_honest.setUp(m_site);

    // A device asks for its account's device list (a year of daily use each) again and again,
    // and reads none of the answers.
    RawClient sink;
    QVERIFY(sink.openAs(m_site.server().port(), u"bob"_s, m_honest.bobPassword, u"bob-sink"_s));
    sink.stopReading();
    bool cutOff = false;
    qint64 requestId = 10;
    for (int round = 0; round < 200 && !cutOff; ++round) {
        for (int index = 0; index < 50; ++index)
            sink.send({wire::devices, requestId++, QCborMap{{u"window"_s, 365}}});
        cutOff = QTest::qWaitFor([&] { return m_site.server().server().connectionCount() == 2; }, 50);
    }
    QVERIFY2(cutOff, "the server kept answering a device that reads nothing");
    const qint64 peak = m_site.server().server().peakUnsentBytes();
    QVERIFY2(peak > 0 && peak <= limits.maxUnsentBytes, qPrintable(QString::number(peak)));
    m_honest.stillTalking(u"after unread answers were cut off"_s);
}

void tst_BackPressure::oversizedAckOrListIsRefused()
{
    const ServerConfig limits = config();
    QVERIFY(m_site.start(limits));
    m_honest.setUp(m_site);

    // An ack of one delivery window is within its limit, even of seqs that name nothing sent.
    RawClient fair;
    QVERIFY(fair.openAs(m_site.server().port(), u"bob"_s, m_honest.bobPassword, u"bob-fair"_s));
    QList<qint64> window;
    for (qint64 index = 0; index < limits.deliveryWindow; ++index)
        window.append((qint64{1} << 40) + index); // nine bytes each in CBOR, the most a seq takes
    fair.send({wire::ack, 0, ackOf(window)});
    Deliveries none;
    QVERIFY(roundTrip(fair, 5, none));
    QVERIFY(!fair.isClosed());

    // Past it, the connection is closed before any handler reads the seqs.
    RawClient greedy;
    QVERIFY(greedy.openAs(m_site.server().port(), u"bob"_s, m_honest.bobPassword, u"bob-greedy"_s));
    window.append(window.first());
    greedy.send({wire::ack, 0, ackOf(window + window)});
    QVERIFY(greedy.closedWith(u"frame-too-large"_s));

    // A control request carrying a long list is refused the same way.
    RawClient lister;
    QVERIFY(lister.openAs(m_site.server().port(), u"alice"_s, m_honest.alicePassword, u"alice-lister"_s));
    QCborArray names;
    for (int index = 0; index < 2'000; ++index)
        names.append(u"mallory-%1"_s.arg(index));
    lister.send({wire::contactAdd, 6, QCborMap{{u"user"_s, u"carol"_s}, {u"users"_s, names}}});
    QVERIFY(lister.closedWith(u"frame-too-large"_s));

    QTRY_COMPARE_WITH_TIMEOUT(m_site.server().server().connectionCount(), 3, networkTimeoutMs); // the pair and `fair`
    m_honest.stillTalking(u"after oversized acks and lists"_s);
}

void tst_BackPressure::requestFloodIsRateLimited()
{
    ServerConfig limits = config();
    limits.requestBurst = 10;
    limits.requestsPerSecond = 2;
    QVERIFY(m_site.start(limits));
    m_honest.setUp(m_site);

    RawClient flood;
    QVERIFY(flood.openAs(m_site.server().port(), u"alice"_s, m_honest.alicePassword, u"alice-flood"_s));
    constexpr int requests = 60;
    for (int index = 0; index < requests; ++index)
        flood.send({wire::devices, 100 + index, {}});
    int answered = 0;
    int limited = 0;
    for (int index = 0; index < requests; ++index) {
        const std::optional<Frame> answer = flood.next();
        QVERIFY(answer);
        if (answer->type == wire::devices)
            ++answered;
        else if (answer->type == wire::error && errorCodeOf(*answer) == u"rate-limited"_s)
            ++limited;
    }
    QCOMPARE(answered + limited, requests);
    QVERIFY2(answered >= limits.requestBurst, qPrintable(QString::number(answered)));
    QVERIFY2(limited > 0, "every request of the flood was served");
    // The connection stays; once the budget has refilled, a request is served again.
    QVERIFY(!flood.isClosed());
    QVERIFY(QTest::qWaitFor([&] {
        flood.send({wire::devices, 1'000, {}});
        const std::optional<Frame> answer = flood.next();
        return answer && answer->type == wire::devices;
    }, networkTimeoutMs));

    m_honest.stillTalking(u"while another connection was rate-limited"_s);
}

void tst_BackPressure::windowCannotBeWidenedByTheClient()
{
    ServerConfig limits = config();
    limits.deliveryWindow = 5;
    limits.deliveryBatch = 5;
    QVERIFY(m_site.start(limits));
    m_honest.setUp(m_site);

    RawClient raw;
    QVERIFY(raw.openAs(m_site.server().port(), u"bob"_s, m_honest.bobPassword, u"bob-raw"_s));
    const QList<QUuid> sent = sendMany(*m_honest.alice, u"bob"_s, 20, 100);
    QCOMPARE(sent.size(), 20);

    // Two round trips: a batch the server queued in the turn of the first answer comes before the
    // second one.
    Deliveries got;
    qint64 requestId = 100;
    const auto settle = [&] { return roundTrip(raw, requestId++, got) && roundTrip(raw, requestId++, got); };
    QVERIFY(settle());
    QCOMPARE(got.seqs.size(), limits.deliveryWindow);

    // Acks of seqs never sent, and of one seq many times, make no room (each ack within its
    // size limit: one larger than a window's worth closes the connection).
    for (qint64 index = 0; index < 20; ++index) {
        raw.send({wire::ack, 0, ackOf({(qint64{1} << 50) + index, -1, -1, got.seqs.last() + 1'000'000 + index, -1})});
        raw.send({wire::ack, 0, ackOf(QList<qint64>(limits.deliveryWindow, (qint64{1} << 40) + index))});
    }
    QVERIFY(settle());
    QCOMPARE(got.seqs.size(), limits.deliveryWindow);

    // Acking what it has makes room for as many more; acking them again makes none.
    const QList<qint64> first = got.seqs;
    raw.send({wire::ack, 0, ackOf(first)});
    QVERIFY(settle());
    QCOMPARE(got.seqs.size(), 2 * limits.deliveryWindow);
    for (int again = 0; again < 5; ++again)
        raw.send({wire::ack, 0, ackOf(first)});
    QVERIFY(settle());
    QCOMPARE(got.seqs.size(), 2 * limits.deliveryWindow);

    // Acked as they come, the rest arrives, every message once.
    for (qsizetype acked = limits.deliveryWindow; got.seqs.size() < sent.size();) {
        raw.send({wire::ack, 0, ackOf(got.seqs.mid(acked))});
        acked = got.seqs.size();
        QVERIFY(settle());
        QVERIFY(got.seqs.size() > acked);
    }
    QCOMPARE(QSet<QUuid>(got.ids.cbegin(), got.ids.cend()), QSet<QUuid>(sent.cbegin(), sent.cend()));
    QCOMPARE(got.ids.size(), sent.size());

    m_honest.stillTalking(u"after acks that tried to widen the window"_s);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_BackPressure)
#include "tst_backpressure.moc"

// Message bodies from a peer that tries the edges of CBOR: numbers past qint64 and counts that
// would overflow when added up. Each case is an input the fuzzer (tests/fuzz) found or was
// seeded with; they are kept in its corpus too.

#include "protocol/FrameCodec.h"
#include "protocol/Wire.h"

#include <QCborArray>
#include <QTest>
#include <QtEndian>

#include <limits>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

namespace {

// The payload the fuzzer sent: a `devices` answer whose entry has a firstSeen of
// 0xfbff008fca42a833, past qint64, which QCborValue keeps as a double (and two keys mangled).
const QByteArray firstSeenPastQint64 = QByteArray::fromBase64(
    "o2R0eXBlZ2RldmljZXNiaWQEZGJvZHmhZ2RldmljZXOBqWJkaWRldi1waG9uZWRuYW1lZuaJi+acumhwbGF0Zm9ybWdhbmRy"
    "b2lkaWZpcnN0U2Vlbhv7/wCPykKoM2hsYXN0U2VlbhsAAAGPz2kEM2R1c2VzDGRyb2xlZ3ByaW1hcnlmbmxvaW5l9WVkYWls"
    "eYMAAwk="_ba);

Frame decoded(const QByteArray &payload)
{
    QByteArray bytes(FrameCodec::headerSize, Qt::Uninitialized);
    qToBigEndian(static_cast<quint32>(payload.size()), bytes.data());
    FrameCodec codec;
    codec.append(bytes + payload);
    const auto frame = codec.next();
    if (!frame || !frame->has_value())
        qFatal("the payload is not a frame");
    return **frame;
}

} // namespace

class tst_Wire : public QObject
{
    Q_OBJECT

private slots:
    void numbersThatAreNoQint64_data();
    void numbersThatAreNoQint64();
    void fuzzedDeviceEntry();
    void countsStopAtTheEndsOfQint64();
};

void tst_Wire::numbersThatAreNoQint64_data()
{
    QTest::addColumn<QByteArray>("cbor"); // one CBOR item
    QTest::newRow("unsigned 2^64-1") << "\x1b\xff\xff\xff\xff\xff\xff\xff\xff"_ba;
    QTest::newRow("unsigned 2^63") << "\x1b\x80\x00\x00\x00\x00\x00\x00\x00"_ba;
    QTest::newRow("negative -2^63-1") << "\x3b\x80\x00\x00\x00\x00\x00\x00\x00"_ba;
    QTest::newRow("double 1e300") << QCborValue(1e300).toCbor();
    QTest::newRow("double -inf") << QCborValue(-std::numeric_limits<double>::infinity()).toCbor();
    QTest::newRow("half NaN") << "\xf9\x7e\x00"_ba;
    QTest::newRow("double 30.0") << QCborValue(30.0).toCbor();
}

void tst_Wire::numbersThatAreNoQint64()
{
    QFETCH(QByteArray, cbor);
    const QCborValue number = QCborValue::fromCbor(cbor);
    QVERIFY(!number.isInteger());
    QCOMPARE(wire::integerOf(number, 7), 7);

    // Read as nothing rather than converted: no field of the protocol is a double.
    const wire::DeviceEntry entry = wire::deviceEntryFromCbor(
        {{u"id"_s, u"dev-1"_s}, {u"firstSeen"_s, number}, {u"uses"_s, number}, {u"daily"_s, QCborArray{1, number}}});
    QCOMPARE(entry.info.id, u"dev-1"_s);
    QCOMPARE(entry.firstSeen, 0);
    QCOMPARE(entry.uses, 0);
    QCOMPARE(entry.daily, (QList<qint64>{1, 0}));
    const Error error = wire::errorOf(
        {wire::error, 3, {{u"code"_s, u"rate-limited"_s}, {u"message"_s, u"wait"_s}, {u"retryAfter"_s, number}}});
    QCOMPARE(error.code, ErrorCode::RateLimited);
    QCOMPARE(error.retryAfter, 0);
    const wire::CollectionCounts counts = wire::collectionCountsFromCbor({{u"received"_s, number}, {u"new"_s, 3}});
    QCOMPARE(counts, (wire::CollectionCounts{0, 0, 3, 0}));

    // An amount that is there but no integer is refused, not taken as the default.
    const auto policy = wire::forwardingPolicyFromCbor({{u"mode"_s, u"interval"_s}, {u"amount"_s, number}});
    QVERIFY(!policy);
    QCOMPARE(policy.error().code, ErrorCode::InvalidArgument);
    const auto fallback = wire::forwardingPolicyFromCbor({{u"mode"_s, u"interval"_s}});
    QVERIFY(fallback);
    QCOMPARE(fallback->amount, wire::ForwardingPolicy::defaultMinutes);
}

void tst_Wire::fuzzedDeviceEntry()
{
    const Frame frame = decoded(firstSeenPastQint64);
    const QCborArray devices = frame.body.value(u"devices"_s).toArray();
    QCOMPARE(devices.size(), 1);
    const wire::DeviceEntry entry = wire::deviceEntryFromCbor(devices.first().toMap());
    QCOMPARE(entry.info.platform, u"android"_s);
    QCOMPARE(entry.firstSeen, 0);
    QCOMPARE(entry.lastSeen, 1'717'171'717'171);
    QCOMPARE(entry.uses, 12);
    QCOMPARE(entry.daily, (QList<qint64>{0, 3, 9}));
    QCOMPARE(wire::deviceEntryFromCbor(wire::toCbor(entry)), entry);
}

void tst_Wire::countsStopAtTheEndsOfQint64()
{
    constexpr qint64 most = std::numeric_limits<qint64>::max();
    constexpr qint64 least = std::numeric_limits<qint64>::min();
    // What a server may claim in a collect-upload answer and its total (Collector adds both up).
    const Frame frame = decoded(QCborMap{{u"type"_s, wire::collectUpload},
                                         {u"body"_s, QCborMap{{u"received"_s, most},
                                                              {u"refused"_s, least},
                                                              {u"new"_s, 2},
                                                              {u"total"_s, QCborMap{{u"received"_s, most},
                                                                                    {u"refused"_s, -1},
                                                                                    {u"new"_s, 3}}}}}}
                                    .toCborValue()
                                    .toCbor());
    wire::CollectionCounts run;
    run += wire::collectionCountsFromCbor(frame.body);
    run += wire::collectionCountsFromCbor(frame.body.value(u"total"_s).toMap());
    QCOMPARE(run, (wire::CollectionCounts{most, 0, 5, least}));
    run += wire::CollectionCounts{-1, 1, 1, 1};
    QCOMPARE(run, (wire::CollectionCounts{most - 1, 1, 6, least + 1}));
}

QTEST_GUILESS_MAIN(tst_Wire)
#include "tst_wire.moc"

// The wire's framing: whole frames out of bytes in any pieces, and clear errors for frames that are
// too long, not CBOR, or not a frame, without buffering more than the limit.

#include "protocol/FrameCodec.h"

#include <QCborArray>
#include <QTest>
#include <QtEndian>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

namespace {

Frame sampleFrame(qint64 id = 7)
{
    return {u"send"_s, id, QCborMap{{u"body"_s, u"你好, Bob 🎉"_s}, {u"count"_s, 3}, {u"blob"_s, QByteArray(300, 'x')}}};
}

// A frame with an arbitrary payload behind a correct length header.
QByteArray rawFrame(const QByteArray &payload)
{
    QByteArray bytes(FrameCodec::headerSize, Qt::Uninitialized);
    qToBigEndian(static_cast<quint32>(payload.size()), bytes.data());
    return bytes + payload;
}

} // namespace

class tst_FrameCodec : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void bytesInAnyPieces();
    void severalFramesInOneChunk();
    void oversizedHeaderIsRefusedBeforeTheBody();
    void malformed_data();
    void malformed();
    void bufferStaysSmallOverALongStream();
};

void tst_FrameCodec::roundTrip()
{
    FrameCodec codec;
    const Frame frame = sampleFrame();
    codec.append(FrameCodec::encode(frame));
    const auto decoded = codec.next();
    QVERIFY(decoded);
    QVERIFY(decoded->has_value());
    QCOMPARE(**decoded, frame);
    QCOMPARE(codec.buffered(), 0);

    // A push: no request id and no body.
    codec.append(FrameCodec::encode({u"presence"_s, 0, {}}));
    const auto push = codec.next();
    QVERIFY(push && push->has_value());
    QCOMPARE((*push)->type, u"presence"_s);
    QCOMPARE((*push)->requestId, 0);
    QVERIFY((*push)->body.isEmpty());
}

void tst_FrameCodec::bytesInAnyPieces()
{
    const QByteArray bytes = FrameCodec::encode(sampleFrame());
    FrameCodec codec;
    for (qsizetype i = 0; i < bytes.size() - 1; ++i) {
        codec.append(bytes.sliced(i, 1));
        const auto early = codec.next();
        QVERIFY(early);
        QVERIFY2(!early->has_value(), qPrintable(u"a frame after %1 of %2 bytes"_s.arg(i + 1).arg(bytes.size())));
    }
    codec.append(bytes.last(1));
    const auto whole = codec.next();
    QVERIFY(whole && whole->has_value());
    QCOMPARE(**whole, sampleFrame());
}

void tst_FrameCodec::severalFramesInOneChunk()
{
    QByteArray chunk;
    for (qint64 id = 1; id <= 5; ++id)
        chunk += FrameCodec::encode(sampleFrame(id));
    FrameCodec codec;
    codec.append(chunk + FrameCodec::encode(sampleFrame(6)).first(10));
    for (qint64 id = 1; id <= 5; ++id) {
        const auto frame = codec.next();
        QVERIFY(frame && frame->has_value());
        QCOMPARE((*frame)->requestId, id);
    }
    const auto partial = codec.next();
    QVERIFY(partial && !partial->has_value());
    QCOMPARE(codec.buffered(), 10);
}

void tst_FrameCodec::oversizedHeaderIsRefusedBeforeTheBody()
{
    FrameCodec codec(1024);
    QByteArray header(FrameCodec::headerSize, Qt::Uninitialized);
    qToBigEndian(quint32{1025}, header.data());
    codec.append(header); // only the header: the body never has to arrive
    const auto refused = codec.next();
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::FrameTooLarge);
    QVERIFY2(refused.error().message.contains(u"1025"_s), qPrintable(refused.error().message));

    // At the limit exactly, a frame is fine.
    FrameCodec exact(1024);
    QByteArray payload = QCborValue(QCborMap{{u"type"_s, u"x"_s}, {u"body"_s, QCborMap{{u"pad"_s, QByteArray()}}}}).toCbor();
    const qsizetype padding = 1024 - payload.size();
    payload = QCborValue(QCborMap{{u"type"_s, u"x"_s}, {u"body"_s, QCborMap{{u"pad"_s, QByteArray(padding - 2, 'p')}}}}).toCbor();
    QCOMPARE(payload.size(), 1024);
    exact.append(rawFrame(payload));
    const auto accepted = exact.next();
    QVERIFY2(accepted, accepted ? "" : qPrintable(accepted.error().message));
    QVERIFY(accepted->has_value());
}

void tst_FrameCodec::malformed_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not cbor") << QByteArray("\xff\xff\xff garbage", 11) << u"not CBOR"_s;
    QTest::newRow("truncated cbor") << QCborValue(QCborMap{{u"type"_s, u"send"_s}}).toCbor().chopped(2) << u"not CBOR"_s;
    QTest::newRow("empty") << QByteArray() << u"not CBOR"_s;
    QTest::newRow("an array") << QCborValue(QCborArray{1, 2}).toCbor() << u"not a CBOR map"_s;
    QTest::newRow("no type") << QCborValue(QCborMap{{u"id"_s, 3}}).toCbor() << u"no type"_s;
    QTest::newRow("type not text") << QCborValue(QCborMap{{u"type"_s, 5}}).toCbor() << u"no type"_s;
    QTest::newRow("negative id") << QCborValue(QCborMap{{u"type"_s, u"x"_s}, {u"id"_s, -4}}).toCbor() << u"request id"_s;
    QTest::newRow("id not integer") << QCborValue(QCborMap{{u"type"_s, u"x"_s}, {u"id"_s, u"1"_s}}).toCbor() << u"request id"_s;
    QTest::newRow("body not map") << QCborValue(QCborMap{{u"type"_s, u"x"_s}, {u"body"_s, 1}}).toCbor() << u"body"_s;
    QTest::newRow("trailing bytes") << QCborValue(QCborMap{{u"type"_s, u"x"_s}}).toCbor() + "\x01" << u"after"_s;
}

void tst_FrameCodec::malformed()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, reason);
    FrameCodec codec;
    codec.append(rawFrame(payload));
    const auto frame = codec.next();
    QVERIFY(!frame);
    QCOMPARE(frame.error().code, ErrorCode::MalformedFrame);
    QVERIFY2(frame.error().message.contains(reason), qPrintable(frame.error().message));
}

void tst_FrameCodec::bufferStaysSmallOverALongStream()
{
    const QByteArray one = FrameCodec::encode(sampleFrame());
    FrameCodec codec;
    int decoded = 0;
    // Chunks that cut frames at every offset, over ten thousand frames.
    QByteArray stream = one.repeated(10000);
    for (qsizetype at = 0; at < stream.size(); at += 997) {
        codec.append(QByteArrayView(stream).sliced(at, qMin<qsizetype>(997, stream.size() - at)));
        while (true) {
            const auto frame = codec.next();
            QVERIFY(frame);
            if (!frame->has_value())
                break;
            QCOMPARE((*frame)->requestId, 7);
            ++decoded;
        }
        QVERIFY(codec.buffered() < one.size() + 997);
    }
    QCOMPARE(decoded, 10000);
    QCOMPARE(codec.buffered(), 0);
}

QTEST_GUILESS_MAIN(tst_FrameCodec)
#include "tst_framecodec.moc"

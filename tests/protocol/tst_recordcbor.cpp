// Records in frame bodies: every field survives the trip, and a body that is not a whole record
// is refused with the field it lacks.

#include "protocol/RecordCbor.h"
#include "protocol/RecordId.h"

#include <QTest>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

namespace {

Record fullRecord()
{
    Record record;
    record.id = RecordId::create(1'700'000'000'123);
    record.account = u"alice"_s;
    record.contact = u"王芳"_s;
    record.direction = Direction::Incoming;
    record.sender = u"王芳"_s;
    record.body = u"会议改到十点 🎉\nsee you"_s;
    record.originDevice = u"dev-laptop"_s;
    record.deviceTime = 1'700'000'000'123;
    record.serverTime = 1'700'000'000'100;
    record.arrival = Arrival::Relayed;
    return record;
}

} // namespace

class tst_RecordCbor : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void roundTripThroughBytes();
    void withoutIdAndServerTime();
    void refusesIncompleteRecords_data();
    void refusesIncompleteRecords();
};

void tst_RecordCbor::roundTrip()
{
    const Record record = fullRecord();
    const auto back = RecordCbor::fromCbor(RecordCbor::toCbor(record));
    QVERIFY2(back, back ? "" : qPrintable(back.error().message));
    QVERIFY(*back == record);
}

void tst_RecordCbor::roundTripThroughBytes()
{
    const Record record = fullRecord();
    const QByteArray bytes = QCborValue(RecordCbor::toCbor(record)).toCbor();
    const auto back = RecordCbor::fromCbor(QCborValue::fromCbor(bytes).toMap());
    QVERIFY2(back, back ? "" : qPrintable(back.error().message));
    QVERIFY(*back == record);
}

void tst_RecordCbor::withoutIdAndServerTime()
{
    Record record = fullRecord();
    record.id = QUuid();
    record.serverTime.reset();
    record.arrival = Arrival::Imported;
    const QCborMap map = RecordCbor::toCbor(record);
    QVERIFY(!map.contains(u"id"_s));
    QVERIFY(!map.contains(u"serverTime"_s));
    const auto back = RecordCbor::fromCbor(map);
    QVERIFY(back);
    QVERIFY(*back == record);
}

void tst_RecordCbor::refusesIncompleteRecords_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QCborValue>("value"); // undefined: the key is removed
    QTest::addColumn<QString>("reason");
    QTest::newRow("no account") << u"account"_s << QCborValue() << u"account"_s;
    QTest::newRow("no body") << u"body"_s << QCborValue() << u"body"_s;
    QTest::newRow("no device") << u"device"_s << QCborValue() << u"device"_s;
    QTest::newRow("no time") << u"time"_s << QCborValue() << u"time"_s;
    QTest::newRow("time as text") << u"time"_s << QCborValue(u"yesterday"_s) << u"time"_s;
    QTest::newRow("time zero") << u"time"_s << QCborValue(0) << u"out of range"_s;
    QTest::newRow("short id") << u"id"_s << QCborValue(QByteArray(8, 'i')) << u"16 bytes"_s;
    QTest::newRow("bad direction") << u"direction"_s << QCborValue(u"sideways"_s) << u"direction"_s;
    QTest::newRow("bad arrival") << u"arrival"_s << QCborValue(u"teleported"_s) << u"arrival"_s;
    QTest::newRow("server time as text") << u"serverTime"_s << QCborValue(u"now"_s) << u"server time"_s;
}

void tst_RecordCbor::refusesIncompleteRecords()
{
    QFETCH(QString, key);
    QFETCH(QCborValue, value);
    QFETCH(QString, reason);
    QCborMap map = RecordCbor::toCbor(fullRecord());
    if (value.isUndefined())
        map.remove(key);
    else
        map.insert(key, value);
    const auto record = RecordCbor::fromCbor(map);
    QVERIFY(!record);
    QCOMPARE(record.error().code, ErrorCode::InvalidRecord);
    QVERIFY2(record.error().message.contains(reason), qPrintable(record.error().message));
}

QTEST_GUILESS_MAIN(tst_RecordCbor)
#include "tst_recordcbor.moc"

// HistoryFile: the JSON export and import format, round trips and malformed input. The record
// checks it relies on (validate(), contentKey(), RecordId) are tested here too, because that is
// where a history from outside first meets them.

#include "protocol/HistoryFile.h"
#include "protocol/RecordId.h"

#include "TestHistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <iterator>
#include <optional>

Q_DECLARE_METATYPE(huiji::ErrorCode)
Q_DECLARE_METATYPE(std::optional<qint64>)

namespace huiji {

class tst_HistoryFile : public QObject
{
    Q_OBJECT

private slots:
    void roundTripKeepsEveryField();
    void writesTheDocumentedFormat();
    void readsHandWrittenFile();
    void rejectsMalformedInput_data();
    void rejectsMalformedInput();

    void recordIdCarriesItsTime_data();
    void recordIdCarriesItsTime();
    void recordIdIsVersion7();
    void recordIdsSortByTime();
    void recordIdsAreUnique();
    void timeOfOtherUuids();

    void validateNamesMissingField_data();
    void validateNamesMissingField();
    void validateTimeRanges_data();
    void validateTimeRanges();
    void contentKeyIdentifiesContent();
};

void tst_HistoryFile::roundTripKeepsEveryField()
{
    HistoryFile file;
    file.devices = {phone, laptop, tablet, DeviceInfo{u"dev-bare"_s, {}, {}}};

    Record full = relayed(incoming(makeRecord(u"全字段 \"quoted\" \\ back\\slash\ttab\nline 😀"_s,
                                              testEpoch + 123, laptop)),
                          testEpoch + 456);
    full.arrival = Arrival::Collected;
    Record direct = makeRecord(u"  spaces kept  "_s, testEpoch + 7, tablet, u"carol"_s);
    direct.arrival = Arrival::Direct;
    const Record imported = withoutId(makeRecord(u"no id"_s, testEpoch - 86'400'000), phone);
    const Record earliest = makeRecord(u"1970"_s, 1, phone);
    const Record latest = relayed(makeRecord(u"2248"_s, maxRecordTime - 1, phone), maxRecordTime);
    file.records = {full, direct, imported, earliest, latest};

    const auto read = HistoryFile::fromJson(file.toJson());
    HUIJI_VERIFY_OK(read);
    QCOMPARE(read->devices, file.devices);
    QCOMPARE(read->records.size(), file.records.size());
    for (qsizetype i = 0; i < file.records.size(); ++i)
        QCOMPARE(read->records.at(i), file.records.at(i));

    // Writing what was read gives the same document: nothing is lost or reordered.
    QCOMPARE(read->toJson(), file.toJson());

    HistoryFile empty;
    const auto readEmpty = HistoryFile::fromJson(empty.toJson());
    HUIJI_VERIFY_OK(readEmpty);
    QVERIFY(readEmpty->devices.isEmpty());
    QVERIFY(readEmpty->records.isEmpty());
}

void tst_HistoryFile::writesTheDocumentedFormat()
{
    HistoryFile file;
    file.devices = {laptop};
    file.records = {relayed(incoming(makeRecord(u"hi"_s, testEpoch, laptop)), testEpoch + 1),
                    withoutId(makeRecord(u"old"_s, testEpoch + 60'000), laptop)};
    const QJsonDocument document = QJsonDocument::fromJson(file.toJson());
    QVERIFY(document.isObject());
    const QJsonObject root = document.object();
    QCOMPARE(root.value(u"format").toString(), u"huiji-history"_s);
    QCOMPARE(root.value(u"version").toInt(), 1);
    QCOMPARE(root.value(u"devices").toArray().first().toObject(),
             (QJsonObject{{u"id"_s, laptop.id}, {u"name"_s, laptop.name}, {u"platform"_s, laptop.platform}}));

    const QJsonArray records = root.value(u"records").toArray();
    QCOMPARE(records.size(), 2);
    const QJsonObject first = records.at(0).toObject();
    QCOMPARE(first.value(u"id").toString(), file.records.first().id.toString(QUuid::WithoutBraces));
    QCOMPARE(first.value(u"account").toString(), testAccount);
    QCOMPARE(first.value(u"contact").toString(), testContact);
    QCOMPARE(first.value(u"direction").toString(), u"in"_s);
    QCOMPARE(first.value(u"sender").toString(), testContact);
    QCOMPARE(first.value(u"body").toString(), u"hi"_s);
    QCOMPARE(first.value(u"device").toString(), laptop.id);
    // Times are ISO 8601 in UTC with milliseconds, readable by people and other programs.
    QCOMPARE(first.value(u"time").toString(), u"2023-11-14T22:13:20.000Z"_s);
    QCOMPARE(first.value(u"serverTime").toString(), u"2023-11-14T22:13:20.001Z"_s);
    QCOMPARE(first.value(u"arrival").toString(), u"relayed"_s);

    // Absent values are absent keys, not nulls or empty strings.
    const QJsonObject second = records.at(1).toObject();
    QVERIFY(!second.contains(u"id"));
    QVERIFY(!second.contains(u"serverTime"));
    QCOMPARE(second.value(u"direction").toString(), u"out"_s);
    QCOMPARE(second.value(u"arrival").toString(), u"imported"_s);
    QCOMPARE(second.value(u"time").toString(), u"2023-11-14T22:14:20.000Z"_s);
}

void tst_HistoryFile::readsHandWrittenFile()
{
    // What another program may write: other time zones, no id, no arrival.
    const QByteArray json = R"({
        "format": "huiji-history", "version": 1,
        "devices": [{"id": "old-pc", "name": "Old PC", "platform": "windows"}],
        "records": [
            {"account": "alice", "contact": "bob", "direction": "out", "sender": "alice",
             "body": "明天见", "device": "old-pc", "time": "2023-11-15T06:13:20.000+08:00"},
            {"id": "018bd12e-3a00-7000-8000-000000000001", "account": "alice", "contact": "bob",
             "direction": "in", "sender": "bob", "body": "ok", "device": "old-pc",
             "time": "2023-11-14T22:13:21Z", "serverTime": "2023-11-14T17:13:21.500-05:00",
             "arrival": "relayed"}
        ]
    })";
    const auto file = HistoryFile::fromJson(json);
    HUIJI_VERIFY_OK(file);
    QCOMPARE(file->devices, (QList<DeviceInfo>{{u"old-pc"_s, u"Old PC"_s, u"windows"_s}}));
    QCOMPARE(file->records.size(), 2);

    const Record &first = file->records.at(0);
    QVERIFY(first.id.isNull());
    QCOMPARE(first.body, u"明天见"_s);
    QCOMPARE(first.direction, Direction::Outgoing);
    QCOMPARE(first.deviceTime, testEpoch); // 06:13:20 at +08:00 is 22:13:20 UTC
    QVERIFY(!first.serverTime);
    QCOMPARE(first.arrival, Arrival::Imported); // the default for files

    const Record &second = file->records.at(1);
    QCOMPARE(second.id, QUuid::fromString(u"018bd12e-3a00-7000-8000-000000000001"_s));
    QCOMPARE(second.direction, Direction::Incoming);
    QCOMPARE(second.deviceTime, testEpoch + 1000);
    QCOMPARE(second.serverTime, std::optional<qint64>(testEpoch + 1500));
    QCOMPARE(second.arrival, Arrival::Relayed);
}

void tst_HistoryFile::rejectsMalformedInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("mentions"); // a part of the message that tells the user what is wrong

    const QByteArray head = R"({"format": "huiji-history", "version": 1, "records": [)";
    const QByteArray good = R"({"account": "alice", "contact": "bob", "direction": "out", "sender": "alice",
                                "body": "hi", "device": "d1", "time": "2023-11-14T22:13:20Z"})";
    // A record that is good except for one field replaced or removed.
    const auto withField = [&](const char *field, const QByteArray &value) -> QByteArray {
        QJsonObject record = QJsonDocument::fromJson(good).object();
        if (value.isNull())
            record.remove(QLatin1StringView(field));
        else
            record.insert(QLatin1StringView(field),
                          QJsonDocument::fromJson("[" + value + "]").array().first());
        return head + good + ", " + QJsonDocument(record).toJson(QJsonDocument::Compact) + "]}";
    };
    const ErrorCode bad = ErrorCode::InvalidArgument;
    const ErrorCode badRecord = ErrorCode::InvalidRecord;

    QTest::newRow("empty") << QByteArray() << bad << QString();
    QTest::newRow("not json") << QByteArray(R"({"format": "huiji-history", )") << bad << u"JSON"_s;
    QTest::newRow("array") << QByteArray("[]") << bad << QString();
    QTest::newRow("other format") << QByteArray(R"({"format": "chat-log", "version": 1, "records": []})")
                                  << bad << QString();
    QTest::newRow("no version") << QByteArray(R"({"format": "huiji-history", "records": []})") << bad
                                << QString();
    QTest::newRow("newer version")
        << QByteArray(R"({"format": "huiji-history", "version": 2, "records": []})") << bad << u"2"_s;
    QTest::newRow("device without id")
        << QByteArray(R"({"format": "huiji-history", "version": 1, "devices": [{"name": "x"}],)"
                      R"( "records": []})")
        << bad << QString();
    QTest::newRow("records not an array")
        << QByteArray(R"({"format": "huiji-history", "version": 1, "records": {"body": "hi"}})") << bad
        << u"records"_s;
    QTest::newRow("devices not an array")
        << QByteArray(R"({"format": "huiji-history", "version": 1, "devices": "laptop", "records": []})")
        << bad << u"devices"_s;
    QTest::newRow("record not an object") << QByteArray(head + good + ", 42]}") << badRecord << u"record 2"_s;
    QTest::newRow("bad id") << withField("id", "\"not-a-uuid\"") << badRecord << u"record 2"_s;
    QTest::newRow("no direction") << withField("direction", {}) << badRecord << u"direction"_s;
    QTest::newRow("bad direction") << withField("direction", "\"sideways\"") << badRecord << u"direction"_s;
    QTest::newRow("bad arrival") << withField("arrival", "\"teleported\"") << badRecord << u"arrival"_s;
    QTest::newRow("no time") << withField("time", {}) << badRecord << u"time"_s;
    QTest::newRow("time not iso") << withField("time", "\"yesterday\"") << badRecord << u"time"_s;
    QTest::newRow("time as number") << withField("time", "1700000000000") << badRecord << u"time"_s;
    QTest::newRow("time before 1970") << withField("time", "\"1969-12-31T23:59:59Z\"") << badRecord
                                      << u"time"_s;
    QTest::newRow("bad server time") << withField("serverTime", "\"soon\"") << badRecord << u"serverTime"_s;
    QTest::newRow("no account") << withField("account", {}) << badRecord << u"account"_s;
    QTest::newRow("no contact") << withField("contact", {}) << badRecord << u"contact"_s;
    QTest::newRow("no sender") << withField("sender", {}) << badRecord << u"sender"_s;
    QTest::newRow("empty body") << withField("body", "\"\"") << badRecord << u"body"_s;
    QTest::newRow("no device") << withField("device", {}) << badRecord << u"device"_s;
}

void tst_HistoryFile::rejectsMalformedInput()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    QFETCH(QString, mentions);
    const auto file = HistoryFile::fromJson(json);
    QVERIFY2(!file, "malformed input was accepted");
    QCOMPARE(file.error().code, code);
    QVERIFY(!file.error().message.isEmpty());
    QVERIFY2(file.error().message.contains(mentions), qPrintable(file.error().message));
}

void tst_HistoryFile::recordIdCarriesItsTime_data()
{
    QTest::addColumn<qint64>("time");
    QTest::newRow("1 ms") << qint64{1};
    QTest::newRow("now-ish") << testEpoch;
    QTest::newRow("odd bytes") << qint64{0x0123'4567'89ab};
    QTest::newRow("latest record time") << maxRecordTime;
    QTest::newRow("48 bits") << (qint64{1} << 48) - 1;
}

void tst_HistoryFile::recordIdCarriesItsTime()
{
    QFETCH(qint64, time);
    QCOMPARE(RecordId::timeOf(RecordId::create(time)), time);
}

void tst_HistoryFile::recordIdIsVersion7()
{
    const QUuid id = RecordId::create(testEpoch);
    const QByteArray bytes = id.toRfc4122();
    QCOMPARE(static_cast<uchar>(bytes.at(6)) >> 4, 7);
    QCOMPARE(static_cast<uchar>(bytes.at(8)) & 0xc0, 0x80); // RFC 9562 variant
    QCOMPARE(id.variant(), QUuid::DCE);
    // The time is the first 48 bits, big-endian: readable in the text form too.
    QVERIFY(id.toString(QUuid::WithoutBraces).startsWith(u"018bcfe5-6800-7"_s));
}

void tst_HistoryFile::recordIdsSortByTime()
{
    // Ids made later sort later however they are compared: as QUuid, as bytes, as text.
    const qint64 times[] = {1, testEpoch, testEpoch + 1, testEpoch + 2, testEpoch + 1000, maxRecordTime};
    for (qsizetype i = 1; i < qsizetype(std::size(times)); ++i) {
        const QUuid older = RecordId::create(times[i - 1]);
        const QUuid newer = RecordId::create(times[i]);
        QVERIFY(older < newer);
        QVERIFY(older.toRfc4122() < newer.toRfc4122());
        QVERIFY(older.toString() < newer.toString());
    }
}

void tst_HistoryFile::recordIdsAreUnique()
{
    // Three devices making ids in the same millisecond never collide.
    QSet<QUuid> ids;
    for (int i = 0; i < 30'000; ++i)
        ids.insert(RecordId::create(testEpoch));
    QCOMPARE(ids.size(), 30'000);
    for (const QUuid &id : std::as_const(ids))
        QCOMPARE(RecordId::timeOf(id), testEpoch);
}

void tst_HistoryFile::timeOfOtherUuids()
{
    QCOMPARE(RecordId::timeOf(QUuid()), -1);
    QCOMPARE(RecordId::timeOf(QUuid::createUuid()), -1); // version 4: random, no time
    QCOMPARE(RecordId::timeOf(QUuid::fromString(u"c232ab00-9414-11ec-b3c8-9f6bdeced846"_s)), -1); // v1
}

void tst_HistoryFile::validateNamesMissingField_data()
{
    QTest::addColumn<QString>("field");
    QTest::newRow("account") << u"account"_s;
    QTest::newRow("contact") << u"contact"_s;
    QTest::newRow("sender") << u"sender"_s;
    QTest::newRow("body") << u"body"_s;
    QTest::newRow("origin device") << u"device"_s;
}

void tst_HistoryFile::validateNamesMissingField()
{
    QFETCH(QString, field);
    const Record good = makeRecord(u"hello"_s, testEpoch);
    HUIJI_VERIFY_OK(validate(good));
    HUIJI_VERIFY_OK(validate(withoutId(good))); // imports have no id, and that is fine

    Record record = good;
    QString *const fields[] = {&record.account, &record.contact, &record.sender, &record.body,
                               &record.originDevice};
    const QStringList names{u"account"_s, u"contact"_s, u"sender"_s, u"body"_s, u"device"_s};
    fields[names.indexOf(field)]->clear();
    const auto checked = validate(record);
    QVERIFY(!checked);
    QCOMPARE(checked.error().code, ErrorCode::InvalidRecord);
    QVERIFY2(checked.error().message.contains(field), qPrintable(checked.error().message));
}

void tst_HistoryFile::validateTimeRanges_data()
{
    QTest::addColumn<qint64>("deviceTime");
    QTest::addColumn<std::optional<qint64>>("serverTime");
    QTest::addColumn<bool>("valid");
    const std::optional<qint64> none;
    QTest::newRow("first ms") << qint64{1} << none << true;
    QTest::newRow("latest") << maxRecordTime << std::optional(maxRecordTime) << true;
    QTest::newRow("zero") << qint64{0} << none << false;
    QTest::newRow("negative") << qint64{-5} << none << false;
    QTest::newRow("too late") << maxRecordTime + 1 << none << false;
    QTest::newRow("server zero") << testEpoch << std::optional(qint64{0}) << false;
    QTest::newRow("server negative") << testEpoch << std::optional(qint64{-1}) << false;
    QTest::newRow("server too late") << testEpoch << std::optional(maxRecordTime + 1) << false;
    // A device clock far off the server's is normal, not an error.
    QTest::newRow("clocks disagree") << testEpoch << std::optional(testEpoch - 86'400'000) << true;
}

void tst_HistoryFile::validateTimeRanges()
{
    QFETCH(qint64, deviceTime);
    QFETCH(std::optional<qint64>, serverTime);
    QFETCH(bool, valid);
    Record record = makeRecord(u"hello"_s, testEpoch);
    record.deviceTime = deviceTime;
    record.serverTime = serverTime;
    const auto checked = validate(record);
    QCOMPARE(checked.has_value(), valid);
    if (!valid)
        QCOMPARE(checked.error().code, ErrorCode::InvalidRecord);
}

void tst_HistoryFile::contentKeyIdentifiesContent()
{
    const Record record = makeRecord(u"same words"_s, testEpoch);
    const QByteArray key = contentKey(record);
    QCOMPARE(key.size(), 16);

    // The same message however it travelled: id, device, server time and arrival are not content.
    Record travelled = relayed(withoutId(record, tablet), testEpoch + 99);
    travelled.arrival = Arrival::Collected;
    QCOMPARE(contentKey(travelled), key);

    // Each field of the key makes another message.
    Record changed = record;
    changed.account = u"alice2"_s;
    QVERIFY(contentKey(changed) != key);
    changed = record;
    changed.contact = u"carol"_s;
    QVERIFY(contentKey(changed) != key);
    changed = incoming(record);
    QVERIFY(contentKey(changed) != key);
    changed = record;
    changed.deviceTime += 1;
    QVERIFY(contentKey(changed) != key);
    changed = record;
    changed.body = u"same words "_s;
    QVERIFY(contentKey(changed) != key);

    // Fields cannot bleed into each other: ("ab", "c") is not ("a", "bc").
    Record left = record, right = record;
    left.account = u"ab"_s;
    left.contact = u"c"_s;
    right.account = u"a"_s;
    right.contact = u"bc"_s;
    QVERIFY(contentKey(left) != contentKey(right));
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_HistoryFile)
#include "tst_historyfile.moc"

#pragma once

// Record builders and result helpers shared by the store's test suites. Header-only on purpose:
// each suite is one executable and includes what it needs.

#include "protocol/DeviceInfo.h"
#include "protocol/Error.h"
#include "protocol/Record.h"
#include "protocol/RecordId.h"
#include "store/HistoryTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTest>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

// 2023-11-14T22:13:20Z: a fixed, realistic time so that failures are reproducible.
inline constexpr qint64 testEpoch = 1'700'000'000'000;

inline const QString testAccount = u"alice"_s;
inline const QString testContact = u"bob"_s;

// The three devices of the test account; their names label their records.
inline const DeviceInfo phone{u"dev-phone-0001"_s, u"Alice's phone"_s, u"android"_s};
inline const DeviceInfo laptop{u"dev-laptop-0002"_s, u"Work laptop"_s, u"linux"_s};
inline const DeviceInfo tablet{u"dev-tablet-0003"_s, u"Tablet"_s, u"ios"_s};

// An outgoing record of the test account to bob, with a v7 id made at its device time.
inline Record makeRecord(const QString &body, qint64 deviceTime, const DeviceInfo &device = phone,
                         const QString &contact = testContact)
{
    Record record;
    record.id = RecordId::create(deviceTime);
    record.account = testAccount;
    record.contact = contact;
    record.direction = Direction::Outgoing;
    record.sender = testAccount;
    record.body = body;
    record.originDevice = device.id;
    record.deviceTime = deviceTime;
    return record;
}

// The same message as the contact sent it.
inline Record incoming(Record record)
{
    record.direction = Direction::Incoming;
    record.sender = record.contact;
    return record;
}

// The record as a server stamped it while passing it on.
inline Record relayed(Record record, qint64 serverTime)
{
    record.serverTime = serverTime;
    record.arrival = Arrival::Relayed;
    return record;
}

// The record as an import or an old peer delivers it: no id, so only its content key identifies it.
inline Record withoutId(Record record, const DeviceInfo &seenOn = phone)
{
    record.id = QUuid();
    record.originDevice = seenOn.id;
    record.arrival = Arrival::Imported;
    return record;
}

// 1000 records in one millisecond from three devices, some relayed, some without id, with a few
// records on either side of that millisecond.
inline QList<Record> crowdedMillisecond()
{
    const DeviceInfo devices[] = {phone, laptop, tablet};
    QList<Record> records;
    for (int i = 0; i < 1000; ++i) {
        Record record = makeRecord(u"same ms %1"_s.arg(i), testEpoch, devices[i % 3]);
        if (i % 4 == 1) { // stamped by the server within the millisecond, device clocks behind
            record = relayed(record, testEpoch);
            record.deviceTime = testEpoch - 1 - i;
        } else if (i % 10 == 3) {
            record = withoutId(record, devices[i % 3]);
        }
        records.append(record);
    }
    for (int k = 0; k < 5; ++k) {
        records.append(makeRecord(u"before %1"_s.arg(k), testEpoch - 1 - k, laptop));
        records.append(makeRecord(u"after %1"_s.arg(k), testEpoch + 1 + k, tablet));
    }
    return records;
}

// 100 records a second apart: "r0" oldest, "r99" newest; rNames(5, 3) is {"r5", "r4", "r3"}.
inline QList<Record> hundredSeconds()
{
    QList<Record> records;
    for (int i = 0; i < 100; ++i)
        records.append(makeRecord(u"r%1"_s.arg(i), testEpoch + 1000 * i, i % 2 ? laptop : phone));
    return records;
}

inline QStringList rNames(int newest, int oldest)
{
    QStringList list;
    for (int i = newest; i >= oldest; --i)
        list.append(u"r%1"_s.arg(i));
    return list;
}

// The bodies of records or hits in the order a query returned them: what most checks compare.
inline QStringList bodiesOf(const QList<StoredRecord> &records)
{
    QStringList bodies;
    for (const StoredRecord &stored : records)
        bodies.append(stored.record.body);
    return bodies;
}

inline QStringList bodiesOf(const QList<SearchHit> &hits)
{
    QStringList bodies;
    for (const SearchHit &hit : hits)
        bodies.append(hit.stored.record.body);
    return bodies;
}

// Positions must fall strictly from the first record to the last: newest first, none repeated.
inline bool newestFirst(const QList<StoredRecord> &records)
{
    for (qsizetype i = 1; i < records.size(); ++i)
        if (records.at(i - 1).position <= records.at(i).position)
            return false;
    return true;
}

// The error message of a failed result, for QVERIFY2; empty (and never touching error()) on success.
template <typename T>
QByteArray why(const Result<T> &result)
{
    if (result)
        return {};
    return (errorCodeName(result.error().code) + u": "_s + result.error().message).toUtf8();
}

// Readable QCOMPARE failures for the project's value types (found by argument-dependent lookup).
inline char *toString(const MergeResult &result)
{
    return qstrdup(QByteArray("MergeResult{added=" + QByteArray::number(result.added)
                              + ", duplicates=" + QByteArray::number(result.duplicates) + '}')
                       .constData());
}

inline char *toString(ErrorCode code)
{
    return qstrdup(errorCodeName(code).toUtf8().constData());
}

inline char *toString(const Record &record)
{
    const QString text = u"Record{id=%1, device=%2, time=%3, server=%4, body=\"%5\"}"_s
                             .arg(record.id.toString(QUuid::WithoutBraces), record.originDevice)
                             .arg(record.deviceTime)
                             .arg(record.serverTime ? QString::number(*record.serverTime) : u"-"_s,
                                  record.body);
    return qstrdup(text.toUtf8().constData());
}

} // namespace huiji

// Fails the current test with the error's code and message unless the result holds a value.
// Evaluates its argument once: it is often a write.
#define HUIJI_VERIFY_OK(result)                                                                    \
    do {                                                                                           \
        const auto &checked = (result);                                                            \
        QVERIFY2(checked.has_value(), ::huiji::why(checked).constData());                          \
    } while (false)

// Calls a checking helper and ends the test if it failed: what follows would only report consequences.
#define HUIJI_CHECKED(...)                                                                         \
    do {                                                                                           \
        __VA_ARGS__;                                                                               \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

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

// The error message of a failed result, for QVERIFY2; empty (and never touching error()) on success.
template <typename T>
QByteArray why(const Result<T> &result)
{
    return result ? QByteArray() : (errorCodeName(result.error().code) + u": "_s + result.error().message).toUtf8();
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
#define HUIJI_VERIFY_OK(result) QVERIFY2((result).has_value(), ::huiji::why(result).constData())

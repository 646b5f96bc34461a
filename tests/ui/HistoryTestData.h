#pragma once

// A realistic merged history for the history viewer's tests: alice's profile on her desktop (this
// machine), with records from it, her work laptop and her phone, in Chinese and English, for three
// contacts, merged into a real SQLite store in a temporary folder through HistoryStore::merge.
// Header-only: each suite is one executable.

#include "client/Profile.h"
#include "protocol/RecordId.h"
#include "store/HistoryStore.h"

#include "../common/TestVerify.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace huiji::test {

using namespace Qt::Literals::StringLiterals;

// Creates a fixture and ends the test when that failed: nothing after it could be checked.
#define HUIJI_CHECK_CREATE(fixture)                                                                \
    do {                                                                                           \
        (fixture).create();                                                                        \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

// Calls a checking helper and ends the test if it failed: what follows would only report consequences.
#define HUIJI_CHECKED(...)                                                                         \
    do {                                                                                           \
        __VA_ARGS__;                                                                               \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

inline const QString account = u"alice"_s;
inline const DeviceInfo laptop{u"8b2d4e61-7c3f-4a9b-b1e5-2f6a8c0d4e12"_s, u"Work laptop"_s, u"linux"_s};
inline const DeviceInfo phone{u"5f0c9a27-3d1e-4b8a-9c6f-7e2d1a0b3c45"_s, u"Alice's phone"_s, u"android"_s};

// One line of a scripted conversation: when (UTC), who wrote it, which device saw it, what.
struct Line {
    QString contact;
    int day;       // of November 2026
    QTime time;    // UTC
    bool outgoing; // written by alice
    int device;    // 0 this machine, 1 the laptop, 2 the phone
    QString body;
};

inline QList<Line> script()
{
    const QString bob = u"bob"_s, carol = u"carol"_s, fang = u"王芳"_s;
    return {
        {fang, 17, QTime(19, 0), false, 2, u"周末一起去爬山吗？"_s},
        {fang, 17, QTime(19, 5), true, 2, u"好啊，叫上李雷。"_s},
        {fang, 17, QTime(19, 6), false, 0, u"那就周六早上七点，老地方见。"_s},
        {bob, 18, QTime(8, 12), true, 2, u"早上好！今天下午的会议还开吗？"_s},
        {bob, 18, QTime(8, 15), false, 2, u"Morning! Yes, 3 pm in room 402."_s},
        {bob, 18, QTime(8, 16), true, 2, u"好的，我带上设计稿。"_s},
        {bob, 18, QTime(10, 30), true, 1, u"Sent you the draft of the release notes — can you review it first?"_s},
        {bob, 18, QTime(10, 42), false, 1, u"看过了，第二段写得有点长，其他都很好。"_s},
        {bob, 18, QTime(10, 44), true, 1, u"Thanks, I'll trim it."_s},
        {bob, 18, QTime(21, 5), false, 0, u"今天的会议纪要我发到群里了。"_s},
        {bob, 18, QTime(21, 7), true, 0, u"收到，谢谢！Have a good evening."_s},
        {bob, 19, QTime(9, 1), true, 1, u"The CI build is red again: <tests> & \"lint\" fail — any idea?"_s},
        {bob, 19, QTime(9, 5), false, 1, u"是 flaky 的网络测试，我重跑一下。"_s},
        {bob, 19, QTime(9, 20), false, 1, u"Green now ✅"_s},
        {carol, 19, QTime(14, 0), false, 1, u"Hi Alice, is the 会议室 on floor 4 free tomorrow?"_s},
        {carol, 19, QTime(14, 3), true, 1, u"我帮你查一下…… yes, it's free from 2 to 5."_s},
        {carol, 19, QTime(14, 4), false, 1, u"Perfect, booking it."_s},
        {carol, 19, QTime(16, 20), true, 2, u"Don't forget the slides!"_s},
        {bob, 19, QTime(12, 30), true, 2, u"午饭吃什么？楼下新开了一家兰州拉面。"_s},
        {bob, 19, QTime(12, 31), false, 2, u"走！"_s},
        {bob, 19, QTime(18, 45), true, 0, u"Photos from the trip are uploaded: 相册在共享盘 /photos/2026-杭州"_s},
        {bob, 20, QTime(8, 50), false, 2, u"明天的会议改到上午十点，可以吗？"_s},
        {bob, 20, QTime(8, 52), true, 2, u"可以，我把日历更新一下。"_s},
        {bob, 20, QTime(9, 30), true, 1, u"Agenda for tomorrow:\n1. Release 2.3\n2. 数据迁移\n3. AOB"_s},
        {bob, 20, QTime(9, 35), false, 1, u"👍 looks good"_s},
        {bob, 20, QTime(20, 10), true, 0, u"晚安，明天见。"_s},
        {bob, 20, QTime(20, 11), false, 0, u"Good night!"_s},
    };
}

inline qint64 utc(int day, QTime time)
{
    return QDateTime(QDate(2026, 11, day), time, Qt::UTC).toMSecsSinceEpoch();
}

class HistoryFixture
{
public:
    // bulk: that many more records with "dev-team", a minute apart from 1 November, every second
    // one containing 构建 ("build"), for the paging tests.
    explicit HistoryFixture(int bulk = 0) : m_bulk(bulk) {}

    // Call from the test (QVERIFY needs a test function to return from).
    void create()
    {
        QVERIFY(m_dir.isValid());
        auto profile = Profile::open(m_dir.filePath(u"desktop"_s));
        HUIJI_VERIFY_OK(profile);
        m_profile = std::move(*profile);
        m_profile->setDeviceName(u"Desktop"_s);
        const DeviceInfo devices[] = {m_profile->device(), laptop, phone};
        for (const Line &line : script())
            records.append(make(line.contact, line.outgoing, line.body, utc(line.day, line.time), devices[line.device]));
        for (int i = 0; i < m_bulk; ++i) {
            const QString body = i % 2 ? u"构建 #%1 通过了"_s.arg(i) : u"Build #%1 passed on the CI server"_s.arg(i);
            records.append(make(u"dev-team"_s, i % 3 == 0, body, utc(1, QTime(0, 0)) + i * 60'000, devices[i % 3]));
        }
        HUIJI_VERIFY_OK(m_profile->history().merge(records, {m_profile->device(), laptop, phone}));
    }

    Profile &profile() { return *m_profile; }
    HistoryStore &store() { return m_profile->history(); }
    DeviceInfo desktop() const { return m_profile->device(); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // The records of one conversation (and device), oldest first.
    QList<Record> of(const QString &contact, const QString &device = {}) const
    {
        QList<Record> list;
        for (const Record &record : records)
            if (record.contact == contact && (device.isEmpty() || record.originDevice == device))
                list.append(record);
        std::sort(list.begin(), list.end(), [](const Record &a, const Record &b) { return a.orderTime() < b.orderTime(); });
        return list;
    }

    QList<Record> records; // everything merged

private:
    Record make(const QString &contact, bool outgoing, const QString &body, qint64 time, const DeviceInfo &device) const
    {
        Record record;
        record.id = RecordId::create(time);
        record.account = account;
        record.contact = contact;
        record.direction = outgoing ? Direction::Outgoing : Direction::Incoming;
        record.sender = outgoing ? account : contact;
        record.body = body;
        record.originDevice = device.id;
        record.deviceTime = time;
        // What another device saw passed the server, which stamped it a moment after that
        // device's clock.
        if (device.id != m_profile->device().id) {
            record.serverTime = time + 350;
            record.arrival = outgoing ? Arrival::Collected : Arrival::Relayed;
        }
        return record;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Profile> m_profile;
    int m_bulk;
};

inline QStringList bodiesOf(const QList<Record> &records)
{
    QStringList bodies;
    for (const Record &record : records)
        bodies.append(record.body);
    return bodies;
}

} // namespace huiji::test

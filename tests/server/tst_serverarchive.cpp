// The server archive (claim 5) in its database: each account's retention decides what it counts
// and hands out at once, pruned yet or not; the hourly prune then deletes exactly that; one
// account's archive is never read for another, and "forever" keeps everything.

#include "server/db/DeviceRegistry.h"
#include "server/db/ServerDatabase.h"

#include "protocol/RecordId.h"
#include "protocol/Wire.h"

#include "../common/TestVerify.h"

#include <QTemporaryDir>
#include <QTest>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

class tst_ServerArchive : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void retentionDecidesWhatIsReadThenPruneDeletesIt();

private:
    // A record of `account` made `daysAgo` days before m_now.
    Record recordOf(const QString &account, int daysAgo, const QString &body) const;
    QStringList bodiesOf(const QString &account);

    QTemporaryDir m_directory;
    std::unique_ptr<ServerDatabase> m_database;
    const qint64 m_now = QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    const qsizetype m_pageBytes = wire::Limits{}.batchBytes(); // what a restore page of the defaults holds
};

void tst_ServerArchive::init()
{
    QVERIFY(m_directory.isValid());
    auto opened = ServerDatabase::open(m_directory.filePath(u"server-%1.sqlite"_s.arg(QLatin1StringView(QTest::currentTestFunction()))));
    HUIJI_VERIFY_OK(opened);
    m_database = std::move(*opened);
    for (const QString &account : {u"alice"_s, u"carol"_s})
        HUIJI_VERIFY_OK(m_database->accounts().create(account, "not a real hash", m_now));
}

Record tst_ServerArchive::recordOf(const QString &account, int daysAgo, const QString &body) const
{
    Record record;
    record.account = account;
    record.contact = u"bob"_s;
    record.sender = account;
    record.body = body;
    record.originDevice = u"desktop"_s;
    record.deviceTime = m_now - daysAgo * DeviceRegistry::dayMs - 1;
    record.id = RecordId::create(record.deviceTime);
    return record;
}

QStringList tst_ServerArchive::bodiesOf(const QString &account)
{
    auto page = m_database->archive().page(account, std::nullopt, 100, m_pageBytes, m_now);
    if (!page)
        return {u"failed: "_s + page.error().message};
    QStringList bodies;
    for (const Record &record : std::as_const(page->records))
        bodies.append(record.body);
    return bodies;
}

void tst_ServerArchive::retentionDecidesWhatIsReadThenPruneDeletesIt()
{
    ServerArchive &archive = m_database->archive();
    HUIJI_VERIFY_OK(archive.enable(u"alice"_s, 5, m_now));
    HUIJI_VERIFY_OK(archive.enable(u"carol"_s, 0, m_now));
    for (const QString &account : {u"alice"_s, u"carol"_s})
        for (const int daysAgo : {9, 6, 4, 0})
            HUIJI_VERIFY_OK(archive.add(account, recordOf(account, daysAgo, u"%1 days ago"_s.arg(daysAgo)), m_now));

    // Before any prune: alice's five days are all that is counted and handed out.
    QCOMPARE(archive.count(u"alice"_s, m_now).value_or(-1), 2);
    QCOMPARE(bodiesOf(u"alice"_s), (QStringList{u"4 days ago"_s, u"0 days ago"_s}));
    QCOMPARE(archive.count(u"carol"_s, m_now).value_or(-1), 4);
    QCOMPARE(bodiesOf(u"carol"_s), (QStringList{u"9 days ago"_s, u"6 days ago"_s, u"4 days ago"_s, u"0 days ago"_s}));

    // The prune deletes what was already out of sight, and only that.
    QCOMPARE(archive.prune(m_now).value_or(-1), 2);
    QCOMPARE(archive.count(u"alice"_s, m_now).value_or(-1), 2);
    QCOMPARE(archive.count(u"carol"_s, m_now).value_or(-1), 4);
    QCOMPARE(archive.prune(m_now).value_or(-1), 0);

    // A page never reaches into another account's archive, and pages go on after their cursor.
    auto first = archive.page(u"carol"_s, std::nullopt, 3, m_pageBytes, m_now);
    HUIJI_VERIFY_OK(first);
    QCOMPARE(first->records.size(), 3);
    QVERIFY(first->next);
    auto rest = archive.page(u"carol"_s, first->next, 3, m_pageBytes, m_now);
    HUIJI_VERIFY_OK(rest);
    QCOMPARE(rest->records.size(), 1);
    QCOMPARE(rest->records.first().body, u"0 days ago"_s);
    QCOMPARE(rest->records.first().account, u"carol"_s);
    QVERIFY(!rest->next);
    HUIJI_VERIFY_OK(archive.disable(u"alice"_s));
    QCOMPARE(archive.count(u"alice"_s, m_now).value_or(-1), 0);
    QCOMPARE(bodiesOf(u"alice"_s), QStringList{});
}

QTEST_GUILESS_MAIN(tst_ServerArchive)
#include "tst_serverarchive.moc"

// The chat's contact list against a real in-process server: requests both ways and their
// acceptance, presence, unread counts that survive a restart of the window, the last message,
// ordering by activity with requests first, the filter, and an offline start from the last list.

#include "TestNetwork.h"

#include "ui/ContactListFilter.h"
#include "ui/ContactListModel.h"

#include "protocol/RecordId.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>

namespace huiji {

class tst_ContactListModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void requestsBecomeContacts();
    void presenceFollowsTheContact();
    void unreadCountsUntilRead();
    void lastMessageAndOrderByActivity();
    void filterMatchesAnyPartOfTheName();
    void startsOfflineFromTheLastList();
    void historyAlreadyHereCountsAsRead();

private:
    std::unique_ptr<TestDevice> device(const QString &name, const QString &user);
    void say(TestDevice &from, const QString &to, const QString &text);
    static QVariant value(const ContactListModel &model, const QString &user, int role);
    static QStringList users(const QAbstractItemModel &model);

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestDevice> m_alice, m_bob, m_carol;
    const QByteArray m_password = "secret-" + QByteArray::number(QRandomGenerator::global()->generate());
};

void tst_ContactListModel::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_server = std::make_unique<TestServer>(m_directory->filePath(u"server"_s));
    QVERIFY(m_server->start());
    m_alice = device(u"alice-pc"_s, u"alice"_s);
    m_bob = device(u"bob-pc"_s, u"bob"_s);
    m_carol = device(u"carol-pc"_s, u"carol"_s);
    QVERIFY(m_alice->logIn(m_password, true));
    QVERIFY(m_bob->logIn(m_password, true));
    QVERIFY(m_carol->logIn(m_password, true));
}

void tst_ContactListModel::cleanup()
{
    m_alice.reset();
    m_bob.reset();
    m_carol.reset();
    m_server.reset();
    m_directory.reset();
}

std::unique_ptr<TestDevice> tst_ContactListModel::device(const QString &name, const QString &user)
{
    return std::make_unique<TestDevice>(m_directory->filePath(name), name, user, m_server->port());
}

void tst_ContactListModel::say(TestDevice &from, const QString &to, const QString &text)
{
    QSignalSpy stored(&from.session(), &Session::messageStored);
    HUIJI_VERIFY_OK(from.session().sendMessage(to, text));
    QTRY_VERIFY_WITH_TIMEOUT(!stored.isEmpty(), networkTimeoutMs);
}

QVariant tst_ContactListModel::value(const ContactListModel &model, const QString &user, int role)
{
    const int row = model.rowOf(user);
    return row < 0 ? QVariant() : model.index(row).data(role);
}

QStringList tst_ContactListModel::users(const QAbstractItemModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(ContactListModel::UserRole).toString());
    return result;
}

void tst_ContactListModel::requestsBecomeContacts()
{
    ContactListModel aliceList(m_alice->session());
    ContactListModel bobList(m_bob->session());
    QAbstractItemModelTester aliceTester(&aliceList, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester bobTester(&bobList, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(aliceList.rowCount(), 0);

    HUIJI_VERIFY_OK(m_alice->ask(wire::contactAdd, QCborMap{{u"user"_s, u"bob"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(value(bobList, u"alice"_s, ContactListModel::KindRole).toInt(),
                              int(ContactListModel::Kind::IncomingRequest), networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(value(aliceList, u"bob"_s, ContactListModel::KindRole).toInt(),
                              int(ContactListModel::Kind::OutgoingRequest), networkTimeoutMs);
    QVERIFY(value(bobList, u"alice"_s, Qt::AccessibleTextRole).toString().contains(u"wants to be your contact"_s));

    HUIJI_VERIFY_OK(m_bob->ask(wire::contactAccept, QCborMap{{u"user"_s, u"alice"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(value(aliceList, u"bob"_s, ContactListModel::KindRole).toInt(),
                              int(ContactListModel::Kind::Contact), networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(value(bobList, u"alice"_s, ContactListModel::KindRole).toInt(),
                              int(ContactListModel::Kind::Contact), networkTimeoutMs);
    QCOMPARE(aliceList.rowCount(), 1);

    // Removed without a conversation: gone from the list.
    HUIJI_VERIFY_OK(m_alice->ask(wire::contactRemove, QCborMap{{u"user"_s, u"bob"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(aliceList.rowCount(), 0, networkTimeoutMs);
}

void tst_ContactListModel::presenceFollowsTheContact()
{
    makeContacts(*m_alice, *m_bob);
    ContactListModel aliceList(m_alice->session());
    QAbstractItemModelTester tester(&aliceList, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(value(aliceList, u"bob"_s, ContactListModel::OnlineRole).toBool());

    QVERIFY(m_bob->goOffline());
    QTRY_VERIFY_WITH_TIMEOUT(!value(aliceList, u"bob"_s, ContactListModel::OnlineRole).toBool(), networkTimeoutMs);
    QVERIFY(m_bob->logIn(m_password));
    QTRY_VERIFY_WITH_TIMEOUT(value(aliceList, u"bob"_s, ContactListModel::OnlineRole).toBool(), networkTimeoutMs);

    // While alice herself is offline, nobody is shown online: presence is not known then.
    QVERIFY(m_alice->goOffline());
    QVERIFY(!value(aliceList, u"bob"_s, ContactListModel::OnlineRole).toBool());
}

void tst_ContactListModel::unreadCountsUntilRead()
{
    makeContacts(*m_alice, *m_bob);
    {
        ContactListModel bobList(m_bob->session());
        QAbstractItemModelTester tester(&bobList, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy total(&bobList, &ContactListModel::unreadTotalChanged);
        say(*m_alice, u"bob"_s, u"Are you there?"_s);
        say(*m_alice, u"bob"_s, u"明天开会吗？"_s);
        QTRY_COMPARE_WITH_TIMEOUT(value(bobList, u"alice"_s, ContactListModel::UnreadRole).toInt(), 2, networkTimeoutMs);
        QCOMPARE(bobList.unreadTotal(), 2);
        QCOMPARE(total.last().first().toInt(), 2);
        QVERIFY(value(bobList, u"alice"_s, Qt::AccessibleTextRole).toString().contains(u"2 unread"_s));

        // Bob's own answer is not unread.
        auto answer = m_bob->session().sendMessage(u"alice"_s, u"Yes"_s);
        HUIJI_VERIFY_OK(answer);
        bobList.addRecords({*answer});
        QCOMPARE(value(bobList, u"alice"_s, ContactListModel::PreviewRole).toString(), u"You: Yes"_s);
        QCOMPARE(bobList.unreadTotal(), 2);

        bobList.markRead(u"alice"_s);
        QCOMPARE(value(bobList, u"alice"_s, ContactListModel::UnreadRole).toInt(), 0);
        QCOMPARE(bobList.unreadTotal(), 0);
        QCOMPARE(total.last().first().toInt(), 0);
    }
    // Where bob stopped reading is kept: a new window counts only what came after.
    say(*m_alice, u"bob"_s, u"Good, see you at ten"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->profile().history().older({u"bob"_s, u"alice"_s, {}}, std::nullopt, 10)->records.size(),
                              4, networkTimeoutMs);
    ContactListModel reopened(m_bob->session());
    QCOMPARE(value(reopened, u"alice"_s, ContactListModel::UnreadRole).toInt(), 1);
    QCOMPARE(reopened.unreadTotal(), 1);
}

void tst_ContactListModel::lastMessageAndOrderByActivity()
{
    makeContacts(*m_alice, *m_bob);
    makeContacts(*m_carol, *m_bob);
    ContactListModel bobList(m_bob->session());
    ContactListFilter sorted;
    sorted.setSourceModel(&bobList);
    QAbstractItemModelTester tester(&bobList, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester sortedTester(&sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(users(sorted), (QStringList{u"alice"_s, u"carol"_s})); // no messages yet: by name

    say(*m_carol, u"bob"_s, u"Hi Bob, it's Carol"_s);
    QTRY_COMPARE_WITH_TIMEOUT(users(sorted), (QStringList{u"carol"_s, u"alice"_s}), networkTimeoutMs);
    QCOMPARE(value(bobList, u"carol"_s, ContactListModel::PreviewRole).toString(), u"Hi Bob, it's Carol"_s);
    QVERIFY(value(bobList, u"carol"_s, ContactListModel::LastActivityRole).toDateTime().isValid());
    QVERIFY(!value(bobList, u"alice"_s, ContactListModel::LastActivityRole).toDateTime().isValid());

    say(*m_alice, u"bob"_s, u"第一行\n第二行"_s);
    QTRY_COMPARE_WITH_TIMEOUT(users(sorted), (QStringList{u"alice"_s, u"carol"_s}), networkTimeoutMs);
    QCOMPARE(value(bobList, u"alice"_s, ContactListModel::PreviewRole).toString(), u"第一行 第二行"_s); // one line

    // What bob writes himself counts as activity and reads "You: ...".
    auto sent = m_bob->session().sendMessage(u"carol"_s, u"Hello Carol"_s);
    HUIJI_VERIFY_OK(sent);
    bobList.addRecords({*sent});
    QCOMPARE(users(sorted), (QStringList{u"carol"_s, u"alice"_s}));
    QCOMPARE(value(bobList, u"carol"_s, ContactListModel::PreviewRole).toString(), u"You: Hello Carol"_s);

    // A request waiting for bob's answer comes first.
    auto dave = device(u"dave-pc"_s, u"dave"_s);
    QVERIFY(dave->logIn(m_password, true));
    HUIJI_VERIFY_OK(dave->ask(wire::contactAdd, QCborMap{{u"user"_s, u"bob"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(users(sorted), (QStringList{u"dave"_s, u"carol"_s, u"alice"_s}), networkTimeoutMs);
}

void tst_ContactListModel::filterMatchesAnyPartOfTheName()
{
    makeContacts(*m_alice, *m_bob);
    makeContacts(*m_carol, *m_bob);
    ContactListModel bobList(m_bob->session());
    ContactListFilter filtered;
    filtered.setSourceModel(&bobList);
    QAbstractItemModelTester tester(&filtered, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filtered.setFilterText(u"AR"_s);
    QCOMPARE(users(filtered), QStringList{u"carol"_s});
    filtered.setFilterText(u"  li "_s);
    QCOMPARE(users(filtered), QStringList{u"alice"_s});
    filtered.setFilterText(u"zz"_s);
    QCOMPARE(filtered.rowCount(), 0);
    filtered.setFilterText({});
    QCOMPARE(filtered.rowCount(), 2);
}

void tst_ContactListModel::startsOfflineFromTheLastList()
{
    makeContacts(*m_alice, *m_bob);
    HUIJI_VERIFY_OK(m_carol->ask(wire::contactAdd, QCborMap{{u"user"_s, u"bob"_s}}));
    QTRY_VERIFY_WITH_TIMEOUT(hasContact(*m_bob, u"carol"_s, wire::ContactState::Incoming), networkTimeoutMs);
    {
        ContactListModel seen(m_bob->session()); // remembers the list
        QCOMPARE(seen.rowCount(), 2);
    }
    QVERIFY(m_bob->goOffline());

    // Another run of the app on bob's profile, not logged in yet.
    Session offline(m_bob->profile());
    ContactListModel bobList(offline);
    QAbstractItemModelTester tester(&bobList, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(value(bobList, u"alice"_s, ContactListModel::KindRole).toInt(), int(ContactListModel::Kind::Contact));
    QCOMPARE(value(bobList, u"carol"_s, ContactListModel::KindRole).toInt(), int(ContactListModel::Kind::IncomingRequest));
    QVERIFY(!value(bobList, u"alice"_s, ContactListModel::OnlineRole).toBool());
}

void tst_ContactListModel::historyAlreadyHereCountsAsRead()
{
    // A history imported before the first window: read, not 2 unread.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Record> imported;
    for (int i = 0; i < 2; ++i) {
        Record record;
        record.account = u"alice"_s;
        record.contact = u"zhang.wei"_s;
        record.direction = Direction::Incoming;
        record.sender = u"zhang.wei"_s;
        record.body = u"旧消息 %1"_s.arg(i);
        record.originDevice = m_alice->id();
        record.deviceTime = now - 1000 + i;
        record.arrival = Arrival::Imported;
        imported.append(record);
    }
    HUIJI_VERIFY_OK(m_alice->profile().history().merge(imported));
    ContactListModel aliceList(m_alice->session());
    QAbstractItemModelTester tester(&aliceList, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(value(aliceList, u"zhang.wei"_s, ContactListModel::KindRole).toInt(), int(ContactListModel::Kind::HistoryOnly));
    QCOMPARE(value(aliceList, u"zhang.wei"_s, ContactListModel::UnreadRole).toInt(), 0);
    QCOMPARE(value(aliceList, u"zhang.wei"_s, ContactListModel::PreviewRole).toString(), u"旧消息 1"_s);
}

} // namespace huiji

QTEST_MAIN(huiji::tst_ContactListModel)
#include "tst_contactlistmodel.moc"

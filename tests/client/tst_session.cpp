// The client engine against a real in-process server: alice's storage terminal receives what her
// other devices said while it was away (claim 1, S260-S270), and gets everything live when online.

#include "TestNetwork.h"

#include "protocol/Wire.h"

#include <QTest>

namespace huiji {

class tst_Session : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void terminalOfflineGetsEverythingHeld();
    void terminalOnlineGetsEverythingLive();

private:
    void setUpAliceAndBob();
    // Sends and waits until the server has stored it.
    void say(TestDevice &from, const QString &to, const QString &text);
    QList<StoredRecord> conversation(TestDevice &device, const QString &contact);

    TestSite m_site;
    std::unique_ptr<TestDevice> m_desktop, m_laptop, m_phone, m_bob;
    const QByteArray m_alicePassword = testPassword("alice");
    const QByteArray m_bobPassword = testPassword("bob");
};

void tst_Session::init()
{
    QVERIFY(m_site.start());
}

void tst_Session::cleanup()
{
    m_desktop.reset();
    m_laptop.reset();
    m_phone.reset();
    m_bob.reset();
    m_site.stop();
}

void tst_Session::setUpAliceAndBob()
{
    m_desktop = m_site.device(u"desktop"_s, u"alice"_s);
    m_laptop = m_site.device(u"laptop"_s, u"alice"_s);
    m_phone = m_site.device(u"phone"_s, u"alice"_s);
    m_bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_desktop->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    QVERIFY(!m_desktop->session().isStorageTerminal());
    auto chosen = m_desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_alicePassword));
    HUIJI_VERIFY_OK(chosen);
    QCOMPARE(chosen->value(u"device"_s).toString(), m_desktop->id());
    makeContacts(*m_desktop, *m_bob);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_desktop->session().contacts().first().online); // bob is connected
}

void tst_Session::say(TestDevice &from, const QString &to, const QString &text)
{
    QSignalSpy stored(&from.session(), &Session::messageStored);
    auto record = from.session().sendMessage(to, text);
    HUIJI_VERIFY_OK(record);
    QTRY_VERIFY_WITH_TIMEOUT(!stored.isEmpty(), networkTimeoutMs);
    QCOMPARE(stored.first().first().toUuid(), record->id);
}

QList<StoredRecord> tst_Session::conversation(TestDevice &device, const QString &contact)
{
    auto page = device.profile().history().older({u"alice"_s, contact, {}}, std::nullopt, 1000);
    if (!page)
        return {};
    QList<StoredRecord> records = page->records;
    std::reverse(records.begin(), records.end()); // oldest first, as people read
    return records;
}

void tst_Session::terminalOfflineGetsEverythingHeld()
{
    setUpAliceAndBob();
    QVERIFY(m_desktop->goOffline());

    // While the storage terminal is away, the laptop and then the phone talk to bob.
    QVERIFY(m_laptop->logIn(m_alicePassword));
    QVERIFY(!m_laptop->session().isStorageTerminal());
    QCOMPARE(m_laptop->session().terminalDevice(), std::optional(m_desktop->id()));
    say(*m_laptop, u"bob"_s, u"Laptop here: did the build pass?"_s);
    say(*m_laptop, u"bob"_s, u"和测试报告一起发给我"_s);
    say(*m_bob, u"alice"_s, u"Yes, all green."_s);
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_laptop, u"bob"_s).size(), 3, networkTimeoutMs);
    QVERIFY(m_laptop->goOffline());

    QVERIFY(m_phone->logIn(m_alicePassword));
    say(*m_phone, u"bob"_s, u"On my phone now. Lunch?"_s);
    say(*m_bob, u"alice"_s, u"好的，十二点见"_s);
    // The phone was not yet known to the server when the laptop spoke, so it has only its own part.
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_phone, u"bob"_s).size(), 2, networkTimeoutMs);

    // The storage terminal comes back and ends with everything, labelled with where it was seen.
    QSignalSpy progress(&m_desktop->session(), &Session::recordsMerged);
    QSignalSpy caughtUp(&m_desktop->session(), &Session::caughtUp);
    QSignalSpy ready(&m_desktop->session(), &Session::ready);
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QVERIFY(m_desktop->session().isStorageTerminal());
    QCOMPARE(ready.first().at(1).toLongLong(), 5);
    QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty(), networkTimeoutMs);

    const QList<StoredRecord> merged = conversation(*m_desktop, u"bob"_s);
    QCOMPARE(merged.size(), 5);
    const QStringList bodies = {u"Laptop here: did the build pass?"_s, u"和测试报告一起发给我"_s, u"Yes, all green."_s,
                                u"On my phone now. Lunch?"_s, u"好的，十二点见"_s};
    const QStringList labels = {u"laptop"_s, u"laptop"_s, u"laptop"_s, u"phone"_s, u"phone"_s};
    for (qsizetype index = 0; index < merged.size(); ++index) {
        QCOMPARE(merged[index].record.body, bodies[index]);
        QCOMPARE(merged[index].deviceLabel, labels[index]);
        QCOMPARE(merged[index].record.arrival, Arrival::Relayed);
        if (index > 0)
            QVERIFY(merged[index - 1].record.orderTime() <= merged[index].record.orderTime());
    }
    QCOMPARE(merged[2].record.direction, Direction::Incoming);
    QCOMPARE(merged[2].record.sender, u"bob"_s);

    // The server holds nothing more for it: the next login has nothing pending.
    QVERIFY(m_desktop->goOffline());
    ready.clear();
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QCOMPARE(ready.first().at(1).toLongLong(), 0);
    QCOMPARE(conversation(*m_desktop, u"bob"_s).size(), 5);
}

void tst_Session::terminalOnlineGetsEverythingLive()
{
    setUpAliceAndBob();
    QVERIFY(m_desktop->session().isStorageTerminal());
    QVERIFY(m_laptop->logIn(m_alicePassword));
    say(*m_laptop, u"bob"_s, u"one"_s);
    say(*m_bob, u"alice"_s, u"two"_s);
    say(*m_laptop, u"bob"_s, u"three"_s);
    QTRY_COMPARE_WITH_TIMEOUT(conversation(*m_desktop, u"bob"_s).size(), 3, networkTimeoutMs);

    // Everything was acked live: a new login finds nothing held.
    QSignalSpy ready(&m_desktop->session(), &Session::ready);
    QVERIFY(m_desktop->goOffline());
    QVERIFY(m_desktop->logIn(m_alicePassword));
    QCOMPARE(ready.first().at(1).toLongLong(), 0);
    QCOMPARE(conversation(*m_desktop, u"bob"_s).size(), 3);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_Session)
#include "tst_session.moc"

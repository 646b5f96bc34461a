// Forwarding policies (claim 12) against a real in-process server: alice's laptop, which is not
// her storage terminal, talks to bob's phone over a direct link and forwards what the link carried
// by the account's policy (at once, every N minutes by an injected clock, once N characters have
// gathered, when the client closes, or at the next start after a crash); the storage terminal
// ends with exactly those records, once each, labelled with the laptop and in order. The storage
// terminal itself forwards nothing, unless it is the primary of several: its secondaries get its
// direct records that way. The policy is an account setting, pushed to every device.

#include "DirectWorld.h"

namespace huiji {

class tst_Forwarding : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void policyIsAnAccountSetting();
    void atOnce();
    void everyNMinutesByTheClock();
    void whenNCharactersGathered();
    void whenTheClientCloses();
    void crashIsCaughtUpAtTheNextStart();
    void refusedMessageIsNotForwarded();
    void terminalForwardsNothing();
    void primaryHandsItsDirectRecordsToItsSecondaries();

private:
    void setPolicy(const QCborMap &policy);
    // The terminal holds exactly these records of the laptop's, in order, labelled with the laptop.
    void verifyTerminalHolds(const QList<Record> &records);

    TestSite m_site;
    DirectWorld m_world;
    qint64 m_now = 0; // the laptop forwarder's clock
};

void tst_Forwarding::init()
{
    QVERIFY(m_site.start());
    m_world.setUp(m_site);
    m_now = QDateTime::currentMSecsSinceEpoch();
    m_world.laptop->session().forwarder().setClock([this] { return m_now; });
}

void tst_Forwarding::cleanup()
{
    m_world.desktop.reset();
    m_world.laptop.reset();
    m_world.phone.reset();
    m_site.stop();
}

void tst_Forwarding::setPolicy(const QCborMap &policy)
{
    auto set = m_world.laptop->ask(wire::forwardingSet, policy);
    HUIJI_VERIFY_OK(set);
    const auto expected = wire::forwardingPolicyFromCbor(policy);
    QTRY_COMPARE_WITH_TIMEOUT(m_world.laptop->session().forwarder().policy(), *expected, networkTimeoutMs);
}

void tst_Forwarding::verifyTerminalHolds(const QList<Record> &records)
{
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*m_world.desktop).size(), records.size(), networkTimeoutMs);
    HUIJI_VERIFY_OK(m_world.desktop->ask(wire::contacts)); // a round trip: any duplicate is in by now
    const QList<StoredRecord> held = storedRecords(*m_world.desktop);
    QCOMPARE(held.size(), records.size());
    for (qsizetype index = 0; index < records.size(); ++index) {
        const Record &got = held[index].record;
        QCOMPARE(got.id, records[index].id);
        QCOMPARE(got.body, records[index].body);
        QCOMPARE(got.originDevice, m_world.laptop->id());
        QCOMPARE(held[index].deviceLabel, u"laptop"_s);
        QCOMPARE(got.arrival, Arrival::Direct); // as the laptop kept it: it never passed the server
        QVERIFY(!got.serverTime);
        QCOMPARE(got.direction, records[index].sender == u"alice"_s ? Direction::Outgoing : Direction::Incoming);
    }
    QCOMPARE(m_world.laptop->profile().forwardQueue().count().value_or(-1), 0);
}

void tst_Forwarding::policyIsAnAccountSetting()
{
    // The default, then a change pushed to the account's other online device and kept for logins.
    auto current = m_world.desktop->ask(wire::forwardingGet);
    HUIJI_VERIFY_OK(current);
    QCOMPARE(*wire::forwardingPolicyFromCbor(*current), wire::ForwardingPolicy{});
    QCOMPARE(m_world.laptop->session().forwarder().policy(), wire::ForwardingPolicy{});
    setPolicy({{u"mode"_s, u"threshold"_s}, {u"amount"_s, 500}});
    const wire::ForwardingPolicy threshold{wire::ForwardingPolicy::Mode::Threshold, 500};
    QTRY_COMPARE_WITH_TIMEOUT(m_world.desktop->session().forwarder().policy(), threshold, networkTimeoutMs);
    QVERIFY(m_world.desktop->goOffline());
    m_world.desktop->session().forwarder().setPolicy({});
    QVERIFY(m_world.desktop->logIn(m_world.alicePassword));
    QCOMPARE(m_world.desktop->session().forwarder().policy(), threshold); // from the login answer
    // bob's account is not affected.
    QCOMPARE(m_world.phone->session().forwarder().policy(), wire::ForwardingPolicy{});

    for (const QCborMap &wrong : {QCborMap{{u"mode"_s, u"sometimes"_s}}, QCborMap{{u"mode"_s, u"interval"_s}, {u"amount"_s, 0}},
                                  QCborMap{{u"mode"_s, u"threshold"_s}, {u"amount"_s, -5}}}) {
        auto refused = m_world.laptop->ask(wire::forwardingSet, wrong);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    }
    auto unchanged = m_world.laptop->ask(wire::forwardingGet);
    HUIJI_VERIFY_OK(unchanged);
    QCOMPARE(*wire::forwardingPolicyFromCbor(*unchanged), threshold);
}

void tst_Forwarding::atOnce()
{
    setPolicy({{u"mode"_s, u"at-once"_s}});
    m_world.openLink();
    const QList<Record> records = m_world.converse();
    verifyTerminalHolds(records);
}

void tst_Forwarding::everyNMinutesByTheClock()
{
    setPolicy({{u"mode"_s, u"interval"_s}, {u"amount"_s, 5}});
    m_world.openLink();
    const QList<Record> records = m_world.converse();
    QList<QUuid> ids;
    for (const Record &record : records)
        ids.append(record.id);

    // Four minutes on: not due. The server holds none of them.
    m_now += 4 * 60'000;
    m_world.laptop->session().forwarder().tick();
    HUIJI_VERIFY_OK(m_world.laptop->ask(wire::contacts));
    QCOMPARE(m_world.laptop->profile().forwardQueue().count().value_or(-1), 3);
    QCOMPARE(serverHolds(m_site, ids), 0);
    QVERIFY(storedRecords(*m_world.desktop).isEmpty());

    // Five minutes since the last forward: all of them go.
    m_now += 60'000;
    m_world.laptop->session().forwarder().tick();
    verifyTerminalHolds(records);
    QCOMPARE(serverHolds(m_site, ids), 3);

    // The next message waits for the next five minutes.
    const Record later = m_world.sendDirect(*m_world.laptop, u"bob"_s, u"later"_s);
    m_world.laptop->session().forwarder().tick();
    HUIJI_VERIFY_OK(m_world.laptop->ask(wire::contacts));
    QCOMPARE(m_world.laptop->profile().forwardQueue().count().value_or(-1), 1);
    m_now += 5 * 60'000;
    m_world.laptop->session().forwarder().tick();
    verifyTerminalHolds(records + QList<Record>{later});
}

void tst_Forwarding::whenNCharactersGathered()
{
    setPolicy({{u"mode"_s, u"threshold"_s}, {u"amount"_s, 30}});
    m_world.openLink();
    QList<Record> records;
    records.append(m_world.sendDirect(*m_world.laptop, u"bob"_s, u"ten chars!"_s));
    records.append(m_world.sendDirect(*m_world.phone, u"alice"_s, u"ten more.."_s));
    HUIJI_VERIFY_OK(m_world.laptop->ask(wire::contacts));
    QCOMPARE(m_world.laptop->profile().forwardQueue().count().value_or(-1), 2); // 20 characters: waits
    QVERIFY(storedRecords(*m_world.desktop).isEmpty());
    records.append(m_world.sendDirect(*m_world.laptop, u"bob"_s, u"and ten..."_s)); // 30: due
    verifyTerminalHolds(records);
}

void tst_Forwarding::whenTheClientCloses()
{
    setPolicy({{u"mode"_s, u"on-close"_s}});
    m_world.openLink();
    const QList<Record> records = m_world.converse();
    m_now += 24 * 3'600'000; // no clock makes it due
    m_world.laptop->session().forwarder().tick();
    HUIJI_VERIFY_OK(m_world.laptop->ask(wire::contacts));
    QCOMPARE(m_world.laptop->profile().forwardQueue().count().value_or(-1), 3);
    QVERIFY(storedRecords(*m_world.desktop).isEmpty());

    m_world.laptop->session().finish();
    QTRY_COMPARE_WITH_TIMEOUT(m_world.laptop->session().state(), Session::State::Offline, networkTimeoutMs);
    verifyTerminalHolds(records);
}

void tst_Forwarding::crashIsCaughtUpAtTheNextStart()
{
    setPolicy({{u"mode"_s, u"on-close"_s}});
    m_world.openLink();
    const QList<Record> records = m_world.converse();
    HUIJI_VERIFY_OK(m_world.laptop->ask(wire::contacts));
    QCOMPARE(m_world.laptop->profile().forwardQueue().count().value_or(-1), 3);

    // A crash: the laptop's process goes without closing; its queue is on disk.
    m_world.laptop.reset();
    QVERIFY(storedRecords(*m_world.desktop).isEmpty());
    m_world.laptop = m_site.device(u"laptop"_s, u"alice"_s);
    QCOMPARE(m_world.laptop->profile().forwardQueue().count().value_or(-1), 3);
    QVERIFY(m_world.laptop->logIn(m_world.alicePassword));
    verifyTerminalHolds(records);
}

void tst_Forwarding::refusedMessageIsNotForwarded()
{
    // Only what a link acked enters the forward queue. A message the server refused (to carol, who
    // is nobody's contact) was sent on no link and leaves the outbox marked failed: the laptop
    // forwards the link's records around it, and never it.
    setPolicy({{u"mode"_s, u"at-once"_s}});
    m_world.openLink();
    QSignalSpy refused(&m_world.laptop->session(), &Session::messageRefused);
    const auto early = m_world.laptop->session().sendMessage(u"carol"_s, u"not sent"_s);
    HUIJI_VERIFY_OK(early);
    QCOMPARE(early->arrival, Arrival::Local);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, networkTimeoutMs);
    const QList<Record> records = m_world.converse();
    verifyTerminalHolds(records);
    const auto kept = m_world.laptop->profile().history().record(RecordKey::of(*early));
    HUIJI_VERIFY_OK(kept);
    QVERIFY(kept->failure);
    QCOMPARE(m_world.laptop->profile().outbox().count().value_or(-1), 0);
}

void tst_Forwarding::terminalForwardsNothing()
{
    // The desktop, alice's storage terminal, takes links too and talks to bob directly.
    setPolicy({{u"mode"_s, u"at-once"_s}});
    HUIJI_VERIFY_OK(m_world.desktop->session().setDirectLinks(true));
    QSignalSpy opened(&m_world.desktop->session().links(), &DirectLinks::linkOpened);
    m_world.desktop->session().links().open(u"bob"_s);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, networkTimeoutMs);
    const Record record = m_world.sendDirect(*m_world.desktop, u"bob"_s, u"from the terminal"_s);
    QVERIFY(!record.id.isNull());

    const QList<StoredRecord> held = storedRecords(*m_world.desktop);
    QCOMPARE(held.size(), 1);
    QCOMPARE(held.first().record.arrival, Arrival::Direct);
    QCOMPARE(m_world.desktop->profile().forwardQueue().count().value_or(-1), 0);
    QCOMPARE(m_world.desktop->profile().outbox().count().value_or(-1), 0);
    HUIJI_VERIFY_OK(m_world.desktop->ask(wire::contacts));
    QCOMPARE(serverHolds(m_site, {record.id}), 0);

    // And the server refuses a forward from it.
    auto refused = m_world.desktop->ask(wire::forward, QCborMap{{u"records"_s, QCborArray{}}});
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
}

void tst_Forwarding::primaryHandsItsDirectRecordsToItsSecondaries()
{
    // alice's tablet is a secondary; her desktop, the primary, talks to bob directly.
    auto tablet = m_site.device(u"tablet"_s, u"alice"_s);
    QVERIFY(tablet->logIn(m_world.alicePassword));
    HUIJI_VERIFY_OK(m_world.desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"device"_s, tablet->id()}, {u"role"_s, u"secondary"_s}}, m_world.alicePassword)));
    QTRY_VERIFY_WITH_TIMEOUT(m_world.desktop->session().synchronises(), networkTimeoutMs);
    setPolicy({{u"mode"_s, u"at-once"_s}});
    QTRY_COMPARE_WITH_TIMEOUT(m_world.desktop->session().forwarder().policy().mode, wire::ForwardingPolicy::Mode::AtOnce,
                              networkTimeoutMs);
    HUIJI_VERIFY_OK(m_world.desktop->session().setDirectLinks(true));
    QSignalSpy opened(&m_world.desktop->session().links(), &DirectLinks::linkOpened);
    m_world.desktop->session().links().open(u"bob"_s);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_world.phone->session().links().isOpen(u"alice"_s), networkTimeoutMs);
    const Record sent = m_world.sendDirect(*m_world.desktop, u"bob"_s, u"from the primary"_s);
    const Record received = m_world.sendDirect(*m_world.phone, u"alice"_s, u"to the primary"_s);
    QVERIFY(!sent.id.isNull() && !received.id.isNull());

    // The tablet ends with both as the primary keeps them: direct, labelled with the desktop.
    QTRY_COMPARE_WITH_TIMEOUT(storedRecords(*tablet).size(), 2, networkTimeoutMs);
    const QList<StoredRecord> atTablet = storedRecords(*tablet);
    QCOMPARE(idsOf(atTablet), (QList<QUuid>{sent.id, received.id}));
    for (const StoredRecord &held : atTablet) {
        QCOMPARE(held.record.arrival, Arrival::Direct);
        QCOMPARE(held.record.originDevice, m_world.desktop->id());
    }
    QCOMPARE(atTablet.at(1).record.direction, Direction::Incoming);
    QCOMPARE(m_world.desktop->profile().forwardQueue().count().value_or(-1), 0);
    // Neither was relayed: the server holds only the primary's synchronised copies.
    QCOMPARE(serverHolds(m_site, {sent.id, received.id}), 0);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_Forwarding)
#include "tst_forwarding.moc"

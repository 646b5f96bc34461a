#pragma once

// Two honest clients that keep talking while an attack on the same in-process server runs:
// alice's desktop and bob's pc, real Sessions, contacts of each other. Each suite of
// tests/security asserts with them that the attack cost the others nothing. Header-only.

#include "../client/TestNetwork.h"

#include <QSignalSpy>

namespace huiji {

class HonestPair
{
public:
    std::unique_ptr<TestDevice> alice, bob;
    const QByteArray alicePassword = testPassword("alice");
    const QByteArray bobPassword = testPassword("bob");

    void setUp(TestSite &site)
    {
        alice = site.device(u"alice-desktop"_s, u"alice"_s);
        bob = site.device(u"bob-pc"_s, u"bob"_s);
        QVERIFY(alice->logIn(alicePassword, true));
        QVERIFY(bob->logIn(bobPassword, true));
        makeContacts(*alice, *bob);
        m_aliceStates = std::make_unique<QSignalSpy>(&alice->session(), &Session::stateChanged);
        m_bobStates = std::make_unique<QSignalSpy>(&bob->session(), &Session::stateChanged);
    }
    void tearDown()
    {
        m_aliceStates.reset();
        m_bobStates.reset();
        alice.reset();
        bob.reset();
        m_fromAlice.clear();
        m_fromBob.clear();
    }

    // Neither lost its connection since setUp; each says something to the other, and each store
    // holds everything the other said so far, every message once.
    void stillTalking(const QString &text)
    {
        QVERIFY2(m_aliceStates->isEmpty(), "alice's session lost its connection");
        QVERIFY2(m_bobStates->isEmpty(), "bob's session lost its connection");
        say(*alice, u"bob"_s, text + u" (from alice)"_s, m_fromAlice);
        say(*bob, u"alice"_s, text + u" (from bob)"_s, m_fromBob);
        QTRY_VERIFY_WITH_TIMEOUT(holdsEachOnce(*bob, u"alice"_s, m_fromAlice), networkTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(holdsEachOnce(*alice, u"bob"_s, m_fromBob), networkTimeoutMs);
        QVERIFY(m_aliceStates->isEmpty());
        QVERIFY(m_bobStates->isEmpty());
    }

    // Sends and waits until the server has stored it.
    static void say(TestDevice &from, const QString &to, const QString &text, QList<QUuid> &said)
    {
        QSignalSpy stored(&from.session(), &Session::messageStored);
        auto record = from.session().sendMessage(to, text);
        HUIJI_VERIFY_OK(record);
        said.append(record->id);
        QTRY_VERIFY_WITH_TIMEOUT(std::ranges::any_of(stored, [&](const QList<QVariant> &signal) {
                                     return signal.first().toUuid() == record->id;
                                 }),
                                 networkTimeoutMs);
    }

    // The device's conversation with `contact` has each of these messages exactly once.
    static bool holdsEachOnce(TestDevice &device, const QString &contact, const QList<QUuid> &ids)
    {
        auto page = device.profile().history().older({device.profile().user(), contact, {}}, std::nullopt, 1'000'000);
        if (!page)
            return false;
        QHash<QUuid, int> seen;
        for (const StoredRecord &stored : std::as_const(page->records))
            ++seen[stored.record.id];
        return std::ranges::all_of(ids, [&](const QUuid &id) { return seen.value(id) == 1; });
    }

private:
    std::unique_ptr<QSignalSpy> m_aliceStates, m_bobStates;
    QList<QUuid> m_fromAlice, m_fromBob;
};

} // namespace huiji

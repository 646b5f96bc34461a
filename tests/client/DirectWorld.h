#pragma once

// The setting of the direct-link and forwarding suites (claims 11-12): alice's desktop is her
// storage terminal, her laptop and bob's phone take direct links, and alice and bob are contacts.
// Header-only, shared by tst_directlink and tst_forwarding.

#include "ServerFile.h"
#include "TestNetwork.h"

#include <QSet>

#include <algorithm>

namespace huiji {

class DirectWorld
{
public:
    std::unique_ptr<TestDevice> desktop, laptop, phone;
    const QByteArray alicePassword = testPassword("alice");
    const QByteArray bobPassword = testPassword("bob");

    // Registers both accounts, makes them contacts and the desktop alice's storage terminal.
    // The laptop and the phone take direct links unless told otherwise.
    void setUp(TestSite &site, bool phoneTakesLinks = true)
    {
        desktop = site.device(u"desktop"_s, u"alice"_s);
        laptop = site.device(u"laptop"_s, u"alice"_s);
        phone = site.device(u"phone"_s, u"bob"_s);
        laptop->profile().setDirectLinks(true);
        phone->profile().setDirectLinks(phoneTakesLinks);
        QVERIFY(desktop->logIn(alicePassword, true));
        QVERIFY(phone->logIn(bobPassword, true));
        HUIJI_VERIFY_OK(desktop->ask(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, alicePassword)));
        QTRY_VERIFY_WITH_TIMEOUT(desktop->session().isStorageTerminal(), networkTimeoutMs);
        QVERIFY(laptop->logIn(alicePassword));
        // The laptop owes the new terminal a collection of its (empty) store; let it finish.
        QTRY_VERIFY_WITH_TIMEOUT(!laptop->session().collector().isBusy(), networkTimeoutMs);
        makeContacts(*laptop, *phone);
    }

    // The laptop asks for a link to bob and waits until both sides have it.
    void openLink()
    {
        QSignalSpy opened(&laptop->session().links(), &DirectLinks::linkOpened);
        QSignalSpy failed(&laptop->session().links(), &DirectLinks::linkFailed);
        laptop->session().links().open(u"bob"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty() || !failed.isEmpty(), networkTimeoutMs);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<Error>().message));
        QTRY_VERIFY_WITH_TIMEOUT(phone->session().links().isOpen(u"alice"_s), networkTimeoutMs);
    }

    // Sends on the open link and waits for the other side's ack.
    Record sendDirect(TestDevice &from, const QString &contact, const QString &text)
    {
        QSignalSpy acked(&from.session(), &Session::messageSentDirect);
        auto written = from.session().sendMessage(contact, text);
        if (!written || written->arrival != Arrival::Direct) {
            qWarning("not sent on a link");
            return {};
        }
        if (!QTest::qWaitFor([&] { return !acked.isEmpty(); }, networkTimeoutMs))
            qWarning("no ack on the link");
        return *written;
    }

    // Laptop -> phone twice, phone -> laptop once, all on the link; the records as the laptop has them.
    QList<Record> converse()
    {
        QList<Record> sent;
        sent.append(sendDirect(*laptop, u"bob"_s, u"hello bob"_s));
        sent.append(sendDirect(*phone, u"alice"_s, u"hi alice!"_s));
        sent.append(sendDirect(*laptop, u"bob"_s, u"over the link"_s));
        return sent;
    }
};

// How many of these messages the server's message table holds.
inline qint64 serverHolds(TestSite &site, const QList<QUuid> &ids)
{
    ServerFile file(site.server());
    qint64 held = 0;
    for (const QUuid &id : ids)
        held += file.count(u"SELECT COUNT(*) FROM messages WHERE uid = ?"_s, id.toRfc4122());
    return held;
}

} // namespace huiji

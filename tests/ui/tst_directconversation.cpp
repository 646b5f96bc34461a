// The chat with direct links (claim 11) on real sessions and a real in-process server: alice's
// laptop opens the conversation with bob while both are online, which readies a link to bob's
// phone; what goes over it shows the direct mark on both sides (DirectRole, its tooltip, its
// accessible text), what goes through the server after the link closed does not. screenshots()
// saves the laptop's conversation with both kinds when HUIJI_SCREENSHOTS names a folder.

#include "Screenshots.h"
#include "DirectWorld.h"

#include "client/AccountService.h"
#include "ui/Composer.h"
#include "ui/ConversationModel.h"
#include "ui/ConversationPane.h"
#include "ui/ConversationView.h"

#include <QPlainTextEdit>

namespace huiji {

class tst_DirectConversation : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void openingTheConversationReadiesALink();
    void directAndRelayedMessagesAreMarkedApart();
    void screenshots();

private:
    // Writes in the laptop's composer and sends it as the user does.
    void write(const QString &text);
    static int rowOf(const ConversationModel &model, const QString &body);
    void converseBothWays();

    TestSite m_site;
    DirectWorld m_world;
    std::unique_ptr<AccountService> m_account;
    std::unique_ptr<ConversationPane> m_pane;
    std::unique_ptr<ConversationModel> m_phoneModel;
};

void tst_DirectConversation::init()
{
    QVERIFY(m_site.start());
    m_world.setUp(m_site);
    QTRY_VERIFY_WITH_TIMEOUT(m_world.laptop->session().contacts().size() == 1, networkTimeoutMs);
    m_account = std::make_unique<AccountService>(m_world.laptop->session());
    m_pane = std::make_unique<ConversationPane>(m_world.laptop->session(), *m_account);
    m_pane->resize(520, 560);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    m_phoneModel = std::make_unique<ConversationModel>(m_world.phone->session());
    m_phoneModel->setContact(u"alice"_s);
}

void tst_DirectConversation::cleanup()
{
    m_phoneModel.reset();
    m_pane.reset();
    m_account.reset();
    m_world.phone.reset();
    m_world.laptop.reset();
    m_world.desktop.reset();
    m_site.stop();
}

void tst_DirectConversation::write(const QString &text)
{
    auto *edit = m_pane->composer()->findChild<QPlainTextEdit *>();
    QVERIFY(edit);
    edit->setFocus();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

int tst_DirectConversation::rowOf(const ConversationModel &model, const QString &body)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row).data().toString() == body)
            return row;
    return -1;
}

void tst_DirectConversation::openingTheConversationReadiesALink()
{
    QSignalSpy offered(&m_world.laptop->session().links(), &DirectLinks::linkOpened);
    m_pane->showContact(u"bob"_s, ContactListModel::Kind::Contact, true);
    QTRY_VERIFY_WITH_TIMEOUT(m_world.laptop->session().links().isOpen(u"bob"_s), networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_world.phone->session().links().isOpen(u"alice"_s), networkTimeoutMs);
    // The row changing again (an unread count, the same presence) asks for no second link.
    m_pane->showContact(u"bob"_s, ContactListModel::Kind::Contact, true);
    m_pane->showContact(u"bob"_s, ContactListModel::Kind::Contact, true);
    QCOMPARE(offered.size(), 1);

    // With direct links off nothing is asked for.
    m_world.laptop->session().links().closeAll();
    HUIJI_VERIFY_OK(m_world.laptop->session().setDirectLinks(false));
    m_pane->showContact({}, ContactListModel::Kind::Contact, false);
    m_pane->showContact(u"bob"_s, ContactListModel::Kind::Contact, true);
    QVERIFY(!m_world.laptop->session().links().isOpen(u"bob"_s));
    QCOMPARE(offered.size(), 1);
}

// Laptop → phone on the link, phone → laptop on the link, then the link closes and laptop →
// phone goes through the server.
void tst_DirectConversation::converseBothWays()
{
    m_pane->showContact(u"bob"_s, ContactListModel::Kind::Contact, true);
    QTRY_VERIFY_WITH_TIMEOUT(m_world.laptop->session().links().isOpen(u"bob"_s), networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_world.phone->session().links().isOpen(u"alice"_s), networkTimeoutMs);
    QSignalSpy acked(&m_world.laptop->session(), &Session::messageSentDirect);
    write(u"Straight to your phone"_s);
    QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 1, networkTimeoutMs);
    const Record answer = m_world.sendDirect(*m_world.phone, u"alice"_s, u"Got it, no server involved"_s);
    QCOMPARE(answer.arrival, Arrival::Direct);
    m_phoneModel->addRecords({answer}); // as the phone's chat adds what it sends
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*m_pane->model(), answer.body) >= 0, networkTimeoutMs);
    m_world.laptop->session().links().closeAll();
    QTRY_VERIFY_WITH_TIMEOUT(!m_world.phone->session().links().isOpen(u"alice"_s), networkTimeoutMs);
    QSignalSpy stored(&m_world.laptop->session(), &Session::messageStored);
    write(u"This one goes through the server"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*m_phoneModel, u"This one goes through the server"_s) >= 0, networkTimeoutMs);
}

void tst_DirectConversation::directAndRelayedMessagesAreMarkedApart()
{
    converseBothWays();
    const ConversationModel &laptop = *m_pane->model();
    const QModelIndex sent = laptop.index(rowOf(laptop, u"Straight to your phone"_s));
    const QModelIndex answer = laptop.index(rowOf(laptop, u"Got it, no server involved"_s));
    const QModelIndex relayed = laptop.index(rowOf(laptop, u"This one goes through the server"_s));
    QVERIFY(sent.isValid() && answer.isValid() && relayed.isValid());
    QVERIFY(sent.data(ConversationModel::DirectRole).toBool());
    QCOMPARE(sent.data(ConversationModel::DeliveryStateRole).toInt(),
             static_cast<int>(ConversationModel::DeliveryState::Delivered)); // the link's ack is the phone's
    QVERIFY(sent.data(Qt::ToolTipRole).toString().endsWith(u"Sent directly to bob's device, not through the server"_s));
    QVERIFY(sent.data(Qt::AccessibleTextRole).toString().contains(u"delivered directly"_s));
    QVERIFY(answer.data(ConversationModel::DirectRole).toBool());
    QVERIFY(answer.data(Qt::ToolTipRole).toString().endsWith(u"Came directly from bob's device, not through the server"_s));
    QVERIFY(!relayed.data(ConversationModel::DirectRole).toBool());
    QVERIFY(!relayed.data(Qt::ToolTipRole).toString().contains(u"directly"_s));

    // The phone's side: the link's message marked, the relayed one not.
    const ConversationModel &phone = *m_phoneModel;
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(phone, u"Straight to your phone"_s) >= 0, networkTimeoutMs);
    QVERIFY(phone.index(rowOf(phone, u"Straight to your phone"_s)).data(ConversationModel::DirectRole).toBool());
    QVERIFY(phone.index(rowOf(phone, u"Got it, no server involved"_s)).data(ConversationModel::DirectRole).toBool());
    QVERIFY(!phone.index(rowOf(phone, u"This one goes through the server"_s)).data(ConversationModel::DirectRole).toBool());

    // Read again from the store, as after a restart, the marks are the same.
    ConversationModel reread(m_world.laptop->session());
    reread.setContact(u"bob"_s);
    QVERIFY(reread.index(rowOf(reread, u"Straight to your phone"_s)).data(ConversationModel::DirectRole).toBool());
    QVERIFY(!reread.index(rowOf(reread, u"This one goes through the server"_s)).data(ConversationModel::DirectRole).toBool());
}

void tst_DirectConversation::screenshots()
{
    converseBothWays();
    m_pane->view()->scrollToNewest();
    grabLightAndDark(*m_pane, u"conversation-direct"_s);
}

} // namespace huiji

QTEST_MAIN(huiji::tst_DirectConversation)
#include "tst_directconversation.moc"

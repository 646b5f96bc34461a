// The open conversation when the server refuses a message, on real sessions and a real in-process
// server: alice writes to bob while offline and bob has meanwhile removed her; at her login the
// messages are refused, and the conversation marks them failed with why, says so in the status
// bar and offers Retry (the link under the message, or its context menu), which sends them once
// they are contacts again. A message too long for the server (written offline after it lowered
// its message size) is failed without Retry, which could not help. screenshots() saves the conversation when HUIJI_SCREENSHOTS names a folder.

#include "Screenshots.h"
#include "TestNetwork.h"

#include "client/AccountService.h"
#include "ui/Composer.h"
#include "ui/ConversationModel.h"
#include "ui/ConversationPane.h"
#include "ui/ConversationView.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QPlainTextEdit>

namespace huiji {

namespace {

// The context menu as the menu key opens it: on the current message.
void openMenuByKey(ConversationView *view)
{
    const QPoint at = view->visualRect(view->currentIndex()).center();
    QContextMenuEvent event(QContextMenuEvent::Keyboard, at, view->viewport()->mapToGlobal(at));
    QApplication::sendEvent(view->viewport(), &event);
}

} // namespace

class tst_ConversationPane : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void refusedMessagesAreMarkedAndRetried();
    void tooLongMessageHasNoRetry();
    void screenshots();

private:
    // Pastes into the composer and sends it as the user does.
    void write(const QString &text);
    int rowOf(const QString &body) const;
    ConversationModel::DeliveryState stateOf(const QString &body) const;
    // Two messages written offline to bob, who removes alice meanwhile; refused at her login.
    void refuseTwo();
    // Written offline while the server's message size goes down, refused as too long at her login.
    void refuseTooLong();
    int bobHas(const QString &body);

    static constexpr int maxMessageBytes = 60;
    const QString m_tooLong = QString(maxMessageBytes / 3 + 1, u'长'); // three bytes each in UTF-8
    TestSite m_site;
    std::unique_ptr<TestDevice> m_alice, m_bob;
    std::unique_ptr<AccountService> m_account;
    std::unique_ptr<ConversationPane> m_pane;
    const QByteArray m_alicePassword = testPassword("alice");
    const QByteArray m_bobPassword = testPassword("bob");
};

void tst_ConversationPane::init()
{
    QVERIFY(m_site.start());
    m_alice = m_site.device(u"alice-pc"_s, u"alice"_s);
    m_bob = m_site.device(u"bob-pc"_s, u"bob"_s);
    QVERIFY(m_alice->logIn(m_alicePassword, true));
    QVERIFY(m_bob->logIn(m_bobPassword, true));
    makeContacts(*m_alice, *m_bob);
    m_account = std::make_unique<AccountService>(m_alice->session());
    m_pane = std::make_unique<ConversationPane>(m_alice->session(), *m_account);
    m_pane->resize(520, 560);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    m_pane->showContact(u"bob"_s, ContactListModel::Kind::Contact, true);
}

void tst_ConversationPane::cleanup()
{
    m_pane.reset();
    m_account.reset();
    m_alice.reset();
    m_bob.reset();
    m_site.stop();
}

void tst_ConversationPane::write(const QString &text)
{
    auto *edit = m_pane->composer()->findChild<QPlainTextEdit *>();
    QVERIFY(edit);
    edit->setFocus();
    edit->insertPlainText(text); // pasted: QTest types ASCII only
    QTest::keyClick(edit, Qt::Key_Return);
}

int tst_ConversationPane::rowOf(const QString &body) const
{
    const ConversationModel &model = *m_pane->model();
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row).data().toString() == body)
            return row;
    return -1;
}

ConversationModel::DeliveryState tst_ConversationPane::stateOf(const QString &body) const
{
    const int row = rowOf(body);
    return row < 0 ? ConversationModel::DeliveryState::None
                   : ConversationModel::DeliveryState(m_pane->model()->index(row).data(ConversationModel::DeliveryStateRole).toInt());
}

int tst_ConversationPane::bobHas(const QString &body)
{
    auto page = m_bob->profile().history().older({u"bob"_s, u"alice"_s, {}}, std::nullopt, 100);
    return page ? static_cast<int>(std::ranges::count_if(page->records, [&](const StoredRecord &stored) {
        return stored.record.body == body;
    }))
                : -1;
}

void tst_ConversationPane::refuseTwo()
{
    QVERIFY(m_alice->goOffline());
    HUIJI_VERIFY_OK(m_bob->ask(wire::contactRemove, QCborMap{{u"user"_s, u"alice"_s}}));
    write(u"Are we still friends?"_s);
    write(u"Hello?"_s);
    QCOMPARE(stateOf(u"Are we still friends?"_s), ConversationModel::DeliveryState::Sending);
    QCOMPARE(stateOf(u"Hello?"_s), ConversationModel::DeliveryState::Sending);
    QVERIFY(m_alice->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(u"Are we still friends?"_s), ConversationModel::DeliveryState::Failed, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(u"Hello?"_s), ConversationModel::DeliveryState::Failed, networkTimeoutMs);
}

void tst_ConversationPane::refusedMessagesAreMarkedAndRetried()
{
    QSignalSpy status(m_pane.get(), &ConversationPane::statusMessage);
    refuseTwo();
    // Said in the status bar, once a message, with the server's reason.
    QCOMPARE(status.size(), 2);
    QVERIFY2(status.first().first().toString().contains(u"not your contact"_s), qPrintable(status.first().first().toString()));
    const int first = rowOf(u"Are we still friends?"_s);
    const QModelIndex failed = m_pane->model()->index(first);
    QVERIFY(failed.data(ConversationModel::FailureRole).toString().contains(u"not your contact"_s));
    QVERIFY(failed.data(ConversationModel::CanRetryRole).toBool());
    // Under the message: why, and a Retry link inside the view.
    ConversationView *view = m_pane->view();
    view->scrollToNewest();
    const QRect retry = view->retryArea(first);
    QVERIFY(!retry.isEmpty());
    QVERIFY(view->viewport()->rect().contains(retry));
    QVERIFY(view->visualRect(view->model()->index(first, 0)).contains(retry));

    // Still not contacts: Retry is refused again, and stays on offer.
    QSignalSpy refused(&m_alice->session(), &Session::messageRefused);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, retry.center());
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(u"Are we still friends?"_s), ConversationModel::DeliveryState::Failed, networkTimeoutMs);
    QVERIFY(!view->retryArea(first).isEmpty());

    // Contacts again: the link sends the first, the same message, once.
    makeContacts(*m_bob, *m_alice);
    QSignalSpy stored(&m_alice->session(), &Session::messageStored);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->retryArea(first).center());
    QCOMPARE(stateOf(u"Are we still friends?"_s), ConversationModel::DeliveryState::Sending);
    QVERIFY(view->retryArea(first).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QCOMPARE(stored.first().first().toUuid(), failed.data(ConversationModel::IdRole).toUuid());
    QTRY_COMPARE_WITH_TIMEOUT(bobHas(u"Are we still friends?"_s), 1, networkTimeoutMs);
    QCOMPARE(stateOf(u"Hello?"_s), ConversationModel::DeliveryState::Failed); // the other one waits for its own Retry

    // The second from its context menu, as the menu key opens it on the current message.
    const int second = rowOf(u"Hello?"_s);
    view->setCurrentIndex(view->model()->index(second, 0));
    openMenuByKey(view);
    auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
    QVERIFY(menu);
    QCOMPARE(menu->actions().size(), 1);
    QVERIFY(menu->actions().first()->text().contains(u"Retry"_s));
    menu->actions().first()->trigger();
    menu->close();
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 2, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(bobHas(u"Hello?"_s), 1, networkTimeoutMs);
    QVERIFY(stateOf(u"Hello?"_s) != ConversationModel::DeliveryState::Failed);
    // A message that went has no menu: the view's own (none) is left alone.
    openMenuByKey(view);
    QVERIFY(!QApplication::activePopupWidget());
    HUIJI_VERIFY_OK(m_bob->ask(wire::contacts));
    QCOMPARE(bobHas(u"Are we still friends?"_s), 1);
    QCOMPARE(bobHas(u"Hello?"_s), 1);
    QCOMPARE(m_alice->profile().outbox().count().value_or(-1), 0);
}

void tst_ConversationPane::refuseTooLong()
{
    QVERIFY(m_alice->goOffline());
    m_site.server().stop();
    m_site.server().config().maxMessageBytes = maxMessageBytes;
    QVERIFY(m_site.server().start());
    write(m_tooLong);
    QVERIFY(m_alice->logIn(m_alicePassword));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(m_tooLong), ConversationModel::DeliveryState::Failed, networkTimeoutMs);
}

void tst_ConversationPane::tooLongMessageHasNoRetry()
{
    QSignalSpy refused(&m_alice->session(), &Session::messageRefused);
    refuseTooLong();
    QCOMPARE(refused.first().at(1).value<Error>().code, ErrorCode::InvalidRecord);
    const int row = rowOf(m_tooLong);
    QVERIFY(!m_pane->model()->index(row).data(ConversationModel::FailureRole).toString().isEmpty());
    QVERIFY(!m_pane->model()->index(row).data(ConversationModel::CanRetryRole).toBool());
    QVERIFY(m_pane->view()->retryArea(row).isEmpty());
    // Nor a context menu offering it.
    ConversationView *view = m_pane->view();
    view->setCurrentIndex(view->model()->index(row, 0));
    openMenuByKey(view);
    QVERIFY(!QApplication::activePopupWidget());

    // What fits goes on as ever.
    QSignalSpy stored(&m_alice->session(), &Session::messageStored);
    write(u"shorter"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(bobHas(u"shorter"_s), 1, networkTimeoutMs);
    QCOMPARE(bobHas(m_tooLong), 0);
}

void tst_ConversationPane::screenshots()
{
    refuseTwo();
    refuseTooLong();
    m_pane->view()->scrollToNewest();
    grabLightAndDark(*m_pane, u"conversation-failed"_s);
}

} // namespace huiji

QTEST_MAIN(huiji::tst_ConversationPane)
#include "tst_conversationpane.moc"

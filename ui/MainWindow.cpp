#include "ui/MainWindow.h"

#include "client/Profile.h"
#include "client/Session.h"
#include "ui/AddContactDialog.h"
#include "ui/Composer.h"
#include "ui/ConnectionStatus.h"
#include "ui/ContactListDelegate.h"
#include "ui/ContactListFilter.h"
#include "ui/ContactListModel.h"
#include "ui/ConversationPane.h"
#include "ui/ConversationView.h"
#include "ui/TerminalOfferBar.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace huiji {

namespace {

constexpr int statusMessageMs = 10'000;

} // namespace

MainWindow::MainWindow(Session &session, AccountService &account, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_account(account), m_contacts(new ContactListModel(session, this)),
      m_filter(new ContactListFilter(this)), m_filterBox(new QLineEdit), m_addContact(new QToolButton),
      m_contactList(new QListView), m_pane(new ConversationPane(session, account)),
      m_status(new ConnectionStatus(session)), m_offer(new TerminalOfferBar(session, account))
{
    setWindowTitle(tr("Huiji — %1").arg(session.profile().user()));
    m_filter->setSourceModel(m_contacts);

    m_filterBox->setPlaceholderText(tr("Filter contacts"));
    m_filterBox->setAccessibleName(tr("Filter contacts"));
    m_filterBox->setClearButtonEnabled(true);
    m_addContact->setText(tr("Add…"));
    m_addContact->setToolTip(tr("Add a contact"));
    m_addContact->setAccessibleName(tr("Add contact"));
    m_addContact->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_contactList->setModel(m_filter);
    m_contactList->setItemDelegate(new ContactListDelegate(m_contactList));
    m_contactList->setUniformItemSizes(true);
    m_contactList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_contactList->setFrameShape(QFrame::NoFrame);
    m_contactList->setAccessibleName(tr("Contacts"));

    auto *left = new QWidget;
    auto *search = new QHBoxLayout;
    search->setContentsMargins(8, 8, 8, 4);
    search->addWidget(m_filterBox, 1);
    search->addWidget(m_addContact);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    leftLayout->addLayout(search);
    leftLayout->addWidget(m_contactList, 1);

    auto *splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(m_pane);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({290, 690});
    auto *central = new QWidget;
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_offer);
    centralLayout->addWidget(splitter, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_status);
    createMenus();
    resize(980, 660);

    setTabOrder(m_filterBox, m_addContact);
    setTabOrder(m_addContact, m_contactList);
    setTabOrder(m_contactList, m_pane->view());
    setTabOrder(m_pane->view(), m_pane->composer()->editor());

    connect(m_filterBox, &QLineEdit::textChanged, m_filter, &ContactListFilter::setFilterText);
    connect(m_filterBox, &QLineEdit::returnPressed, this, [this] {
        if (m_filter->rowCount() == 0)
            return;
        m_contactList->setCurrentIndex(m_filter->index(0, 0));
        m_contactList->setFocus();
    });
    connect(m_addContact, &QToolButton::clicked, this, &MainWindow::addContact);
    connect(m_contactList->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        // A row the filter hides leaves its conversation open.
        if (!current.isValid())
            return;
        showCurrent();
        m_contacts->markRead(current.data(ContactListModel::UserRole).toString());
    });
    connect(m_filter, &QAbstractItemModel::dataChanged, this, &MainWindow::onContactChanged);
    connect(m_contacts, &ContactListModel::unreadTotalChanged, this, &MainWindow::unreadTotalChanged);
    connect(m_pane, &ConversationPane::recordsWritten, m_contacts, &ContactListModel::addRecords);
    connect(m_pane, &ConversationPane::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, statusMessageMs); });
    connect(m_contacts, &ContactListModel::failed, this, [this](const Error &error) {
        statusBar()->showMessage(tr("The history could not be read: %1").arg(error.message), statusMessageMs);
    });
}

void MainWindow::createMenus()
{
    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    QAction *add = chat->addAction(tr("&Add Contact…"));
    add->setShortcut(QKeySequence::New);
    connect(add, &QAction::triggered, this, &MainWindow::addContact);
    QAction *find = chat->addAction(tr("&Find Contact"));
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_filterBox->setFocus();
        m_filterBox->selectAll();
    });
    chat->addSeparator();
    QAction *history = chat->addAction(tr("&History…"));
    history->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(history, &QAction::triggered, this, &MainWindow::historyRequested);
    QAction *settings = chat->addAction(tr("&Settings…"));
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    connect(settings, &QAction::triggered, this, &MainWindow::settingsRequested);
}

int MainWindow::unreadTotal() const
{
    return m_contacts->unreadTotal();
}

void MainWindow::openConversation(const QString &user)
{
    const int row = m_contacts->rowOf(user);
    if (row < 0)
        return;
    if (!m_filter->mapFromSource(m_contacts->index(row)).isValid())
        m_filterBox->clear();
    m_contactList->setCurrentIndex(m_filter->mapFromSource(m_contacts->index(row)));
}

void MainWindow::addContact()
{
    auto *dialog = new AddContactDialog(m_account, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddContactDialog::contactAdded, this, [this](const QString &user, wire::ContactState state) {
        statusBar()->showMessage(state == wire::ContactState::Accepted ? tr("%1 is now a contact.").arg(user)
                                                                         : tr("Request sent to %1.").arg(user),
                                 statusMessageMs);
    });
    dialog->open();
}

void MainWindow::showCurrent()
{
    const QModelIndex current = m_contactList->currentIndex();
    if (!current.isValid())
        return;
    m_pane->showContact(current.data(ContactListModel::UserRole).toString(),
                        static_cast<ContactListModel::Kind>(current.data(ContactListModel::KindRole).toInt()),
                        current.data(ContactListModel::OnlineRole).toBool());
}

void MainWindow::onContactChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    const QModelIndex current = m_contactList->currentIndex();
    if (!current.isValid() || current.row() < topLeft.row() || current.row() > bottomRight.row())
        return;
    showCurrent();
    // After the proxy has finished with this change: marking read changes the row again.
    QTimer::singleShot(0, this, &MainWindow::markOpenConversationRead);
}

void MainWindow::markOpenConversationRead()
{
    // What arrives in the open conversation is read only while someone can see it.
    const QString user = m_pane->contact();
    if (!isActiveWindow() || user.isEmpty())
        return;
    const int row = m_contacts->rowOf(user);
    if (row >= 0 && m_contacts->index(row).data(ContactListModel::UnreadRole).toInt() > 0)
        m_contacts->markRead(user);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        markOpenConversationRead();
}

} // namespace huiji

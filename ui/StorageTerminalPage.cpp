#include "ui/StorageTerminalPage.h"

#include "ui/DeviceTableModel.h"
#include "ui/ReauthDialog.h"
#include "ui/SettingsPage.h"
#include "ui/UsageChart.h"

#include "client/AccountService.h"
#include "client/Profile.h"
#include "client/Session.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int defaultWindowDays = 30; // DESIGN.md, Storage-terminal choice

} // namespace

StorageTerminalPage::StorageTerminalPage(Session &session, AccountService &account, QWidget *parent)
    : QWidget(parent), m_session(session), m_account(account),
      m_model(new DeviceTableModel(session.profile().device().id, this)),
      m_explanation(SettingsPage::wrappingLabel(this)), m_current(SettingsPage::wrappingLabel(this)), m_sortLabel(new QLabel(this)), m_sort(new QComboBox(this)),
      m_windowLabel(new QLabel(this)), m_window(new QComboBox(this)), m_table(new QTableView(this)),
      m_chart(new UsageChart(this)), m_makeThis(new QPushButton(this)), m_makeSelected(new QPushButton(this)),
      m_addSecondary(new QPushButton(this)), m_removeTerminal(new QPushButton(this)),
      m_clear(new QPushButton(this)), m_rename(new QPushButton(this)), m_collect(new QPushButton(this)),
      m_statusIcon(new QLabel(this)),
      m_status(SettingsPage::wrappingLabel(this)), m_connection(SettingsPage::wrappingLabel(this))
{
    // Names for tests and accessibility tools to find the parts by.
    m_current->setObjectName(u"currentTerminal"_s);
    m_sort->setObjectName(u"sortOrder"_s);
    m_window->setObjectName(u"usageWindow"_s);
    m_table->setObjectName(u"deviceTable"_s);
    m_chart->setObjectName(u"usageChart"_s);
    m_makeThis->setObjectName(u"makeThisTerminal"_s);
    m_makeSelected->setObjectName(u"makeSelectedTerminal"_s);
    m_addSecondary->setObjectName(u"addSecondaryTerminal"_s);
    m_removeTerminal->setObjectName(u"removeTerminal"_s);
    m_clear->setObjectName(u"clearTerminal"_s);
    m_rename->setObjectName(u"renameDevice"_s);
    m_collect->setObjectName(u"collectNow"_s);
    m_status->setObjectName(u"answer"_s);
    m_statusIcon->setObjectName(u"answerIcon"_s);
    m_connection->setObjectName(u"connectionNotice"_s);

    QFont bold = m_current->font();
    bold.setBold(true);
    m_current->setFont(bold);
    m_sortLabel->setBuddy(m_sort);
    m_windowLabel->setBuddy(m_window);
    m_sort->addItem(QString(), QVariant::fromValue(wire::DeviceOrder::Frequency));
    m_sort->addItem(QString(), QVariant::fromValue(wire::DeviceOrder::Recency));
    for (const int days : {7, 30, 90})
        m_window->addItem(QString(), days);
    m_window->setCurrentIndex(m_window->findData(defaultWindowDays));

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves the table for the buttons
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // The header sizes ResizeToContents columns when rows come, not when their text changes (a
    // device going online, a new role), so the columns follow the model here instead. Every
    // column keeps its text, names first; a narrow window scrolls rather than cut a name to "…".
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &StorageTerminalPage::fitColumns);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &StorageTerminalPage::fitColumns);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StorageTerminalPage::fitColumns);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &StorageTerminalPage::fitColumns);
    m_table->horizontalHeader()->setHighlightSections(false);

    auto *sorting = new QHBoxLayout;
    sorting->addWidget(m_sortLabel);
    sorting->addWidget(m_sort);
    sorting->addSpacing(fontMetrics().averageCharWidth() * 2);
    sorting->addWidget(m_windowLabel);
    sorting->addWidget(m_window);
    sorting->addStretch();
    auto *devices = new QHBoxLayout;
    devices->addWidget(m_table, 5);
    devices->addWidget(m_chart, 2);
    auto *choose = new QHBoxLayout;
    choose->addWidget(m_makeThis);
    choose->addWidget(m_makeSelected);
    choose->addStretch();
    auto *roles = new QHBoxLayout;
    roles->addWidget(m_addSecondary);
    roles->addWidget(m_removeTerminal);
    roles->addStretch();
    auto *other = new QHBoxLayout;
    other->addWidget(m_clear);
    other->addWidget(m_rename);
    other->addStretch();
    other->addWidget(m_collect);
    auto *status = new QHBoxLayout;
    status->addWidget(m_statusIcon, 0, Qt::AlignTop);
    status->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addWidget(m_current);
    layout->addLayout(sorting);
    layout->addLayout(devices, 1);
    layout->addLayout(choose);
    layout->addLayout(roles);
    layout->addLayout(other);
    layout->addLayout(status);
    layout->addWidget(m_connection);
    m_statusIcon->hide();

    connect(m_sort, &QComboBox::currentIndexChanged, this, &StorageTerminalPage::refresh);
    connect(m_window, &QComboBox::currentIndexChanged, this, &StorageTerminalPage::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateChart();
        updateActions();
    });
    connect(m_makeThis, &QPushButton::clicked, this, [this] { setTerminal(m_model->thisDeviceId()); });
    connect(m_makeSelected, &QPushButton::clicked, this, [this] { setTerminal(selectedDeviceId()); });
    connect(m_addSecondary, &QPushButton::clicked, this, [this] { addSecondary(selectedDeviceId()); });
    connect(m_removeTerminal, &QPushButton::clicked, this, [this] { removeTerminal(selectedDeviceId()); });
    connect(m_clear, &QPushButton::clicked, this, &StorageTerminalPage::clearTerminal);
    connect(m_rename, &QPushButton::clicked, this, &StorageTerminalPage::askForName);
    connect(m_collect, &QPushButton::clicked, this, &StorageTerminalPage::collectNow);
    connect(&session.collector(), &Collector::reported, this, &StorageTerminalPage::showCollected);
    connect(&session, &Session::stateChanged, this, [this](Session::State state) {
        updateConnectionNotice();
        updateActions();
        if (state == Session::State::Online)
            refresh();
    });
    connect(&session, &Session::terminalChanged, this, [this] {
        updateCurrentTerminal();
        updateActions();
        refresh();
    });
    // Roles change on every device at once with the push; the listing that follows agrees.
    connect(&session, &Session::terminalsChanged, this, [this] {
        m_model->setRoles(m_session.terminals());
        updateCurrentTerminal();
        updateActions();
    });

    retranslate();
    updateActions();
    refresh();
}

void StorageTerminalPage::retranslate()
{
    m_explanation->setText(
        tr("The storage terminal is the device that keeps your complete history. What your other devices send "
           "and receive waits on the server until the storage terminal logs in, and is then merged into its history. "
           "Secondary terminals keep a copy of the merged history, sent to them by the storage terminal."));
    m_sortLabel->setText(tr("&Sort by:"));
    m_sort->setItemText(0, tr("Most used"));
    m_sort->setItemText(1, tr("Most recently used"));
    m_sort->setAccessibleName(tr("Sort devices by"));
    m_windowLabel->setText(tr("&Count uses over:"));
    for (int item = 0; item < m_window->count(); ++item)
        m_window->setItemText(item, tr("Last %1 days").arg(m_window->itemData(item).toInt()));
    m_window->setAccessibleName(tr("Count uses over"));
    m_table->setAccessibleName(tr("Devices of this account"));
    m_makeThis->setText(tr("Make &this machine the storage terminal"));
    m_makeSelected->setText(tr("Make the s&elected device the storage terminal"));
    m_makeSelected->setToolTip(tr("A secondary terminal made the storage terminal is promoted: it becomes the primary"));
    m_addSecondary->setText(tr("&Add the selected device as a secondary terminal"));
    m_addSecondary->setToolTip(tr("A secondary terminal receives the merged history from the primary and keeps a "
                                  "full copy of it"));
    m_removeTerminal->setText(tr("Re&move the selected device as a terminal"));
    m_removeTerminal->setToolTip(tr("Nothing is lost: what is waiting for a terminal stays on the server until one "
                                    "has it"));
    m_clear->setText(tr("C&lear all storage terminals…"));
    m_clear->setAccessibleName(tr("Clear all storage terminals"));
    m_clear->setToolTip(tr("No device is a storage terminal any more, primary or secondary; what waits for one stays "
                           "on the server"));
    m_rename->setText(tr("&Rename this device…"));
    m_collect->setText(tr("Collect &now"));
    m_collect->setToolTip(tr("Ask your other online devices for the records they keep, including history from "
                             "before this machine was the storage terminal"));
    m_model->retranslate();
    updateCurrentTerminal();
    updateConnectionNotice();
}

void StorageTerminalPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

bool StorageTerminalPage::isOnline() const
{
    return m_session.state() == Session::State::Online;
}

wire::DeviceOrder StorageTerminalPage::order() const
{
    return m_sort->currentData().value<wire::DeviceOrder>();
}

int StorageTerminalPage::windowDays() const
{
    return m_window->currentData().toInt();
}

QString StorageTerminalPage::selectedDeviceId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(DeviceTableModel::DeviceIdRole).toString();
}

QString StorageTerminalPage::nameOf(const QString &deviceId) const
{
    const int row = m_model->rowOf(deviceId);
    return row < 0 ? QString() : m_model->devices().at(row).info.name;
}

void StorageTerminalPage::begin()
{
    ++m_inFlight;
    updateActions();
}

void StorageTerminalPage::finish()
{
    --m_inFlight;
    updateActions();
}

void StorageTerminalPage::refresh()
{
    updateConnectionNotice();
    if (!isOnline())
        return; // the list stays as the server last gave it; stateChanged lists again
    const quint64 listing = ++m_listing;
    const int window = windowDays();
    begin();
    m_account.devices(order(), window, [guard = QPointer(this), listing, window](Result<QList<wire::DeviceEntry>> listed) {
        // Checked once into a raw pointer: the page cannot go away while this runs, and the
        // compiler then knows it is not null.
        StorageTerminalPage *self = guard.data();
        if (!self)
            return;
        if (listing == self->m_listing) {
            if (listed) {
                self->m_model->setDevices(*listed, window);
                self->m_model->setRoles(self->m_session.terminals());
            } else
                self->showAnswer(tr("The device list could not be loaded: %1").arg(listed.error().message), true);
            self->updateCurrentTerminal();
            self->updateChart();
        }
        self->finish();
    });
}

void StorageTerminalPage::updateActions()
{
    const bool ready = isOnline() && !isBusy();
    const std::optional<QString> terminal = m_session.terminalDevice();
    const QString selected = selectedDeviceId();
    m_makeThis->setEnabled(ready && terminal != m_model->thisDeviceId());
    m_makeSelected->setEnabled(ready && !selected.isEmpty() && terminal != selected);
    const wire::TerminalRole selectedRole = roleOf(selected);
    m_addSecondary->setEnabled(ready && !selected.isEmpty() && selectedRole != wire::TerminalRole::Secondary);
    m_removeTerminal->setEnabled(ready && !selected.isEmpty() && selectedRole != wire::TerminalRole::None);
    m_clear->setEnabled(ready && terminal.has_value());
    // Renaming works offline too: the server learns the name at the next login.
    m_rename->setEnabled(!isBusy());
    m_collect->setVisible(m_session.isStorageTerminal());
    m_collect->setEnabled(ready && m_session.isStorageTerminal());
}

void StorageTerminalPage::fitColumns()
{
    for (int column = 0; column < DeviceTableModel::ColumnCount; ++column)
        m_table->resizeColumnToContents(column);
}

void StorageTerminalPage::updateChart()
{
    const QString selected = selectedDeviceId();
    const int row = m_model->rowOf(selected);
    m_chart->setDevices(row < 0 ? m_model->devices() : QList{m_model->devices().at(row)});
}

void StorageTerminalPage::updateCurrentTerminal()
{
    const std::optional<QString> terminal = m_session.terminalDevice();
    if (!terminal)
        m_current->setText(tr("No device is the storage terminal."));
    else if (*terminal == m_model->thisDeviceId())
        m_current->setText(tr("This machine is the storage terminal."));
    else if (const QString name = nameOf(*terminal); !name.isEmpty())
        m_current->setText(tr("The storage terminal is %1.").arg(name));
    else
        m_current->setText(tr("Another device is the storage terminal."));
    QStringList secondaries;
    for (const wire::TerminalEntry &entry : m_session.terminals()) {
        if (entry.role != wire::TerminalRole::Secondary)
            continue;
        const QString name = entry.device == m_model->thisDeviceId() ? tr("this machine") : nameOf(entry.device);
        secondaries.append(name.isEmpty() ? tr("another device") : name);
    }
    if (!secondaries.isEmpty())
        m_current->setText(m_current->text() + u' '
                           + tr("Secondary terminals: %1.").arg(QLocale().createSeparatedList(secondaries)));
    if (m_session.serverArchives())
        m_current->setText(m_current->text() + u' ' + tr("The server keeps an archive too."));
}

wire::TerminalRole StorageTerminalPage::roleOf(const QString &deviceId) const
{
    for (const wire::TerminalEntry &entry : m_session.terminals())
        if (entry.device == deviceId)
            return entry.role;
    return wire::TerminalRole::None;
}

void StorageTerminalPage::updateConnectionNotice()
{
    m_connection->setVisible(!isOnline());
    if (m_model->rowCount() == 0)
        m_connection->setText(tr("Offline. Your devices are listed here once Huiji is connected to the server."));
    else
        m_connection->setText(tr("Offline. The list is as the server last gave it; the storage terminal can be "
                                 "changed once Huiji is connected again."));
}

void StorageTerminalPage::showAnswer(const QString &text, bool isError)
{
    const int side = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    const QIcon icon = style()->standardIcon(isError ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation,
                                             nullptr, this);
    m_statusIcon->setPixmap(icon.pixmap(QSize(side, side), devicePixelRatioF()));
    m_statusIcon->show();
    m_status->setText(text);
    m_status->setAccessibleDescription(isError ? tr("Error") : QString());
}

void StorageTerminalPage::setTerminal(const QString &deviceId)
{
    const bool mine = deviceId == m_model->thisDeviceId();
    changeTerminals(std::bind_front(&AccountService::setTerminal, &m_account), deviceId,
                    mine ? tr("make this machine the storage terminal")
                         : tr("make %1 the storage terminal").arg(nameOf(deviceId)),
                    mine ? tr("This machine is now the storage terminal.")
                         : tr("%1 is now the storage terminal.").arg(nameOf(deviceId)));
}

void StorageTerminalPage::addSecondary(const QString &deviceId)
{
    const bool mine = deviceId == m_model->thisDeviceId();
    const QString name = mine ? tr("This machine") : nameOf(deviceId);
    changeTerminals(std::bind_front(&AccountService::addSecondaryTerminal, &m_account), deviceId,
                    tr("make %1 a secondary storage terminal").arg(mine ? tr("this machine") : nameOf(deviceId)),
                    tr("%1 is now a secondary storage terminal.").arg(name));
}

void StorageTerminalPage::removeTerminal(const QString &deviceId)
{
    const bool mine = deviceId == m_model->thisDeviceId();
    const QString name = mine ? tr("This machine") : nameOf(deviceId);
    changeTerminals(std::bind_front(&AccountService::removeTerminal, &m_account), deviceId,
                    tr("remove %1 as a storage terminal").arg(mine ? tr("this machine") : nameOf(deviceId)),
                    tr("%1 is no longer a storage terminal; nothing it was due is lost.").arg(name));
}

void StorageTerminalPage::changeTerminals(Change change, const QString &deviceId, const QString &action,
                                          const QString &doneText)
{
    if (deviceId.isEmpty())
        return;
    ReauthDialog::ask(this, action, [this, change = std::move(change), deviceId, doneText](const QByteArray &password) {
        begin();
        change(deviceId, password, [guard = QPointer(this), doneText](Result<void> done) {
            StorageTerminalPage *self = guard.data();
            if (!self)
                return;
            if (!done)
                self->showAnswer(tr("The storage terminal was not changed: %1").arg(SettingsPage::refusal(done.error())), true);
            else
                self->showAnswer(doneText, false);
            self->finish();
            if (done)
                self->refresh();
        });
    });
}

void StorageTerminalPage::clearTerminal()
{
    ReauthDialog::ask(this, tr("clear the storage terminals"), [this](const QByteArray &password) {
        begin();
        m_account.clearTerminal(password, [guard = QPointer(this)](Result<void> done) {
            StorageTerminalPage *self = guard.data();
            if (!self)
                return;
            if (!done)
                self->showAnswer(tr("The storage terminal was not cleared: %1").arg(SettingsPage::refusal(done.error())), true);
            else
                self->showAnswer(tr("No device is the storage terminal now."), false);
            self->finish();
            if (done)
                self->refresh();
        });
    });
}

void StorageTerminalPage::askForName()
{
    if (!m_renameDialog) {
        m_renameDialog = new QInputDialog(this);
        m_renameDialog->setObjectName(u"renameDialog"_s);
        connect(m_renameDialog, &QInputDialog::textValueSelected, this, &StorageTerminalPage::rename);
    }
    m_renameDialog->setWindowTitle(tr("Rename this device"));
    m_renameDialog->setLabelText(tr("The name your other devices and the merged history show for this machine:"));
    m_renameDialog->setTextValue(m_session.profile().device().name);
    m_renameDialog->open();
}

void StorageTerminalPage::rename(const QString &name)
{
    begin();
    m_account.renameThisDevice(name, [guard = QPointer(this)](Result<void> done) {
        StorageTerminalPage *self = guard.data();
        if (!self)
            return;
        if (!done) {
            self->showAnswer(tr("This machine was not renamed: %1").arg(done.error().message), true);
            self->finish();
            return;
        }
        // The profile has the new name at once; the list follows before the server has it.
        const QString newName = self->m_session.profile().device().name;
        self->m_model->renameDevice(self->m_model->thisDeviceId(), newName);
        self->updateChart();
        self->showAnswer(self->isOnline() ? tr("This machine is now called “%1”.").arg(newName)
                                          : tr("This machine is now called “%1”. The server learns the new name "
                                               "when Huiji connects again.").arg(newName),
                         false);
        self->finish();
        self->refresh();
    });
}

void StorageTerminalPage::collectNow()
{
    m_collectAsked = true;
    begin();
    m_account.collectNow([guard = QPointer(this)](Result<qint64> asked) {
        StorageTerminalPage *self = guard.data();
        if (!self)
            return;
        if (!asked)
            self->showAnswer(tr("Your devices were not asked for their records: %1").arg(asked.error().message), true);
        else if (*asked == 0)
            self->showAnswer(tr("None of your other devices is online. Each one hands over its records the next time "
                                "it connects."),
                             false);
        else
            self->showAnswer(tr("Asked %n device(s) for the records they keep.", nullptr, static_cast<int>(*asked)),
                             false);
        self->finish();
    });
}

// The server's totals for one device's handover; it reports after every batch, so the text
// follows along until the device is done.
void StorageTerminalPage::showCollected(const QString &deviceId, const wire::CollectionCounts &total, bool complete)
{
    // A device with nothing to hand over, asked because this machine was just chosen, would only
    // hide the answer to that choice; after "Collect now" the user wants to hear from each.
    if (total.received == 0 && !m_collectAsked)
        return;
    QString device = nameOf(deviceId);
    if (device.isEmpty())
        device = tr("another device");
    const auto received = static_cast<int>(total.received);
    const QString counts = tr("%1 new, %2 already here").arg(QLocale().toString(total.added),
                                                             QLocale().toString(total.duplicates));
    QString text = complete ? tr("%1 handed over %Ln record(s): %2.", nullptr, received).arg(device, counts)
                            : tr("%1 is handing over its records: %Ln so far, %2.", nullptr, received).arg(device, counts);
    if (total.refused > 0)
        text += u' ' + tr("%Ln could not be taken.", nullptr, static_cast<int>(total.refused));
    showAnswer(text, false);
}

} // namespace huiji

#include "ui/HistoryViewer.h"

#include "ui/HistoryConversationModel.h"
#include "ui/HistoryDeviceFilter.h"
#include "ui/HistoryDeviceLanes.h"
#include "ui/HistoryExportMenu.h"
#include "ui/HistoryRecordDelegate.h"
#include "ui/HistorySearchPanel.h"
#include "ui/HistoryTimelineModel.h"
#include "ui/TimelineListView.h"

#include "client/Profile.h"
#include "store/Position.h"

#include <QAction>
#include <QCalendarWidget>
#include <QDateEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>

namespace huiji {

HistoryViewer::HistoryViewer(Profile &profile, QWidget *parent)
    : QMainWindow(parent), m_profile(profile), m_store(profile.history()),
      m_conversations(new HistoryConversationModel(m_store, this)), m_conversationList(new QListView),
      m_search(new HistorySearchPanel(m_store, m_conversationList))
{
    setWindowTitle(tr("History — Huiji"));
    m_conversationList->setModel(m_conversations);
    m_conversationList->setUniformItemSizes(true);
    m_conversationList->setAccessibleName(tr("Conversations"));

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_search);
    splitter->addWidget(buildTimelinePane());
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({fontMetrics().averageCharWidth() * 44, fontMetrics().averageCharWidth() * 140});
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);
    buildMenus();

    connect(m_conversationList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &HistoryViewer::conversationChosen);
    connect(m_search, &HistorySearchPanel::hitChosen, this, &HistoryViewer::jumpToHit);
    connect(m_search, &HistorySearchPanel::hitActivated, this, [this](const SearchHit &hit) {
        jumpToHit(hit);
        focusTimeline();
    });
    connect(m_search, &HistorySearchPanel::searchingChanged, this, [this] { markSearchTerms(); });
    connect(m_search, &HistorySearchPanel::loadFailed, this, &HistoryViewer::report);
    connect(m_timeline, &TimelineListView::loadFailed, this, &HistoryViewer::report);
    connect(m_lanes, &HistoryDeviceLanes::loadFailed, this, &HistoryViewer::report);

    setTabOrder(m_search->searchBox(), m_search->scopeBox());
    setTabOrder(m_search->scopeBox(), m_conversationList);
    setTabOrder(m_conversationList, m_deviceFilter);

    reload();
    if (m_contact.isEmpty() && m_conversations->rowCount() > 0)
        m_conversationList->setCurrentIndex(m_conversations->index(0));
    resize(fontMetrics().averageCharWidth() * 184, fontMetrics().height() * 46);
}

QWidget *HistoryViewer::buildTimelinePane()
{
    auto *pane = new QWidget;
    m_title = new QLabel(pane);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_deviceFilter = new HistoryDeviceFilter(pane);
    auto *filterLabel = new QLabel(tr("&Devices:"), pane);
    filterLabel->setBuddy(m_deviceFilter);

    m_groupAction = new QAction(tr("&Group by device"), this);
    m_groupAction->setCheckable(true);
    m_groupAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_G);
    m_groupAction->setToolTip(tr("Show each device's records side by side"));
    auto *groupButton = new QToolButton(pane);
    groupButton->setDefaultAction(m_groupAction);
    groupButton->setAccessibleName(tr("Group by device"));

    m_dateEdit = new QDateEdit(pane);
    m_dateEdit->setCalendarPopup(true);
    // The day as the headings write it ("December 6, 2026", "2026年12月6日"), not the short
    // numeric form ("12/6/26") that reads differently in every locale; the weekday is for the
    // headings only, a date edit does not edit it.
    m_dateEdit->setDisplayFormat(
        QLocale().dateFormat(QLocale::LongFormat).remove(QRegularExpression(QStringLiteral(u"d{4}[,，]?\\s*"))).trimmed());
    m_dateEdit->setAccessibleName(tr("Date to go to"));
    auto *goButton = new QPushButton(tr("Go &to date"), pane);
    goButton->setAccessibleName(tr("Go to date"));

    m_exportMenu = new HistoryExportMenu(m_store, this);
    connect(m_exportMenu, &HistoryExportMenu::exported, this, [this](const QString &message) {
        statusBar()->showMessage(message);
    });
    m_exportButton = new QToolButton(pane);
    m_exportButton->setText(tr("&Export"));
    m_exportButton->setAccessibleName(tr("Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setMenu(m_exportMenu);

    m_timeline = new TimelineListView(new HistoryTimelineModel(m_store, this), pane);
    m_timeline->setAccessibleName(tr("Timeline"));
    m_lanes = new HistoryDeviceLanes(m_store, pane);
    m_views = new QStackedWidget(pane);
    m_views->addWidget(m_timeline);
    m_views->addWidget(m_lanes);

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_exportButton);
    m_controls = new QWidget(pane);
    auto *controls = new QHBoxLayout(m_controls);
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(filterLabel);
    controls->addWidget(m_deviceFilter);
    controls->addWidget(groupButton);
    controls->addStretch();
    controls->addWidget(m_dateEdit);
    controls->addWidget(goButton);
    auto *layout = new QVBoxLayout(pane);
    const int margin = fontMetrics().height() / 2;
    layout->setContentsMargins(0, margin, margin, 0);
    layout->addLayout(titleRow);
    layout->addWidget(m_controls);
    layout->addWidget(m_views, 1);
    setTabOrder(m_deviceFilter, groupButton);
    setTabOrder(groupButton, m_dateEdit);
    setTabOrder(m_dateEdit, goButton);
    setTabOrder(goButton, m_exportButton);
    setTabOrder(m_exportButton, m_timeline);

    connect(m_deviceFilter, &QComboBox::currentIndexChanged, this, [this] { showTimeline(currentPosition()); });
    connect(m_groupAction, &QAction::toggled, this, [this] {
        const QString device = currentIndexData(HistoryTimelineModel::DeviceIdRole).toString();
        showTimeline(currentPosition(), device);
    });
    connect(goButton, &QPushButton::clicked, this, [this] { jumpToDate(m_dateEdit->date()); });
    // Enter in the box jumps; leaving it does not (both end the editing).
    connect(m_dateEdit, &QDateEdit::editingFinished, this, [this] {
        if (m_dateEdit->hasFocus())
            jumpToDate(m_dateEdit->date());
    });
    connect(m_dateEdit->calendarWidget(), &QCalendarWidget::clicked, this, &HistoryViewer::jumpToDate);
    return pane;
}

void HistoryViewer::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addMenu(m_exportMenu->conversationMenu());
    file->addMenu(m_exportMenu->everythingMenu());
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Find"), QKeySequence::Find, this, [this] {
        m_search->searchBox()->setFocus();
        m_search->searchBox()->selectAll();
    });
    view->addAction(tr("Go to &date"), Qt::CTRL | Qt::Key_G, this, [this] { m_dateEdit->setFocus(); });
    view->addAction(m_groupAction);
    view->addSeparator();
    view->addAction(tr("&Reload"), QKeySequence::Refresh, this, &HistoryViewer::reload);
}

void HistoryViewer::reload()
{
    if (auto loaded = m_conversations->reload(); !loaded)
        report(loaded.error());
    auto devices = m_store.devices();
    if (devices)
        m_devices = std::move(*devices);
    else
        report(devices.error());
    m_deviceFilter->setDevices(m_devices, m_profile.device());
    const int row = m_conversations->rowOf(m_account, m_contact);
    if (row < 0) {
        setConversation({}, {});
        showTimeline();
        return;
    }
    // Back on the same conversation, where the user was (or at the newest, which has grown).
    m_jumping = true;
    m_conversationList->setCurrentIndex(m_conversations->index(row));
    m_jumping = false;
    updateDateRange();
    showTimeline(currentPosition());
}

void HistoryViewer::conversationChosen(const QModelIndex &index)
{
    if (m_jumping || !index.isValid())
        return;
    setConversation(index.data(HistoryConversationModel::AccountRole).toString(),
                    index.data(HistoryConversationModel::ContactRole).toString());
    showTimeline();
}

void HistoryViewer::setConversation(const QString &account, const QString &contact)
{
    m_account = account;
    m_contact = contact;
    m_search->setConversation(account, contact);
    m_title->setText(contact.isEmpty() ? tr("History") : contact);
    m_exportMenu->setConversation(account, contact);
    // Filters, grouping and dates are about a conversation; there is nothing to apply them to.
    m_controls->setEnabled(!contact.isEmpty());
    m_groupAction->setEnabled(!contact.isEmpty());
    updateDateRange();
}

void HistoryViewer::openConversation(const QString &account, const QString &contact)
{
    const int row = m_conversations->rowOf(account, contact);
    if (row < 0)
        return;
    const QModelIndex index = m_conversations->index(row);
    if (m_conversationList->currentIndex() == index)
        conversationChosen(index);
    else
        m_conversationList->setCurrentIndex(index);
}

void HistoryViewer::setDeviceFilter(const QString &deviceId)
{
    m_deviceFilter->setDeviceId(deviceId);
}

void HistoryViewer::setGroupedByDevice(bool grouped)
{
    m_groupAction->setChecked(grouped);
}

void HistoryViewer::jumpToDate(QDate date)
{
    if (m_contact.isEmpty() || !date.isValid())
        return;
    showTimeline(position::atTime(date.startOfDay().toMSecsSinceEpoch()));
}

void HistoryViewer::jumpToHit(const SearchHit &hit)
{
    const Record &record = hit.stored.record;
    if (record.account != m_account || record.contact != m_contact) {
        const int row = m_conversations->rowOf(record.account, record.contact);
        if (row < 0)
            return;
        m_jumping = true;
        m_conversationList->setCurrentIndex(m_conversations->index(row));
        m_jumping = false;
        setConversation(record.account, record.contact);
    }
    // A filter that hides the hit's device gives way: the hit is what the user asked for.
    const QString filter = m_deviceFilter->deviceId();
    if (!filter.isEmpty() && filter != record.originDevice) {
        const QSignalBlocker blocker(m_deviceFilter);
        m_deviceFilter->setDeviceId({});
    }
    markSearchTerms();
    showTimeline(hit.stored.position, record.originDevice);
}

Result<qint64> HistoryViewer::exportTo(const QString &path, HistoryExporter::Format format, bool everything,
                                       const HistoryExporter::Progress &progress)
{
    return m_exportMenu->exportTo(path, format, everything, progress);
}

void HistoryViewer::showTimeline(std::optional<qint64> anchor, const QString &selectDevice)
{
    const QString filter = m_deviceFilter->deviceId();
    Result<void> shown;
    if (m_contact.isEmpty()) {
        m_timeline->timeline()->setScope({});
        m_timeline->setPlaceholderText(m_conversations->rowCount() > 0
                                           ? tr("Choose a conversation on the left.")
                                           : tr("No history yet. Conversations appear here once their records "
                                                "reach this storage terminal."));
        m_views->setCurrentWidget(m_timeline);
    } else if (m_groupAction->isChecked()) {
        QList<DeviceSummary> devices;
        for (const DeviceSummary &summary : std::as_const(m_devices))
            if (filter.isEmpty() || summary.device.id == filter)
                devices.append(summary);
        shown = m_lanes->showConversation(m_account, m_contact, devices);
        if (shown && anchor)
            shown = m_lanes->showAround(*anchor, selectDevice);
        m_views->setCurrentWidget(m_lanes);
    } else {
        m_timeline->timeline()->setScope({m_account, m_contact, filter});
        m_timeline->setPlaceholderText(filter.isEmpty() ? tr("No records in this conversation.")
                                                        : tr("No records from this device in this conversation."));
        shown = anchor ? m_timeline->showAround(*anchor) : m_timeline->showNewest();
        m_views->setCurrentWidget(m_timeline);
    }
    if (!shown)
        report(shown.error());
}

QVariant HistoryViewer::currentIndexData(int role) const
{
    const QAbstractItemView *view = m_timeline;
    if (m_views->currentWidget() == m_lanes)
        view = m_lanes->currentLane();
    return view ? view->currentIndex().data(role) : QVariant();
}

std::optional<qint64> HistoryViewer::currentPosition() const
{
    const QVariant position = currentIndexData(HistoryTimelineModel::PositionRole);
    if (!position.isValid())
        return std::nullopt;
    return position.toLongLong();
}

void HistoryViewer::markSearchTerms()
{
    const QStringList terms = m_search->terms();
    m_timeline->recordDelegate()->setHighlightTerms(terms);
    m_timeline->doItemsLayout();
    m_lanes->setHighlightTerms(terms);
}

void HistoryViewer::focusTimeline()
{
    if (m_views->currentWidget() == m_lanes) {
        if (TimelineListView *lane = m_lanes->currentLane())
            lane->setFocus();
    } else {
        m_timeline->setFocus();
    }
}

void HistoryViewer::updateDateRange()
{
    if (m_contact.isEmpty())
        return;
    // The oldest record is the first page forward from the start; the newest is in the summary.
    const auto oldest = m_store.newer({m_account, m_contact, {}}, -1, 1);
    const int row = m_conversations->rowOf(m_account, m_contact);
    if (!oldest || oldest->records.isEmpty() || row < 0)
        return;
    const QDate first = QDateTime::fromMSecsSinceEpoch(oldest->records.first().record.orderTime()).date();
    const QDate last = m_conversations->index(row).data(HistoryConversationModel::LastTimeRole).toDateTime().date();
    m_dateEdit->setDateRange(first, last);
    m_dateEdit->setDate(last);
}

void HistoryViewer::report(const Error &error)
{
    statusBar()->showMessage(tr("Could not read the history: %1").arg(error.message));
}

} // namespace huiji

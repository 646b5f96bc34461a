#include "ui/HistoryDeviceLanes.h"

#include "ui/HistoryDeviceBadge.h"
#include "ui/DeviceColors.h"
#include "ui/HistoryRecordDelegate.h"
#include "ui/HistoryTimelineModel.h"
#include "ui/TimelineListView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

HistoryDeviceLanes::HistoryDeviceLanes(HistoryStore &store, QWidget *parent)
    : QScrollArea(parent), m_store(store), m_content(new QWidget), m_row(new QHBoxLayout(m_content)),
      m_empty(new QLabel(tr("No records in this conversation."), m_content))
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // each lane scrolls on its own
    setAccessibleName(tr("Records grouped by device"));
    m_row->setContentsMargins(0, 0, 0, 0);
    m_empty->setAlignment(Qt::AlignCenter);
    m_row->addWidget(m_empty);
    setWidget(m_content);
}

QWidget *HistoryDeviceLanes::makeHeader(const DeviceSummary &device) const
{
    auto *header = new QWidget;
    auto *layout = new QHBoxLayout(header);
    const int side = fontMetrics().height();
    auto *swatch = new QLabel(header);
    swatch->setPixmap(HistoryDeviceBadge::swatch(DeviceColors::of(device.device.id, palette()), side, devicePixelRatioF()));
    auto *name = new QLabel(u"<b>%1</b>"_s.arg(device.label.toHtmlEscaped()), header);
    name->setTextFormat(Qt::RichText);
    auto *platform = new QLabel(device.device.platform, header);
    platform->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(swatch);
    layout->addWidget(name);
    layout->addWidget(platform);
    layout->addStretch();
    return header;
}

void HistoryDeviceLanes::clearLanes()
{
    for (const Lane &lane : std::as_const(m_lanes))
        delete lane.frame;
    m_lanes.clear();
}

Result<void> HistoryDeviceLanes::showConversation(const QString &account, const QString &contact,
                                                  const QList<DeviceSummary> &devices)
{
    clearLanes();
    Result<void> result;
    for (const DeviceSummary &device : devices) {
        auto *frame = new QFrame(m_content);
        frame->setFrameShape(QFrame::StyledPanel);
        frame->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
        auto *model = new HistoryTimelineModel(m_store, frame);
        model->setScope({account, contact, device.device.id});
        auto *view = new TimelineListView(model, frame);
        view->setFrameShape(QFrame::NoFrame);
        view->setAccessibleName(tr("Records from %1").arg(device.label));
        view->recordDelegate()->setHighlightTerms(m_terms);
        connect(view, &TimelineListView::loadFailed, this, &HistoryDeviceLanes::loadFailed);
        if (auto shown = view->showNewest(); !shown)
            result = shown;
        if (model->rowCount() == 0) {
            delete frame;
            continue;
        }
        auto *layout = new QVBoxLayout(frame);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        layout->addWidget(makeHeader(device));
        layout->addWidget(view, 1);
        m_row->addWidget(frame, 1);
        m_lanes.append({device.device.id, frame, view});
    }
    m_empty->setVisible(m_lanes.isEmpty());
    // Tab goes from lane to lane, left to right, as they are laid out.
    for (qsizetype i = 1; i < m_lanes.size(); ++i)
        setTabOrder(m_lanes.at(i - 1).view, m_lanes.at(i).view);
    return result;
}

Result<void> HistoryDeviceLanes::showAround(qint64 anchor, const QString &selectDevice)
{
    Result<void> result;
    for (const Lane &lane : std::as_const(m_lanes)) {
        const bool select = lane.deviceId == selectDevice;
        if (auto shown = lane.view->showAround(anchor, select); !shown)
            result = shown;
        if (select) {
            lane.view->setFocus();
            ensureWidgetVisible(lane.frame);
        }
    }
    return result;
}

void HistoryDeviceLanes::setHighlightTerms(const QStringList &terms)
{
    m_terms = terms;
    for (const Lane &lane : std::as_const(m_lanes)) {
        lane.view->recordDelegate()->setHighlightTerms(terms);
        lane.view->doItemsLayout();
    }
}

QList<TimelineListView *> HistoryDeviceLanes::lanes() const
{
    QList<TimelineListView *> views;
    for (const Lane &lane : m_lanes)
        views.append(lane.view);
    return views;
}

TimelineListView *HistoryDeviceLanes::laneOf(const QString &deviceId) const
{
    for (const Lane &lane : m_lanes)
        if (lane.deviceId == deviceId)
            return lane.view;
    return nullptr;
}

TimelineListView *HistoryDeviceLanes::currentLane() const
{
    for (const Lane &lane : m_lanes)
        if (lane.view->hasFocus())
            return lane.view;
    return m_lanes.isEmpty() ? nullptr : m_lanes.first().view;
}

} // namespace huiji

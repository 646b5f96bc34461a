#pragma once

#include "ui/HistoryExporter.h"

#include "store/HistoryStore.h"

#include <QMainWindow>

class QAction;
class QDateEdit;
class QLabel;
class QListView;
class QStackedWidget;
class QToolButton;

namespace huiji {

class HistoryConversationModel;
class HistoryDeviceFilter;
class HistoryDeviceLanes;
class HistoryExportMenu;
class HistorySearchPanel;
class Profile;
class TimelineListView;

// The merged history viewer (claims 14-15, [0093]), a window of its own over the profile's store:
// the conversations on the left, under a full-text search; on the right the chosen conversation's
// records from every device in time order, each with its device's colour and label. The timeline
// can be narrowed to one device (this machine or any other), grouped by device, moved to a date
// or to a search hit in its context, and exported. It reads the store a page at a time, so a
// history of a million records opens at once; it needs nothing from the network.
class HistoryViewer : public QMainWindow
{
    Q_OBJECT

public:
    explicit HistoryViewer(Profile &profile, QWidget *parent = nullptr);

    // Shows a conversation's newest records (and selects it in the list).
    void openConversation(const QString &account, const QString &contact);
    // Shows only one device's records; an empty id shows every device's.
    void setDeviceFilter(const QString &deviceId);
    void setGroupedByDevice(bool grouped);
    // Shows the conversation from the first record of that day (or the nearest before it).
    void jumpToDate(QDate date);
    // Shows a hit in its conversation with the records around it, selected and in view.
    void jumpToHit(const SearchHit &hit);
    // Exports the current conversation, or everything, without asking where (the menus ask).
    Result<qint64> exportTo(const QString &path, HistoryExporter::Format format, bool everything,
                            const HistoryExporter::Progress &progress = {});
    // Reads the conversations and devices again and shows what has arrived since.
    void reload();

    QListView *conversationList() const { return m_conversationList; }
    HistorySearchPanel *searchPanel() const { return m_search; }
    TimelineListView *timelineView() const { return m_timeline; }
    HistoryDeviceLanes *deviceLanes() const { return m_lanes; }
    HistoryDeviceFilter *deviceFilterBox() const { return m_deviceFilter; }
    QDateEdit *dateEdit() const { return m_dateEdit; }
    QAction *groupByDeviceAction() const { return m_groupAction; }

private:
    QWidget *buildTimelinePane();
    void buildMenus();
    void conversationChosen(const QModelIndex &index);
    void setConversation(const QString &account, const QString &contact);
    // Shows the current conversation in the current view (merged or grouped), at the newest
    // records or around an anchor, the record of selectDevice selected in grouped mode.
    void showTimeline(std::optional<qint64> anchor = std::nullopt, const QString &selectDevice = {});
    QVariant currentIndexData(int role) const; // of the selected record in the visible view
    std::optional<qint64> currentPosition() const;
    void markSearchTerms();
    void focusTimeline();
    void updateDateRange();
    void report(const Error &error);

    Profile &m_profile;
    HistoryStore &m_store;
    HistoryConversationModel *m_conversations;
    QListView *m_conversationList;
    HistorySearchPanel *m_search;
    QLabel *m_title = nullptr;
    QWidget *m_controls = nullptr;
    HistoryDeviceFilter *m_deviceFilter = nullptr;
    QAction *m_groupAction = nullptr;
    QDateEdit *m_dateEdit = nullptr;
    QToolButton *m_exportButton = nullptr;
    HistoryExportMenu *m_exportMenu = nullptr;
    QStackedWidget *m_views = nullptr;
    TimelineListView *m_timeline = nullptr;
    HistoryDeviceLanes *m_lanes = nullptr;
    QList<DeviceSummary> m_devices;
    QString m_account;
    QString m_contact;
    bool m_jumping = false; // a jump to a hit selects its conversation and shows it itself
};

} // namespace huiji

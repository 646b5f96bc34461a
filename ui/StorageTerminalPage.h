#pragma once

#include "client/AccountService.h"

#include "protocol/Error.h"
#include "protocol/Wire.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QInputDialog;
class QLabel;
class QPushButton;
class QTableView;

namespace huiji {

class DeviceTableModel;
class Session;
class UsageChart;

// Settings → Storage terminal (claims 1-8): the account's devices as the server lists them,
// sorted by how often they were used within a window or by how recently (claim 8), a chart of
// the selected device's uses (all devices when none is selected), and the choice of storage
// terminal: this machine (claim 6), the selected device (claim 7) or none, the selected device
// added as a secondary terminal or taken out of its role (claims 2-4; a secondary is promoted by
// making it the primary), each device's role shown as the server pushes it; and renaming this
// machine; and, on the storage terminal, asking the other devices for what they hold ("Collect
// now", claim 13), with each device's handover reported as it goes. Each answer of the server is
// shown on the page; after a failure the list still shows
// the choice that stands, since nothing is re-listed until something changed. Changes need the
// session online and are refused while one is under way; the list follows the server's pushes.
class StorageTerminalPage : public QWidget
{
    Q_OBJECT

public:
    StorageTerminalPage(Session &session, AccountService &account, QWidget *parent = nullptr);

    DeviceTableModel *model() const { return m_model; }
    // True while a request to the server is under way.
    bool isBusy() const { return m_inFlight > 0; }
    // Asks the server for the list again with the chosen order and window.
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateActions();
    void fitColumns();
    void updateChart();
    void updateCurrentTerminal();
    void updateConnectionNotice();
    void showAnswer(const QString &text, bool isError);
    void begin();
    void finish();

    void setTerminal(const QString &deviceId);
    void addSecondary(const QString &deviceId);
    void removeTerminal(const QString &deviceId);
    // Asks for the account password (the server wants it again for these changes), then runs one
    // terminal change; the answer says `doneText` or why the change was refused.
    using Change = std::function<void(const QString &, const QByteArray &, AccountService::Done<void>)>;
    void changeTerminals(Change change, const QString &deviceId, const QString &action, const QString &doneText);
    wire::TerminalRole roleOf(const QString &deviceId) const;
    void clearTerminal();
    void askForName();
    void rename(const QString &name);
    void collectNow();
    void showCollected(const QString &deviceId, const wire::CollectionCounts &total, bool complete);

    wire::DeviceOrder order() const;
    int windowDays() const;
    QString selectedDeviceId() const;
    QString nameOf(const QString &deviceId) const;
    bool isOnline() const;

    Session &m_session;
    AccountService &m_account;
    DeviceTableModel *m_model;
    QLabel *m_explanation;
    QLabel *m_current;
    QLabel *m_sortLabel;
    QComboBox *m_sort;
    QLabel *m_windowLabel;
    QComboBox *m_window;
    QTableView *m_table;
    UsageChart *m_chart;
    QPushButton *m_makeThis;
    QPushButton *m_makeSelected;
    QPushButton *m_addSecondary;
    QPushButton *m_removeTerminal;
    QPushButton *m_clear;
    QPushButton *m_rename;
    QPushButton *m_collect;
    QLabel *m_statusIcon;
    QLabel *m_status;
    QLabel *m_connection;
    QInputDialog *m_renameDialog = nullptr; // made when first asked for
    int m_inFlight = 0;
    bool m_collectAsked = false; // the user pressed "Collect now" on this page
    quint64 m_listing = 0; // the latest listing asked for; older answers are dropped
};

} // namespace huiji

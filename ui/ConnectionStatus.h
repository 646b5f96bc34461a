#pragma once

#include "client/Session.h"

#include <QDeadlineTimer>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace huiji {

// The status bar's view of the connection, always visible: connecting, online, or offline with
// the seconds until the next try. While records held for this storage terminal arrive after a
// login, a progress bar shows how many of how many have been merged, and from how many devices.
class ConnectionStatus : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionStatus(Session &session, QWidget *parent = nullptr);

    QString stateText() const;
    QString mergeText() const; // empty while nothing is being merged
    bool isMerging() const { return m_merging; }

private:
    void showState();
    void onReady(bool isTerminal, qint64 pending);
    void onMerged(const QList<huiji::Record> &records, qint64 remaining);
    void stopMerging();
    void showProgress();

    Session &m_session;
    QLabel *m_state;
    QLabel *m_merge;
    QProgressBar *m_progress;
    QTimer m_countdown;
    QDeadlineTimer m_retryAt;
    bool m_merging = false;
    qint64 m_merged = 0;
    qint64 m_total = 0;
    QSet<QString> m_devices;
};

} // namespace huiji

#pragma once

#include "protocol/Record.h"

#include <QIcon>
#include <QObject>
#include <QPalette>
#include <QPointer>

#include <memory>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace huiji {

class Session;

// The system-tray icon (issue 4, Chat): the unread count (the main window's, which knows what has
// been read) in the tooltip and as a badge on the icon, and a desktop notification for new
// incoming messages while the window is not in front. Clicking the icon or a notification brings
// the window back. Without a system tray (some desktops, the offscreen platform) it still decides,
// but shows nothing.
class TrayNotifier : public QObject
{
    Q_OBJECT

public:
    TrayNotifier(Session &session, QWidget &window, QObject *parent = nullptr);
    ~TrayNotifier() override;

    int unreadCount() const { return m_unread; }
    void setUnreadCount(int count);
    QSystemTrayIcon &trayIcon() { return *m_tray; }

    // The icon with the count in a badge in its top-right corner, drawn in the palette's
    // highlight colours so that it reads on light and dark panels alike; the icon itself for 0.
    static QIcon badged(const QIcon &base, int count, const QPalette &palette);

signals:
    // Every desktop notification, as it is shown.
    void notified(const QString &title, const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onRecordsMerged(const QList<Record> &records);
    void retranslate();
    void raiseWindow();

    Session &m_session;
    QPointer<QWidget> m_window;
    QIcon m_baseIcon;
    QSystemTrayIcon *m_tray;
    std::unique_ptr<QMenu> m_menu; // a context menu is not owned by its tray icon
    QAction *m_show;
    QAction *m_quit;
    int m_unread = 0;
};

} // namespace huiji

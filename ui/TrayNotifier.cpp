#include "ui/TrayNotifier.h"

#include "client/Profile.h"
#include "client/Session.h"

#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>
#include <QWidget>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// A notification shows the start of a message, as a phone's lock screen does.
constexpr qsizetype notificationChars = 160;

QString elided(const QString &body)
{
    const QString line = body.simplified();
    return line.size() <= notificationChars ? line : line.left(notificationChars - 1) + u'…';
}

} // namespace

TrayNotifier::TrayNotifier(Session &session, QWidget &window, QObject *parent)
    : QObject(parent), m_session(session), m_window(&window),
      m_baseIcon(window.windowIcon().isNull() ? QIcon(u":/icons/huiji.svg"_s) : window.windowIcon()),
      m_tray(new QSystemTrayIcon(this)), m_menu(std::make_unique<QMenu>())
{
    m_show = m_menu->addAction(QString(), this, &TrayNotifier::raiseWindow);
    m_menu->addSeparator();
    m_quit = m_menu->addAction(QString(), qApp, &QCoreApplication::quit);
    m_tray->setContextMenu(m_menu.get());
    m_tray->setIcon(m_baseIcon);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason != QSystemTrayIcon::Context)
            raiseWindow();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::raiseWindow);
    connect(&session, &Session::recordsMerged, this, &TrayNotifier::onRecordsMerged);
    window.installEventFilter(this);
    retranslate();
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
}

TrayNotifier::~TrayNotifier()
{
    if (m_window)
        m_window->removeEventFilter(this);
}

QIcon TrayNotifier::badged(const QIcon &base, int count, const QPalette &palette)
{
    if (count <= 0)
        return base;
    const QString text = count > 99 ? u"99+"_s : QString::number(count);
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        base.paint(&painter, pixmap.rect());
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(std::max(7, size * 2 / 5));
        painter.setFont(font);
        // A circle for one digit, a pill for more, in the top-right corner.
        const int height = std::max(9, size * 11 / 20);
        const int width = std::max(height, painter.fontMetrics().horizontalAdvance(text) + height / 2);
        const QRectF badge(size - std::min(width, size), 0, std::min(width, size), height);
        painter.setPen(QPen(palette.color(QPalette::Base), std::max(1.0, size / 32.0)));
        painter.setBrush(palette.color(QPalette::Highlight));
        painter.drawRoundedRect(badge, height / 2.0, height / 2.0);
        painter.setPen(palette.color(QPalette::HighlightedText));
        painter.drawText(badge, Qt::AlignCenter, text);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

bool TrayNotifier::eventFilter(QObject *watched, QEvent *event)
{
    // Not a widget itself, it learns of a new language through the window.
    if (watched == m_window && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void TrayNotifier::onRecordsMerged(const QList<Record> &records)
{
    if (const QWidget *window = m_window.data(); window && window->isVisible() && window->isActiveWindow()
                                                  && !window->isMinimized())
        return;
    // New to the user are incoming records this machine is the first of the account's devices to
    // see; those another device acked first were already shown there (the server labels a held
    // record with the device that saw it first).
    const QString thisDevice = m_session.profile().device().id;
    QList<const Record *> fresh;
    QStringList senders;
    for (const Record &record : records)
        if (record.direction == Direction::Incoming && record.originDevice == thisDevice) {
            fresh.append(&record);
            if (!senders.contains(record.sender))
                senders.append(record.sender);
        }
    if (fresh.isEmpty())
        return;
    QString title;
    QString message;
    if (fresh.size() == 1) {
        title = fresh.first()->sender;
        message = elided(fresh.first()->body);
    } else if (senders.size() == 1) {
        title = senders.first();
        message = tr("%n new messages. The latest: %1", "", static_cast<int>(fresh.size()))
                      .arg(elided(fresh.last()->body));
    } else {
        title = tr("Huiji");
        message = tr("%n new messages from %1", "", static_cast<int>(fresh.size()))
                      .arg(QLocale().createSeparatedList(senders));
    }
    m_tray->showMessage(title, message, m_tray->icon());
    emit notified(title, message);
}

void TrayNotifier::setUnreadCount(int count)
{
    if (count == m_unread)
        return;
    m_unread = count;
    m_tray->setIcon(badged(m_baseIcon, count, m_window ? m_window->palette() : QApplication::palette()));
    retranslate();
}

void TrayNotifier::retranslate()
{
    m_tray->setToolTip(m_unread == 0 ? tr("Huiji") : tr("Huiji: %n unread message(s)", "", m_unread));
    m_show->setText(tr("&Show Huiji"));
    m_quit->setText(tr("&Quit"));
}

void TrayNotifier::raiseWindow()
{
    if (!m_window)
        return;
    if (m_window->isMinimized())
        m_window->showNormal();
    else
        m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace huiji

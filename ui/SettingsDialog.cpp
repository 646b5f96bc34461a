#include "ui/SettingsDialog.h"

#include "ui/DevicesPage.h"
#include "ui/DirectLinksPage.h"
#include "ui/GeneralPage.h"
#include "ui/ServerArchivePage.h"
#include "ui/StorageTerminalPage.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

SettingsDialog::SettingsDialog(Session &session, AccountService &account, QWidget *parent)
    : QDialog(parent), m_sections(new QListWidget(this)), m_pages(new QStackedWidget(this)),
      m_storageTerminal(new StorageTerminalPage(session, account, m_pages)),
      m_serverArchive(new ServerArchivePage(session, account, m_pages)),
      m_directLinks(new DirectLinksPage(session, account, m_pages)),
      m_devices(new DevicesPage(session, account, m_pages)), m_general(new GeneralPage(m_pages)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    m_sections->setObjectName(u"sections"_s);
    // The items are in Section's order, as are the pages.
    new QListWidgetItem(QIcon::fromTheme(u"drive-harddisk"_s, style()->standardIcon(QStyle::SP_DriveHDIcon)),
                        QString(), m_sections);
    new QListWidgetItem(QIcon::fromTheme(u"folder-remote"_s, style()->standardIcon(QStyle::SP_DriveNetIcon)),
                        QString(), m_sections);
    new QListWidgetItem(QIcon::fromTheme(u"network-workgroup"_s, style()->standardIcon(QStyle::SP_DesktopIcon)),
                        QString(), m_sections);
    new QListWidgetItem(QIcon::fromTheme(u"computer"_s, style()->standardIcon(QStyle::SP_ComputerIcon)), QString(),
                        m_sections);
    new QListWidgetItem(QIcon::fromTheme(u"preferences-desktop-locale"_s, style()->standardIcon(QStyle::SP_ComputerIcon)),
                        QString(), m_sections);
    m_pages->addWidget(m_storageTerminal);
    m_pages->addWidget(m_serverArchive);
    m_pages->addWidget(m_directLinks);
    m_pages->addWidget(m_devices);
    m_pages->addWidget(m_general);
    m_sections->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    m_sections->setFixedWidth(fontMetrics().averageCharWidth() * 24);

    auto *body = new QHBoxLayout;
    body->addWidget(m_sections);
    body->addWidget(m_pages, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(m_buttons);

    connect(m_sections, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_general, &GeneralPage::languageChosen, this, &SettingsDialog::languageChosen);
    m_sections->setCurrentRow(0);
    retranslate();
    const int line = fontMetrics().height();
    resize(line * 56, line * 34);
}

void SettingsDialog::setLanguage(const QString &code)
{
    m_general->setLanguage(code);
}

QString SettingsDialog::language() const
{
    return m_general->language();
}

void SettingsDialog::showSection(Section section)
{
    m_sections->setCurrentRow(static_cast<int>(section));
}

SettingsDialog::Section SettingsDialog::currentSection() const
{
    return static_cast<Section>(m_pages->currentIndex());
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("Settings"));
    m_sections->item(static_cast<int>(Section::StorageTerminal))->setText(tr("Storage terminal"));
    m_sections->item(static_cast<int>(Section::ServerArchive))->setText(tr("Server archive"));
    m_sections->item(static_cast<int>(Section::DirectLinks))->setText(tr("Direct links"));
    m_sections->item(static_cast<int>(Section::Devices))->setText(tr("Devices"));
    m_sections->item(static_cast<int>(Section::General))->setText(tr("General"));
    m_sections->setAccessibleName(tr("Settings sections"));
    m_pages->setAccessibleName(tr("Settings page"));
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace huiji

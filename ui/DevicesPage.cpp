#include "ui/DevicesPage.h"

#include "ui/ReauthDialog.h"
#include "ui/SignInTableModel.h"

#include "client/Profile.h"
#include "client/Session.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

DevicesPage::DevicesPage(Session &session, AccountService &account, QWidget *parent)
    : SettingsPage(session, account, parent), m_explanation(wrappingLabel(this)),
      m_model(new SignInTableModel(session.profile().device().id, this)), m_view(new QTableView(this)),
      m_signOut(new QPushButton(this)), m_signOutOthers(new QPushButton(this)), m_status(wrappingLabel(this))
{
    m_view->setObjectName(u"signInTable"_s);
    m_signOut->setObjectName(u"signOutDevice"_s);
    m_signOutOthers->setObjectName(u"signOutOtherDevices"_s);
    m_status->setObjectName(u"signOutStatus"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(SignInTableModel::NameColumn, QHeaderView::Stretch);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_signOut);
    buttons->addWidget(m_signOutOthers);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_signOut, &QPushButton::clicked, this, &DevicesPage::signOutSelected);
    connect(m_signOutOthers, &QPushButton::clicked, this, &DevicesPage::signOutOthers);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DevicesPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DevicesPage::updateActions);
    connect(&session, &Session::stateChanged, this, [this](Session::State state) {
        if (state == Session::State::Online && isVisible())
            refresh();
        updateActions();
    });
    retranslate();
    updateActions();
}

void DevicesPage::showEvent(QShowEvent *event)
{
    SettingsPage::showEvent(event);
    if (isOnline())
        refresh();
}

void DevicesPage::refresh()
{
    ask<QList<wire::DeviceEntry>>(
        [this](auto done) { m_account.devices(wire::DeviceOrder::Recency, 30, std::move(done)); },
        [this](Result<QList<wire::DeviceEntry>> answer) {
            if (!answer)
                return m_status->setText(tr("The device list could not be read: %1").arg(answer.error().message));
            const QString selected = selectedDeviceId();
            m_model->setDevices(*answer);
            if (const int row = m_model->rowOf(selected); row >= 0)
                m_view->selectRow(row);
        });
}

QString DevicesPage::selectedDeviceId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(SignInTableModel::DeviceIdRole).toString();
}

void DevicesPage::updateActions()
{
    const bool ready = isOnline() && !isBusy();
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool other = !rows.isEmpty() && !rows.first().data(SignInTableModel::IsThisDeviceRole).toBool();
    m_signOut->setEnabled(ready && other && rows.first().data(SignInTableModel::SignedInRole).toBool());
    const auto &devices = m_model->devices();
    m_signOutOthers->setEnabled(ready && std::ranges::any_of(devices, [this](const wire::DeviceEntry &entry) {
                                    return entry.signedIn && entry.info.id != m_session.profile().device().id;
                                }));
}

void DevicesPage::signOutSelected()
{
    const QString deviceId = selectedDeviceId();
    const int row = m_model->rowOf(deviceId);
    if (row < 0)
        return;
    const QString name = m_model->devices().at(row).info.name;
    ReauthDialog::ask(this, tr("sign %1 out").arg(name), [this, deviceId, name](const QByteArray &password) {
        signOut([this, deviceId, password](auto done) { m_account.signOutDevice(deviceId, password, std::move(done)); },
                tr("%1 is signed out: it was disconnected and logs in again only with the password.").arg(name));
    });
}

void DevicesPage::signOutOthers()
{
    ReauthDialog::ask(this, tr("sign out all your other devices"), [this](const QByteArray &password) {
        signOut([this, password](auto done) { m_account.signOutOtherDevices(password, std::move(done)); },
                tr("Your other devices are signed out: they were disconnected and log in again only with the "
                   "password."));
    });
}

void DevicesPage::signOut(std::function<void(AccountService::Done<qint64>)> send, const QString &doneText)
{
    ask<qint64>(std::move(send), [this, doneText](Result<qint64> answer) {
        m_status->setText(answer ? doneText : tr("Nobody was signed out: %1").arg(refusal(answer.error())));
        if (answer)
            refresh();
    });
}

void DevicesPage::retranslate()
{
    m_explanation->setText(tr("Each device logs in with a sign-in of its own. Signing a device out disconnects it at "
                              "once and ends its sign-in: it can log in again only with your password. Do it for a "
                              "device you lost or no longer use. What waits on the server for a signed-out storage "
                              "terminal is kept for it."));
    m_signOut->setText(tr("&Sign out"));
    m_signOut->setToolTip(tr("Sign the selected device out. This machine is not signed out here."));
    m_signOutOthers->setText(tr("Sign out all &other devices"));
    m_view->setAccessibleName(tr("Your devices"));
    m_model->retranslate();
}

} // namespace huiji

#include "ui/ServerArchivePage.h"

#include "ui/ReauthDialog.h"

#include "client/ArchiveRestore.h"
#include "client/Session.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int maxRetentionDays = 36500; // the server's bound (ArchiveRequests)
constexpr int defaultRetentionDays = 365;

} // namespace

ServerArchivePage::ServerArchivePage(Session &session, AccountService &account, QWidget *parent)
    : SettingsPage(session, account, parent), m_explanation(wrappingLabel(this)),
      m_enabled(new QCheckBox(this)), m_retentionLabel(new QLabel(this)), m_retention(new QSpinBox(this)),
      m_apply(new QPushButton(this)), m_state(wrappingLabel(this)), m_restoreExplanation(wrappingLabel(this)),
      m_restoreButton(new QPushButton(this)), m_progress(new QProgressBar(this)), m_restoreResult(wrappingLabel(this))
{
    m_enabled->setObjectName(u"archiveEnabled"_s);
    m_retention->setObjectName(u"retentionDays"_s);
    m_apply->setObjectName(u"applyArchive"_s);
    m_state->setObjectName(u"archiveState"_s);
    m_restoreButton->setObjectName(u"restoreArchive"_s);
    m_progress->setObjectName(u"restoreProgress"_s);
    m_restoreResult->setObjectName(u"restoreResult"_s);

    m_retention->setRange(0, maxRetentionDays);
    m_retention->setValue(defaultRetentionDays);
    m_retentionLabel->setBuddy(m_retention);
    m_progress->hide();
    QFont bold = m_state->font();
    bold.setBold(true);
    m_state->setFont(bold);

    auto *retention = new QHBoxLayout;
    retention->addWidget(m_retentionLabel);
    retention->addWidget(m_retention);
    retention->addWidget(m_apply);
    retention->addStretch();
    auto *restoring = new QHBoxLayout;
    restoring->addWidget(m_restoreButton, 0, Qt::AlignLeft); // not stretched while the bar is hidden
    restoring->addWidget(m_progress, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addWidget(m_state);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_enabled);
    layout->addLayout(retention);
    layout->addSpacing(fontMetrics().height());
    layout->addWidget(m_restoreExplanation);
    layout->addLayout(restoring);
    layout->addWidget(m_restoreResult);
    layout->addStretch();

    connect(m_enabled, &QCheckBox::toggled, this, &ServerArchivePage::updateActions);
    connect(m_retention, &QSpinBox::valueChanged, this, &ServerArchivePage::updateActions);
    connect(m_apply, &QPushButton::clicked, this, &ServerArchivePage::apply);
    connect(m_restoreButton, &QPushButton::clicked, this, &ServerArchivePage::restore);
    connect(&session, &Session::stateChanged, this, [this](Session::State state) {
        updateActions();
        if (state == Session::State::Online)
            refresh();
    });
    // Another device turned the archive on or off.
    connect(&session, &Session::terminalsChanged, this, [this] {
        if (m_session.serverArchives() != m_settings.enabled)
            refresh();
    });

    retranslate();
    refresh();
}

void ServerArchivePage::retranslate()
{
    m_explanation->setText(
        tr("The server can keep an archive of your merged history, as one more secondary storage terminal, instead "
           "of deleting what it delivered. Only your account can read it. If the machine with your history is lost, "
           "a new storage terminal can be filled from the archive."));
    m_enabled->setText(tr("&Keep an archive of my history on the server"));
    m_retentionLabel->setText(tr("Keep &records for:"));
    m_retention->setSpecialValueText(tr("Forever"));
    m_retention->setSuffix(tr(" days"));
    m_retention->setAccessibleName(tr("Days the server keeps each record, 0 for ever"));
    m_apply->setText(tr("A&pply"));
    m_apply->setAccessibleName(tr("Apply the archive setting"));
    m_restoreExplanation->setText(
        tr("Fill this device's history from the server's archive, for example on a new storage terminal. What is "
           "already here is not duplicated. A restore that is cut off continues where it stopped when you press the "
           "button again."));
    m_restoreButton->setText(tr("Re&store from server archive"));
    showSettings(m_settings);
}

void ServerArchivePage::refresh()
{
    updateActions();
    if (!isOnline())
        return;
    ask<ArchiveSettings>([this](auto done) { m_account.archive(std::move(done)); },
                         [this](Result<ArchiveSettings> answer) {
                             if (!answer)
                                 return m_state->setText(
                                     tr("The archive setting could not be read: %1").arg(answer.error().message));
                             m_known = true;
                             showSettings(*answer);
                         });
}

// The standing setting, in the state line and in the controls (an edit not applied yet is lost:
// what the server answered is what holds).
void ServerArchivePage::showSettings(const ArchiveSettings &settings)
{
    m_settings = settings;
    if (!m_known)
        m_state->setText(tr("Whether the server keeps an archive is shown once Huiji is connected."));
    else if (!settings.enabled)
        m_state->setText(tr("The server keeps no archive of your history."));
    else if (settings.retentionDays == 0)
        m_state->setText(tr("The server keeps your history for good. Records in the archive: %1.")
                             .arg(QLocale().toString(settings.records)));
    else
        m_state->setText(tr("The server keeps each record for %1 days. Records in the archive: %2.")
                             .arg(QLocale().toString(settings.retentionDays), QLocale().toString(settings.records)));
    if (!m_known)
        return;
    const QSignalBlocker quietBox(m_enabled);
    const QSignalBlocker quietDays(m_retention);
    m_enabled->setChecked(settings.enabled);
    if (settings.enabled)
        m_retention->setValue(static_cast<int>(settings.retentionDays));
    updateActions();
}

void ServerArchivePage::updateActions()
{
    const bool ready = isOnline() && m_known && !isBusy();
    const bool changed = m_enabled->isChecked() != m_settings.enabled
                         || (m_enabled->isChecked() && m_retention->value() != m_settings.retentionDays);
    m_enabled->setEnabled(ready);
    m_retention->setEnabled(ready && m_enabled->isChecked());
    m_apply->setEnabled(ready && changed);
    m_restoreButton->setEnabled(ready && m_settings.enabled);
}

void ServerArchivePage::apply()
{
    const bool enabled = m_enabled->isChecked();
    const QString action = !enabled ? tr("turn the server's archive off and delete it")
                           : m_settings.enabled ? tr("change how long the server archives your history")
                                                : tr("let the server archive your history");
    ReauthDialog::ask(this, action, [this, enabled, days = m_retention->value()](const QByteArray &password) {
        ask<ArchiveSettings>(
            [this, enabled, days, password](auto done) { m_account.setArchive(enabled, days, password, std::move(done)); },
            [this](Result<ArchiveSettings> answer) {
                if (!answer)
                    return m_state->setText(tr("The archive setting was not changed: %1").arg(refusal(answer.error())));
                showSettings(*answer);
            });
    });
}

void ServerArchivePage::restore()
{
    ReauthDialog::ask(this, tr("restore your history from the server's archive"),
                      [this](const QByteArray &password) { startRestore(password); });
}

void ServerArchivePage::startRestore(const QByteArray &password)
{
    if (m_restore)
        return; // one restore at a time
    m_restore = new ArchiveRestore(m_session, this);
    // What the archive holds is the most this run can bring; a resumed run brings the rest.
    m_progress->setRange(0, static_cast<int>(std::min<qint64>(m_settings.records, std::numeric_limits<int>::max())));
    m_progress->setValue(0);
    m_progress->show();
    m_restoreResult->setText(tr("Restoring from the server's archive…"));
    connect(m_restore, &ArchiveRestore::progress, this, [this](qint64 merged, qint64 added) {
        m_progress->setValue(static_cast<int>(std::min<qint64>(merged, m_progress->maximum())));
        m_restoreResult->setText(tr("Restoring from the server's archive: %1 records so far, %2 new here.")
                                     .arg(QLocale().toString(merged), QLocale().toString(added)));
    });
    connect(m_restore, &ArchiveRestore::finished, this, [this](qint64 merged, qint64 added) {
        m_progress->setValue(m_progress->maximum());
        restoreEnded(tr("Restored from the server's archive: %1 records, %2 new here.")
                         .arg(QLocale().toString(merged), QLocale().toString(added)));
    });
    connect(m_restore, &ArchiveRestore::failed, this, [this](const Error &error) {
        restoreEnded(tr("The restore stopped: %1. Press the button again to continue where it stopped.")
                         .arg(error.message));
    });
    updateActions();
    m_restore->start(password);
}

void ServerArchivePage::restoreEnded(const QString &text)
{
    m_restoreResult->setText(text);
    m_restore->deleteLater(); // it is still emitting
    m_restore = nullptr;
    updateActions();
}

} // namespace huiji

#include "ui/ConnectionStatus.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

#include <algorithm>
#include <cmath>
#include <limits>

namespace huiji {

ConnectionStatus::ConnectionStatus(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_state(new QLabel(this)), m_merge(new QLabel(this)),
      m_progress(new QProgressBar(this))
{
    m_state->setAccessibleName(tr("Connection"));
    m_merge->setAccessibleName(tr("Merging"));
    m_progress->setAccessibleName(tr("Merge progress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_merge->hide();
    m_progress->hide();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(m_merge);
    layout->addWidget(m_progress);
    layout->addSpacing(8);
    layout->addWidget(m_state);

    m_countdown.setInterval(250); // the countdown's seconds change on time without drifting
    connect(&m_countdown, &QTimer::timeout, this, &ConnectionStatus::showState);
    connect(&session, &Session::stateChanged, this, [this](Session::State state) {
        if (state != Session::State::WaitingToRetry)
            m_countdown.stop();
        if (state != Session::State::Online)
            stopMerging(); // the next login says again what is waiting
        showState();
    });
    connect(&session, &Session::retryScheduled, this, [this](int delayMs) {
        m_retryAt = QDeadlineTimer(delayMs);
        m_countdown.start();
        showState();
    });
    connect(&session, &Session::failed, this, [this](const Error &error) { m_state->setToolTip(error.message); });
    connect(&session, &Session::ready, this, &ConnectionStatus::onReady);
    connect(&session, &Session::recordsMerged, this, &ConnectionStatus::onMerged);
    connect(&session, &Session::caughtUp, this, &ConnectionStatus::stopMerging);
    showState();
}

QString ConnectionStatus::stateText() const
{
    switch (m_session.state()) {
    case Session::State::Offline:
        return tr("Offline");
    case Session::State::Connecting:
    case Session::State::LoggingIn:
        return tr("Connecting…");
    case Session::State::Online:
        return tr("Online");
    case Session::State::WaitingToRetry: {
        const auto seconds = static_cast<int>(std::ceil(static_cast<double>(m_retryAt.remainingTime()) / 1000.0));
        return seconds > 0 ? tr("Offline — retrying in %n s", nullptr, seconds) : tr("Offline — retrying now");
    }
    }
    return {};
}

void ConnectionStatus::showState()
{
    const QString text = stateText();
    if (m_state->text() != text)
        m_state->setText(text);
    if (m_session.state() == Session::State::Online)
        m_state->setToolTip({});
}

QString ConnectionStatus::mergeText() const
{
    if (!m_merging)
        return {};
    const QLocale locale;
    const QString merged = locale.toString(m_merged);
    // %n picks the plural form; tr() takes an int, and a count past that needs no grammar.
    const int total = int(std::min<qint64>(m_total, std::numeric_limits<int>::max()));
    if (m_devices.isEmpty())
        return tr("Merging %1 of %Ln record(s)", nullptr, total).arg(merged);
    if (m_devices.size() == 1)
        return tr("Merging %1 of %Ln record(s) from 1 device", nullptr, total).arg(merged);
    return tr("Merging %1 of %Ln record(s) from %2 devices", nullptr, total)
        .arg(merged, locale.toString(m_devices.size()));
}

void ConnectionStatus::onReady(bool isTerminal, qint64 pending)
{
    stopMerging();
    if (!isTerminal || pending == 0)
        return;
    m_merging = true;
    m_total = pending;
    showProgress();
}

void ConnectionStatus::onMerged(const QList<Record> &records, qint64 remaining)
{
    if (!m_merging)
        return;
    m_merged += records.size();
    for (const Record &record : records)
        m_devices.insert(record.originDevice);
    // Live messages arrive in the same stream, so the total may grow past what login announced.
    m_total = std::max(m_total, m_merged + remaining);
    showProgress();
}

void ConnectionStatus::showProgress()
{
    // QProgressBar counts in int; a share in thousandths serves any count.
    m_progress->setRange(0, 1000);
    m_progress->setValue(m_total > 0 ? static_cast<int>(m_merged * 1000 / m_total) : 0);
    m_merge->setText(mergeText());
    m_progress->setAccessibleDescription(m_merge->text());
    m_merge->show();
    m_progress->show();
}

void ConnectionStatus::stopMerging()
{
    m_merging = false;
    m_merged = 0;
    m_total = 0;
    m_devices.clear();
    m_merge->hide();
    m_progress->hide();
}

} // namespace huiji

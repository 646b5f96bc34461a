#include "ui/DirectLinksPage.h"

#include "client/Forwarder.h"
#include "client/Profile.h"
#include "client/Session.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

using Mode = wire::ForwardingPolicy::Mode;

constexpr int maxMinutes = 1440;         // the wire's bounds (forwardingPolicyFromCbor)
constexpr int maxCharacters = 1'000'000;

} // namespace

DirectLinksPage::DirectLinksPage(Session &session, AccountService &account, QWidget *parent)
    : SettingsPage(session, account, parent), m_explanation(wrappingLabel(this)),
      m_direct(new QCheckBox(this)), m_directNote(wrappingLabel(this)), m_forwarding(new QGroupBox(this)),
      m_forwardingExplanation(wrappingLabel(m_forwarding)), m_modes(new QButtonGroup(this)),
      m_atOnce(new QRadioButton(m_forwarding)), m_interval(new QRadioButton(m_forwarding)),
      m_minutes(new QSpinBox(m_forwarding)), m_threshold(new QRadioButton(m_forwarding)),
      m_characters(new QSpinBox(m_forwarding)), m_onClose(new QRadioButton(m_forwarding)),
      m_apply(new QPushButton(m_forwarding)), m_state(wrappingLabel(m_forwarding)),
      m_policy(session.forwarder().policy())
{
    m_direct->setObjectName(u"directLinks"_s);
    m_directNote->setObjectName(u"directLinksNote"_s);
    m_atOnce->setObjectName(u"forwardAtOnce"_s);
    m_interval->setObjectName(u"forwardInterval"_s);
    m_minutes->setObjectName(u"intervalMinutes"_s);
    m_threshold->setObjectName(u"forwardThreshold"_s);
    m_characters->setObjectName(u"thresholdCharacters"_s);
    m_onClose->setObjectName(u"forwardOnClose"_s);
    m_apply->setObjectName(u"applyForwarding"_s);
    m_state->setObjectName(u"forwardingState"_s);

    m_direct->setChecked(session.profile().directLinks());
    m_modes->addButton(m_atOnce, static_cast<int>(Mode::AtOnce));
    m_modes->addButton(m_interval, static_cast<int>(Mode::Interval));
    m_modes->addButton(m_threshold, static_cast<int>(Mode::Threshold));
    m_modes->addButton(m_onClose, static_cast<int>(Mode::OnClose));
    m_minutes->setRange(1, maxMinutes);
    m_minutes->setValue(wire::ForwardingPolicy::defaultMinutes);
    m_characters->setRange(1, maxCharacters);
    m_characters->setValue(wire::ForwardingPolicy::defaultCharacters);
    m_characters->setGroupSeparatorShown(true);

    // Each amount right after its choice, so that the line reads across: "Every [5 minutes]".
    auto *choices = new QVBoxLayout;
    for (const auto &[choice, amount] : {std::pair<QRadioButton *, QSpinBox *>{m_atOnce, nullptr},
                                         {m_interval, m_minutes},
                                         {m_threshold, m_characters},
                                         {m_onClose, nullptr}}) {
        auto *line = new QHBoxLayout;
        line->addWidget(choice);
        if (amount)
            line->addWidget(amount);
        line->addStretch();
        choices->addLayout(line);
    }
    auto *applying = new QHBoxLayout;
    applying->addWidget(m_state, 1);
    applying->addWidget(m_apply, 0, Qt::AlignBottom);
    auto *group = new QVBoxLayout(m_forwarding);
    group->addWidget(m_forwardingExplanation);
    group->addLayout(choices);
    group->addLayout(applying);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addWidget(m_direct);
    layout->addWidget(m_directNote);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_forwarding);
    layout->addStretch();

    connect(m_direct, &QCheckBox::toggled, this, &DirectLinksPage::setDirectLinks);
    connect(m_modes, &QButtonGroup::idToggled, this, &DirectLinksPage::updateActions);
    connect(m_minutes, &QSpinBox::valueChanged, this, &DirectLinksPage::updateActions);
    connect(m_characters, &QSpinBox::valueChanged, this, &DirectLinksPage::updateActions);
    connect(m_apply, &QPushButton::clicked, this, &DirectLinksPage::apply);
    // A change made on any device of the account, this one included, comes as a push.
    connect(&session.forwarder(), &Forwarder::policyChanged, this, &DirectLinksPage::showPolicy);
    connect(&session, &Session::stateChanged, this, [this](Session::State state) {
        updateActions();
        if (state == Session::State::Online)
            refresh();
    });

    retranslate();
    showPolicy(m_policy);
    refresh();
}

void DirectLinksPage::retranslate()
{
    m_explanation->setText(
        tr("When you and a contact are both online, your devices can exchange messages directly, without passing "
           "through the server. When no direct link can be made, messages go through the server as usual."));
    m_direct->setText(tr("&Talk directly to contacts' devices when possible"));
    m_directNote->setText(tr("A change takes effect the next time Huiji connects to the server."));
    m_forwarding->setTitle(tr("Forwarding to the storage terminal"));
    m_forwardingExplanation->setText(
        tr("A device that is not the storage terminal hands the messages of its direct links to the server, which "
           "keeps them for the storage terminal. This setting is your account's: it applies to all your devices."));
    m_atOnce->setText(tr("At &once"));
    m_interval->setText(tr("&Every"));
    m_minutes->setSuffix(tr(" minutes"));
    m_minutes->setAccessibleName(tr("Minutes between forwards"));
    m_threshold->setText(tr("When this &many characters have accumulated:"));
    m_characters->setSuffix(tr(" characters"));
    m_characters->setAccessibleName(tr("Characters that start a forward"));
    m_onClose->setText(tr("When Huiji &closes"));
    m_apply->setText(tr("A&pply"));
    m_apply->setAccessibleName(tr("Apply the forwarding policy"));
    showPolicy(m_policy);
}

void DirectLinksPage::setDirectLinks(bool enabled)
{
    if (auto applied = m_session.setDirectLinks(enabled); !applied)
        m_directNote->setText(tr("Direct links could not be started on this device: %1").arg(applied.error().message));
    else
        m_directNote->setText(tr("A change takes effect the next time Huiji connects to the server."));
}

wire::ForwardingPolicy DirectLinksPage::chosenPolicy() const
{
    const auto mode = static_cast<Mode>(m_modes->checkedId());
    qint64 amount = 0;
    if (mode == Mode::Interval)
        amount = m_minutes->value();
    else if (mode == Mode::Threshold)
        amount = m_characters->value();
    return {mode, amount};
}

void DirectLinksPage::showPolicy(const wire::ForwardingPolicy &policy)
{
    m_policy = policy;
    {
        const QSignalBlocker quietModes(m_modes);
        const QSignalBlocker quietMinutes(m_minutes);
        const QSignalBlocker quietCharacters(m_characters);
        if (QAbstractButton *chosen = m_modes->button(static_cast<int>(policy.mode)))
            chosen->setChecked(true);
        if (policy.mode == Mode::Interval)
            m_minutes->setValue(static_cast<int>(policy.amount));
        else if (policy.mode == Mode::Threshold)
            m_characters->setValue(static_cast<int>(policy.amount));
    }
    switch (policy.mode) {
    case Mode::AtOnce: m_state->setText(tr("Your devices forward at once.")); break;
    case Mode::Interval:
        m_state->setText(policy.amount == 1 ? tr("Your devices forward every minute.")
                                            : tr("Your devices forward every %1 minutes.").arg(policy.amount));
        break;
    case Mode::Threshold:
        m_state->setText(tr("Your devices forward once %1 characters have accumulated.")
                             .arg(QLocale().toString(policy.amount)));
        break;
    case Mode::OnClose: m_state->setText(tr("Your devices forward when Huiji closes.")); break;
    }
    updateActions();
}

void DirectLinksPage::updateActions()
{
    const bool ready = isOnline() && !isBusy();
    for (QAbstractButton *button : m_modes->buttons())
        button->setEnabled(ready);
    m_minutes->setEnabled(ready && m_interval->isChecked());
    m_characters->setEnabled(ready && m_threshold->isChecked());
    m_apply->setEnabled(ready && chosenPolicy() != m_policy);
}

void DirectLinksPage::refresh()
{
    if (isOnline())
        askPolicy([this](auto done) { m_account.forwarding(std::move(done)); },
                  tr("The forwarding policy could not be read: %1"));
}

void DirectLinksPage::apply()
{
    askPolicy([this, wanted = chosenPolicy()](auto done) { m_account.setForwarding(wanted, std::move(done)); },
              tr("The forwarding policy was not changed: %1"));
}

void DirectLinksPage::askPolicy(std::function<void(AccountService::Done<wire::ForwardingPolicy>)> send,
                                const QString &failure)
{
    ask<wire::ForwardingPolicy>(std::move(send), [this, failure](Result<wire::ForwardingPolicy> answer) {
        if (answer)
            showPolicy(*answer);
        else
            m_state->setText(failure.arg(answer.error().message));
    });
}

} // namespace huiji

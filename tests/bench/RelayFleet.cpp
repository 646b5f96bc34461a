#include "RelayFleet.h"

#include "LoadMessage.h"

#include "protocol/Wire.h"

#include <QCborArray>
#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

constexpr qint64 highestSeq = 100'000'000; // a sequence number beyond it is not the generator's

QString userOf(int device)
{
    return u"bench%1"_s.arg(device, 5, 10, QChar(u'0'));
}

} // namespace

void RelayFleet::Totals::add(const Totals &other)
{
    sent += other.sent;
    sentMeasured += other.sentMeasured;
    skipped += other.skipped;
    confirmed += other.confirmed;
    sendErrors += other.sendErrors;
    delivered += other.delivered;
    deliveredMeasured += other.deliveredMeasured;
    duplicated += other.duplicated;
    foreign += other.foreign;
    lost += other.lost;
    unconfirmed += other.unconfirmed;
    disconnects += other.disconnects;
    latencies.insert(latencies.end(), other.latencies.begin(), other.latencies.end());
    confirmLatencies.insert(confirmLatencies.end(), other.confirmLatencies.begin(), other.confirmLatencies.end());
    lateness.insert(lateness.end(), other.lateness.begin(), other.lateness.end());
    if (firstError.isEmpty())
        firstError = other.firstError;
}

RelayFleet::RelayFleet(Plan plan, std::atomic<qint64> &backlog, qint64 backlogLimit)
    : m_plan(std::move(plan)), m_backlog(backlog), m_backlogLimit(backlogLimit), m_tick(this)
{
    for (int pair = m_plan.index; pair < m_plan.devices / 2; pair += m_plan.fleets)
        for (const int number : {2 * pair, 2 * pair + 1}) {
            Device device;
            device.number = number;
            device.user = userOf(number);
            device.deviceId = u"bench-device-%1"_s.arg(number);
            m_devices.push_back(std::move(device));
        }
    m_tick.setTimerType(Qt::PreciseTimer);
    connect(&m_tick, &QTimer::timeout, this, &RelayFleet::tick);
}

RelayFleet::~RelayFleet() = default;

void RelayFleet::failed(const QString &why)
{
    ++m_progress.failed;
    if (m_totals.firstError.isEmpty())
        m_totals.firstError = why;
}

void RelayFleet::logIn()
{
    // A few at a time: each login costs huijid two Argon2id hashes (register, then the password
    // login) on its small password pool, and a queue of thousands would only time out there.
    while (m_loggingIn < m_plan.logins && m_nextLogin < static_cast<qsizetype>(m_devices.size())) {
        const qsizetype at = m_nextLogin++;
        Device &device = m_devices[static_cast<std::size_t>(at)];
        device.client = std::make_unique<WireClient>(m_plan.certificate, m_plan.lowDelay);
        ++m_loggingIn;
        WireClient::Login login;
        login.user = device.user;
        login.password = m_plan.passwordSeed + '-' + QByteArray::number(device.number);
        login.createAccount = true;
        login.device = {device.deviceId, u"Bench %1"_s.arg(device.number), u"linux"_s};
        device.client->logIn(m_plan.port, login, [this, at](Result<QString> token) {
            --m_loggingIn;
            WireClient &client = *m_devices[static_cast<std::size_t>(at)].client;
            if (token) {
                client.setPushHandler([this, at](const Frame &frame) { onPush(at, frame); });
                client.setFailureHandler([this](const QString &why) {
                    ++m_totals.disconnects;
                    failed(u"connection lost: %1"_s.arg(why));
                });
                ++m_progress.ready;
            } else {
                failed(u"login of %1: %2"_s.arg(m_devices[static_cast<std::size_t>(at)].user, token.error().message));
            }
            logIn();
        });
    }
}

void RelayFleet::pair()
{
    for (std::size_t first = 0; first + 1 < m_devices.size(); first += 2) {
        Device &asking = m_devices[first];
        Device &accepting = m_devices[first + 1];
        if (!asking.client || !accepting.client)
            continue;
        asking.client->request(wire::contactAdd, {{u"user"_s, accepting.user}}, [this, first](const Frame &added) {
            if (added.type == wire::error)
                return failed(u"contact-add: %1"_s.arg(wire::errorOf(added).message));
            const Device &from = m_devices[first];
            const QCborMap name{{u"user"_s, from.user}};
            m_devices[first + 1].client->request(wire::contactAccept, name, [this](const Frame &accepted) {
                if (accepted.type == wire::error)
                    return failed(u"contact-accept: %1"_s.arg(wire::errorOf(accepted).message));
                m_progress.paired += 2;
            });
        });
    }
}

void RelayFleet::run(const Schedule &schedule)
{
    m_schedule = schedule;
    m_pacing = Pacing(schedule.startNs, schedule.untilNs, schedule.perSecond);
    m_issued = 0;
    m_tick.start(1);
}

void RelayFleet::tick()
{
    const qint64 now = LoadMessage::nowNs();
    for (const qint64 due = m_pacing.dueBy(now); m_issued < due; ++m_issued) {
        const qsizetype from = m_nextSender;
        m_nextSender = (m_nextSender + 1) % static_cast<qsizetype>(m_devices.size());
        if (m_backlog.load(std::memory_order_relaxed) >= m_backlogLimit) {
            ++m_totals.skipped;
            continue;
        }
        send(from, m_pacing.dueAt(m_issued));
    }
    if (m_pacing.isOver(now))
        m_tick.stop();
}

void RelayFleet::send(qsizetype from, qint64 dueNs)
{
    Device &device = m_devices[static_cast<std::size_t>(from)];
    const Device &partner = m_devices[static_cast<std::size_t>(from ^ 1)];
    const qint64 seq = device.nextSeq++;
    device.confirmed.push_back(0);
    const Record record = LoadMessage::record(device.user, partner.user, device.deviceId,
                                              LoadMessage::body({seq, dueNs}, m_plan.bodyChars),
                                              QDateTime::currentMSecsSinceEpoch());
    ++m_backlog;
    ++m_progress.sent;
    ++m_totals.sent;
    if (measured(dueNs)) {
        ++m_totals.sentMeasured;
        m_totals.lateness.push_back(LoadMessage::nowNs() - dueNs);
    }
    device.client->request(wire::send, LoadMessage::sendBody(record), [this, from, seq, dueNs](const Frame &answer) {
        --m_backlog;
        if (answer.type == wire::error) {
            ++m_totals.sendErrors;
            if (m_totals.firstError.isEmpty())
                m_totals.firstError = u"send: %1"_s.arg(wire::errorOf(answer).message);
            return;
        }
        m_devices[static_cast<std::size_t>(from)].confirmed[static_cast<std::size_t>(seq)] = 1;
        ++m_totals.confirmed;
        ++m_progress.confirmed;
        if (measured(dueNs))
            m_totals.confirmLatencies.push_back(LoadMessage::nowNs() - dueNs);
    });
}

void RelayFleet::onPush(qsizetype to, const Frame &frame)
{
    if (frame.type != wire::deliver)
        return; // presence and contact pushes
    const qint64 now = LoadMessage::nowNs();
    Device &device = m_devices[static_cast<std::size_t>(to)];
    const QString &partner = m_devices[static_cast<std::size_t>(to ^ 1)].user;
    QCborArray seqs;
    for (const QCborValue &item : frame.body.value(u"records"_s).toArray()) {
        const QCborMap delivery = item.toMap();
        seqs.append(delivery.value(u"seq"_s));
        const QCborMap record = delivery.value(u"record"_s).toMap();
        const auto stamp = LoadMessage::stampOf(record.value(u"body"_s).toString());
        if (!stamp || stamp->seq >= highestSeq || record.value(u"sender"_s).toString() != partner) {
            ++m_totals.foreign;
            continue;
        }
        const auto seq = static_cast<std::size_t>(stamp->seq);
        if (seq >= device.seen.size())
            device.seen.resize(std::max(seq + 1, 2 * device.seen.size()), 0);
        if (device.seen[seq]) {
            ++m_totals.duplicated;
            continue;
        }
        device.seen[seq] = 1;
        ++m_totals.delivered;
        ++m_progress.delivered;
        if (measured(now))
            ++m_totals.deliveredMeasured;
        if (measured(stamp->dueNs))
            m_totals.latencies.push_back(now - stamp->dueNs);
    }
    // As a client does once its store has the records (Session::onDeliver): the server may drop them.
    device.client->push(wire::ack, {{u"seqs"_s, seqs}});
}

RelayFleet::Totals RelayFleet::totals() const
{
    Totals totals = m_totals;
    for (std::size_t at = 0; at < m_devices.size(); ++at) {
        const Device &device = m_devices[at];
        const std::vector<quint8> &seen = m_devices[at ^ 1].seen;
        for (std::size_t seq = 0; seq < device.confirmed.size(); ++seq) {
            if (seq < seen.size() && seen[seq])
                continue;
            ++(device.confirmed[seq] ? totals.lost : totals.unconfirmed);
        }
    }
    return totals;
}

void RelayFleet::closeAll()
{
    m_tick.stop();
    m_devices.clear();
}

} // namespace huiji::bench

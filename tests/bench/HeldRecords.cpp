#include "HeldRecords.h"

#include "LoadMessage.h"
#include "MessageText.h"
#include "Wait.h"

#include "protocol/Wire.h"

#include <QCborArray>
#include <QDateTime>
#include <QRandomGenerator>

#include <tuple>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

constexpr int stepTimeoutMs = 600'000;

} // namespace

HeldRecords::HeldRecords(Options options) : m_options(std::move(options)) {}

HeldRecords::~HeldRecords() = default;

QList<DeviceInfo> HeldRecords::devices() const
{
    QList<DeviceInfo> devices;
    for (const Sender &sender : m_senders)
        devices.append(sender.device);
    return devices;
}

bool HeldRecords::waitFor(const std::function<bool()> &done, const char *what)
{
    if (!Wait::until([&] { return done() || !m_failure.isEmpty(); }, stepTimeoutMs) && m_failure.isEmpty())
        m_failure = u"%1 took longer than %2 s"_s.arg(QLatin1StringView(what)).arg(stepTimeoutMs / 1000);
    return m_failure.isEmpty();
}

Result<QString> HeldRecords::logIn(WireClient &client, const WireClient::Login &login)
{
    std::optional<Result<QString>> result;
    client.logIn(m_options.port, login, [&result](Result<QString> token) { result = std::move(token); });
    if (!waitFor([&] { return result.has_value(); }, "a login"))
        return fail(ErrorCode::NetworkFailure, m_failure);
    return *result;
}

void HeldRecords::ackAndCount(WireClient &client, const Frame &frame, qsizetype &count)
{
    if (frame.type != wire::deliver)
        return;
    QCborArray seqs;
    for (const QCborValue &item : frame.body.value(u"records"_s).toArray())
        seqs.append(item.toMap().value(u"seq"_s));
    count += seqs.size();
    client.push(wire::ack, {{u"seqs"_s, seqs}});
}

Result<void> HeldRecords::make()
{
    // Bob, then alice's three devices: the laptop logs in with the password, the others with the
    // token it got, as a user's devices do after the first login.
    m_bob = std::make_unique<WireClient>(m_options.certificate);
    WireClient::Login bob{m_options.bob, m_options.bobPassword, {}, true,
                          {u"bob-phone"_s, u"Bob's phone"_s, u"android"_s}};
    if (auto token = logIn(*m_bob, bob); !token)
        return std::unexpected(token.error());
    m_bob->setPushHandler([this](const Frame &frame) { ackAndCount(*m_bob, frame, m_bobReceived); });

    QString token;
    for (const auto &[id, name, platform] : {std::tuple(u"alice-laptop"_s, u"Laptop"_s, u"linux"_s),
                                             std::tuple(u"alice-phone"_s, u"Phone"_s, u"android"_s),
                                             std::tuple(u"alice-tablet"_s, u"Tablet"_s, u"ios"_s)}) {
        Sender sender;
        sender.device = {id, name, platform};
        sender.client = std::make_unique<WireClient>(m_options.certificate);
        WireClient::Login login{m_options.alice, token.isEmpty() ? m_options.alicePassword : QByteArray(), token,
                                false, sender.device};
        auto loggedIn = logIn(*sender.client, login);
        if (!loggedIn)
            return std::unexpected(loggedIn.error());
        token = *loggedIn;
        m_senders.push_back(std::move(sender));
    }
    for (Sender &sender : m_senders)
        sender.client->setPushHandler([this, &sender](const Frame &frame) {
            ackAndCount(*sender.client, frame, sender.received);
        });

    std::optional<Frame> accepted;
    const QCborMap bobsName{{u"user"_s, m_options.bob}};
    m_senders.front().client->request(wire::contactAdd, bobsName, [this, &accepted](const Frame &added) {
        if (added.type == wire::error) {
            m_failure = u"contact-add: %1"_s.arg(wire::errorOf(added).message);
            return;
        }
        m_bob->request(wire::contactAccept, {{u"user"_s, m_options.alice}},
                       [&accepted](const Frame &answer) { accepted = answer; });
    });
    if (!waitFor([&] { return accepted.has_value(); }, "contact-add and contact-accept"))
        return fail(ErrorCode::NetworkFailure, m_failure);
    if (accepted->type == wire::error)
        return fail(ErrorCode::NetworkFailure, u"contact-accept: %1"_s.arg(wire::errorOf(*accepted).message));

    // Every text first, so that sending is only encoding; the senders take turns, record by record,
    // a second apart, as if written over the last day or so while the desktop was off. (Written
    // within the same millisecond, two equal short texts would be one record to the store, which
    // also recognises records by their content.)
    QRandomGenerator rng(m_options.seed);
    const qint64 firstWritten = QDateTime::currentMSecsSinceEpoch() - m_options.records * 1000;
    const MessageText::Style styles[] = {MessageText::Style::Chinese, MessageText::Style::Mixed,
                                         MessageText::Style::English};
    m_records.reserve(m_options.records);
    for (qsizetype index = 0; index < m_options.records; ++index) {
        const Sender &sender = m_senders[static_cast<std::size_t>(index) % m_senders.size()];
        m_records.append(LoadMessage::record(m_options.alice, m_options.bob, sender.device.id,
                                             MessageText::body(rng, styles[index % 3]), firstWritten + index * 1000));
    }
    const qint64 start = LoadMessage::nowNs();
    for (std::size_t sender = 0; sender < m_senders.size(); ++sender) {
        m_senders[sender].next = static_cast<qsizetype>(sender);
        for (int i = 0; i < m_options.window; ++i)
            sendNext(sender);
    }
    if (!waitFor([this] { return m_held == m_records.size(); }, "sending"))
        return fail(ErrorCode::NetworkFailure, m_failure);
    m_sendSeconds = static_cast<double>(LoadMessage::nowNs() - start) / 1e9;

    // Each record also went to bob and to the two senders that did not send it.
    const qsizetype total = m_records.size();
    const qsizetype senders = std::ssize(m_senders);
    const auto othersHaveTheirs = [&] {
        if (m_bobReceived < total)
            return false;
        for (qsizetype sender = 0; sender < senders; ++sender) {
            const qsizetype own = (total - sender + senders - 1) / senders; // records sender, sender + 3, ...
            if (m_senders[static_cast<std::size_t>(sender)].received < total - own)
                return false;
        }
        return true;
    };
    if (!waitFor(othersHaveTheirs, "the other devices' deliveries"))
        return fail(ErrorCode::NetworkFailure, m_failure);
    for (Sender &sender : m_senders)
        sender.client->close();
    m_bob->close();
    return {};
}

void HeldRecords::sendNext(std::size_t sender)
{
    Sender &from = m_senders[sender];
    if (from.next >= m_records.size())
        return;
    const qsizetype index = from.next;
    from.next += std::ssize(m_senders);
    const QCborMap body = LoadMessage::sendBody(m_records[index]);
    from.client->request(wire::send, body, [this, sender, index](const Frame &answer) {
        if (answer.type == wire::error) {
            if (m_failure.isEmpty())
                m_failure = u"send: %1"_s.arg(wire::errorOf(answer).message);
            return;
        }
        // Held from here on: the server answers a send once the message and its inbox rows,
        // the terminal's among them, are committed.
        Record &record = m_records[index];
        record.serverTime = answer.body.value(u"serverTime"_s).toInteger();
        record.arrival = Arrival::Relayed;
        ++m_held;
        sendNext(sender);
    });
}

} // namespace huiji::bench

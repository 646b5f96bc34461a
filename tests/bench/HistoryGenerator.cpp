#include "HistoryGenerator.h"

#include "MessageText.h"

#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

constexpr qint64 second = 1000;
constexpr qint64 minute = 60 * second;
constexpr qint64 hour = 60 * minute;
constexpr qint64 day = 24 * hour;
constexpr qint64 historyStart = 1654041600000; // 2022-06-01T00:00:00Z
constexpr int historyDays = 730;

// How busy each hour of the day is.
constexpr std::array<int, 24> hourWeights = {2, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9,
                                             12, 10, 9, 9, 9, 10, 11, 12, 14, 14, 10, 5};
// Device 0 (the storage terminal, a laptop) keeps the right time; the others run a little off.
constexpr std::array<qint64, HistoryGenerator::deviceCount> clockSkew = {0, 1200, -35 * second,
                                                                        4 * minute};
// The phone is used most.
constexpr std::array<int, HistoryGenerator::deviceCount> deviceWeights = {30, 45, 15, 10};

quint64 splitmix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

template <std::size_t N>
int weighted(QRandomGenerator &rng, const std::array<int, N> &weights)
{
    int total = 0;
    for (int weight : weights)
        total += weight;
    int draw = rng.bounded(total);
    for (std::size_t i = 0; i < N; ++i) {
        if (draw < weights[i])
            return static_cast<int>(i);
        draw -= weights[i];
    }
    return static_cast<int>(N) - 1;
}

double exponential(QRandomGenerator &rng, double mean)
{
    return -mean * std::log(1.0 - rng.generateDouble());
}

MessageText::Style styleOf(int contact)
{
    const int kind = contact % 20;
    if (kind < 12)
        return MessageText::Style::Chinese;
    return kind < 17 ? MessageText::Style::Mixed : MessageText::Style::English;
}

QUuid uuidFrom(quint64 high, quint64 low)
{
    std::array<uchar, 16> bytes{};
    for (std::size_t i = 0; i < 8; ++i) {
        bytes[i] = static_cast<uchar>(high >> (8 * (7 - i)));
        bytes[8 + i] = static_cast<uchar>(low >> (8 * (7 - i)));
    }
    return QUuid::fromRfc4122(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
}

} // namespace

HistoryGenerator::HistoryGenerator(const Options &options)
    : m_options(options)
    , m_account(u"lin.xiaoyu"_s)
{
    const QStringList surnames = {u"zhang"_s, u"wang"_s, u"li"_s,    u"zhao"_s, u"chen"_s,
                                  u"liu"_s,   u"yang"_s, u"huang"_s, u"wu"_s,   u"zhou"_s};
    const QStringList givenNames = {u"wei"_s, u"fang"_s, u"na"_s, u"min"_s, u"jing"_s};
    for (const QString &given : givenNames)
        for (const QString &surname : surnames)
            m_contacts << surname + u'.' + given;

    const std::array<std::array<QString, 2>, deviceCount> devices = {{
        {u"ThinkPad X1 Carbon"_s, u"linux"_s},
        {u"iPhone 13"_s, u"ios"_s},
        {u"MatePad 11"_s, u"android"_s},
        {u"Office PC"_s, u"windows"_s},
    }};
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const QUuid id = uuidFrom(splitmix(m_options.seed + i), splitmix(~m_options.seed - i));
        m_devices << DeviceInfo{id.toString(QUuid::WithoutBraces), devices[i][0], devices[i][1]};
    }

    planConversations();
    planDeliveries();
}

void HistoryGenerator::planConversations()
{
    QRandomGenerator rng(static_cast<quint32>(m_options.seed));
    // A few contacts get most of the messages (Zipf).
    std::vector<double> contactCumulative;
    double total = 0;
    for (int c = 0; c < contactCount; ++c)
        contactCumulative.push_back(total += 1.0 / (c + 1));

    const auto count = static_cast<std::size_t>(m_options.records);
    m_plan.reserve(count);
    while (m_plan.size() < count) {
        qint64 time = historyStart + rng.bounded(historyDays) * day + weighted(rng, hourWeights) * hour
            + rng.bounded(static_cast<int>(hour));
        const double draw = rng.generateDouble() * total;
        const auto contact = static_cast<quint8>(std::min<std::ptrdiff_t>(
            std::lower_bound(contactCumulative.begin(), contactCumulative.end(), draw)
                - contactCumulative.begin(),
            contactCount - 1));
        const auto device = static_cast<quint8>(weighted(rng, deviceWeights));
        const auto length = 1 + static_cast<int>(exponential(rng, 14));
        bool outgoing = rng.bounded(2) == 1;
        for (int k = 0; k < length && m_plan.size() < count; ++k) {
            m_plan.push_back({time, contact, device, 0,
                              static_cast<quint8>(outgoing ? Outgoing : 0)});
            time += 2 * second + static_cast<qint64>(exponential(rng, 40.0 * second));
            if (rng.generateDouble() < 0.05)
                time += static_cast<qint64>(exponential(rng, 25.0 * minute));
            if (rng.generateDouble() < 0.55)
                outgoing = !outgoing;
        }
    }
    std::stable_sort(m_plan.begin(), m_plan.end(),
                     [](const Planned &a, const Planned &b) { return a.time < b.time; });

    for (Planned &planned : m_plan) {
        if (rng.generateDouble() < 0.85)
            planned.flags |= HasServerTime;
        if (rng.generateDouble() < m_options.duplicateShare) {
            planned.flags |= Duplicated;
            planned.copyDevice =
                static_cast<quint8>((planned.device + 1 + rng.bounded(deviceCount - 1)) % deviceCount);
        }
    }
}

void HistoryGenerator::planDeliveries()
{
    QRandomGenerator rng(static_cast<quint32>(m_options.seed >> 7) ^ 0x5eedu);
    const qsizetype size = m_options.batchSize;
    const qsizetype count = uniqueCount();

    // A copy comes due 1 to 50 batches after its original was delivered.
    struct Due {
        qsizetype due;
        quint32 index;
    };
    std::vector<Due> dues;
    for (qsizetype i = 0; i < count; ++i)
        if (m_plan[static_cast<std::size_t>(i)].flags & Duplicated)
            dues.push_back({i + size + rng.bounded(static_cast<int>(49 * size)), static_cast<quint32>(i)});
    std::stable_sort(dues.begin(), dues.end(), [](const Due &a, const Due &b) { return a.due < b.due; });
    m_duplicates = static_cast<qsizetype>(dues.size());

    auto next = dues.begin();
    const auto emitRetried = [&](std::ptrdiff_t n) {
        Batch batch{true, {}};
        for (auto it = next; it != next + n; ++it)
            batch.records.push_back(it->index);
        next += n;
        m_batches.push_back(std::move(batch));
    };
    for (qsizetype start = 0; start < count; start += size) {
        const qsizetype end = std::min(count, start + size);
        Batch batch{false, {}};
        for (qsizetype i = start; i < end; ++i)
            batch.records.push_back(static_cast<quint32>(i));
        m_batches.push_back(std::move(batch));
        // Retries go out once a full batch of them has come due.
        for (;;) {
            const auto ready = std::partition_point(next, dues.end(), [end](const Due &d) { return d.due < end; });
            if (ready - next < size)
                break;
            emitRetried(size);
        }
    }
    while (next != dues.end())
        emitRetried(std::min<std::ptrdiff_t>(size, dues.end() - next));
}

quint64 HistoryGenerator::hashOf(quint32 index, quint64 salt) const
{
    return splitmix(splitmix(m_options.seed ^ (salt << 56)) + index);
}

QUuid HistoryGenerator::idOf(quint32 index) const
{
    // UUIDv7 as RecordId makes it, with the random bits drawn from the seed.
    const Planned &planned = m_plan[index];
    const auto millis = static_cast<quint64>(planned.time + clockSkew[planned.device]);
    const quint64 high = (millis << 16) | 0x7000u | (hashOf(index, 2) & 0x0fffu);
    const quint64 low = (hashOf(index, 3) & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
    return uuidFrom(high, low);
}

Record HistoryGenerator::original(quint32 index) const
{
    const Planned &planned = m_plan[index];
    const quint64 hash = hashOf(index, 1);
    const quint32 seed[2] = {static_cast<quint32>(hash), static_cast<quint32>(hash >> 32)};
    QRandomGenerator rng(seed);

    Record record;
    record.id = idOf(index);
    record.account = m_account;
    record.contact = m_contacts.at(planned.contact);
    record.direction = (planned.flags & Outgoing) ? Direction::Outgoing : Direction::Incoming;
    record.sender = record.direction == Direction::Outgoing ? m_account : record.contact;
    record.body = MessageText::body(rng, styleOf(planned.contact));
    record.originDevice = m_devices.at(planned.device).id;
    record.deviceTime = planned.time + clockSkew[planned.device];
    if (planned.flags & HasServerTime)
        record.serverTime = planned.time + 20 + static_cast<qint64>(hash >> 54); // up to ~1 s late
    record.arrival = planned.device == 0 ? Arrival::Local : Arrival::Relayed;
    return record;
}

Record HistoryGenerator::copy(quint32 index) const
{
    Record record = original(index);
    record.originDevice = m_devices.at(m_plan[index].copyDevice).id;
    record.arrival = Arrival::Collected;
    return record;
}

QList<Record> HistoryGenerator::records(const Batch &batch) const
{
    QList<Record> records;
    records.reserve(static_cast<qsizetype>(batch.records.size()));
    for (quint32 index : batch.records)
        records << (batch.retried ? copy(index) : original(index));
    return records;
}

} // namespace huiji::bench

#include "protocol/Record.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Result<void> validate(const Record &record)
{
    const auto missing = [](const char *field) {
        return fail(ErrorCode::InvalidRecord,
                    u"record has no %1"_s.arg(QLatin1StringView(field)));
    };
    if (record.account.isEmpty())
        return missing("account");
    if (record.contact.isEmpty())
        return missing("contact");
    if (record.sender.isEmpty())
        return missing("sender");
    if (record.body.isEmpty())
        return missing("body");
    if (record.originDevice.isEmpty())
        return missing("origin device");
    if (record.deviceTime <= 0 || record.deviceTime > maxRecordTime)
        return fail(ErrorCode::InvalidRecord,
                    u"record time %1 is out of range"_s.arg(record.deviceTime));
    if (record.serverTime && (*record.serverTime <= 0 || *record.serverTime > maxRecordTime))
        return fail(ErrorCode::InvalidRecord,
                    u"server time %1 is out of range"_s.arg(*record.serverTime));
    return {};
}

QByteArray contentKey(const Record &record)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    // Big-endian, length-prefixed fields: no two different tuples share an encoding, and every
    // machine computes the same key.
    const auto addNumber = [&hash](qint64 number) {
        const qint64 big = qToBigEndian(number);
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&big), sizeof big));
    };
    const auto addText = [&](const QString &text) {
        const QByteArray utf8 = text.toUtf8();
        addNumber(utf8.size());
        hash.addData(utf8);
    };
    addText(record.account);
    addText(record.contact);
    addText(record.sender);
    addNumber(record.deviceTime);
    addText(record.body);
    // The time leads, so that the keys of records merged together sit together in an index
    // instead of landing on a random page each.
    const qint64 time = qToBigEndian(record.deviceTime);
    return QByteArray(reinterpret_cast<const char *>(&time), sizeof time) + hash.result().first(8);
}

QString directionName(Direction direction)
{
    return direction == Direction::Incoming ? u"in"_s : u"out"_s;
}

std::optional<Direction> directionFromName(QStringView name)
{
    if (name == u"in")
        return Direction::Incoming;
    if (name == u"out")
        return Direction::Outgoing;
    return std::nullopt;
}

namespace {
constexpr std::pair<Arrival, const char16_t *> arrivalNames[] = {
    {Arrival::Local, u"local"},         {Arrival::Relayed, u"relayed"},
    {Arrival::Collected, u"collected"}, {Arrival::Direct, u"direct"},
    {Arrival::Imported, u"imported"},
};
} // namespace

QString arrivalName(Arrival arrival)
{
    for (const auto &[value, name] : arrivalNames)
        if (value == arrival)
            return QString::fromUtf16(name);
    return {};
}

std::optional<Arrival> arrivalFromName(QStringView name)
{
    for (const auto &[value, text] : arrivalNames)
        if (name == QStringView(text))
            return value;
    return std::nullopt;
}

} // namespace huiji

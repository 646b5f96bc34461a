#include "protocol/RecordId.h"

#include <QRandomGenerator>

#include <array>

namespace huiji {

QUuid RecordId::create(qint64 unixMillis)
{
    std::array<uchar, 16> bytes{};
    QRandomGenerator::system()->generate(bytes.begin() + 6, bytes.end());
    const auto millis = static_cast<quint64>(unixMillis);
    for (int i = 0; i < 6; ++i)
        bytes[static_cast<size_t>(i)] = static_cast<uchar>(millis >> (8 * (5 - i)));
    bytes[6] = static_cast<uchar>(0x70 | (bytes[6] & 0x0f)); // version 7
    bytes[8] = static_cast<uchar>(0x80 | (bytes[8] & 0x3f)); // RFC 9562 variant
    return QUuid::fromRfc4122(QByteArrayView(bytes.data(), bytes.size()));
}

qint64 RecordId::timeOf(const QUuid &id)
{
    const QByteArray bytes = id.toRfc4122();
    if ((static_cast<uchar>(bytes[6]) >> 4) != 7)
        return -1;
    quint64 millis = 0;
    for (int i = 0; i < 6; ++i)
        millis = (millis << 8) | static_cast<uchar>(bytes[i]);
    return static_cast<qint64>(millis);
}

} // namespace huiji

#include "server/engine/SessionToken.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace huiji {

SessionToken::Issued SessionToken::issue()
{
    std::array<quint32, 8> random{};
    QRandomGenerator::system()->fillRange(random.data(), random.size());
    const QByteArray raw(reinterpret_cast<const char *>(random.data()), sizeof random);
    const QByteArray token = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return {token, hashOf(token)};
}

QByteArray SessionToken::hashOf(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

} // namespace huiji

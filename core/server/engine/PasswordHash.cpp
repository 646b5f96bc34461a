#include "server/engine/PasswordHash.h"

#include <QRandomGenerator>

#include <argon2.h>

#include <array>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr quint32 hashBytes = 32;
constexpr quint32 saltBytes = 16;
} // namespace

Result<QByteArray> PasswordHash::create(QByteArrayView password, const Cost &cost)
{
    if (password.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"a password cannot be empty"_s);
    std::array<quint32, saltBytes / 4> salt{};
    QRandomGenerator::system()->fillRange(salt.data(), salt.size());
    QByteArray encoded(static_cast<qsizetype>(argon2_encodedlen(cost.passes, cost.memoryKiB, cost.lanes,
                                                                 saltBytes, hashBytes, Argon2_id)),
                       Qt::Uninitialized);
    const int result = argon2id_hash_encoded(cost.passes, cost.memoryKiB, cost.lanes, password.data(),
                                             static_cast<size_t>(password.size()), salt.data(), saltBytes,
                                             hashBytes, encoded.data(), static_cast<size_t>(encoded.size()));
    if (result != ARGON2_OK)
        return fail(ErrorCode::InvalidArgument,
                    u"cannot hash the password: %1"_s.arg(QLatin1StringView(argon2_error_message(result))));
    encoded.truncate(static_cast<qsizetype>(qstrlen(encoded.constData()))); // the string is NUL-terminated
    return encoded;
}

Result<bool> PasswordHash::verify(QByteArrayView encoded, QByteArrayView password)
{
    const QByteArray terminated = encoded.toByteArray(); // argon2 reads a C string
    const int result = argon2id_verify(terminated.constData(), password.data(), static_cast<size_t>(password.size()));
    if (result == ARGON2_OK)
        return true;
    if (result == ARGON2_VERIFY_MISMATCH)
        return false;
    return fail(ErrorCode::InvalidArgument,
                u"the stored password hash is unreadable: %1"_s.arg(QLatin1StringView(argon2_error_message(result))));
}

} // namespace huiji

#pragma once

#include "protocol/Error.h"

#include <QByteArray>

namespace huiji {

// Argon2id password hashes in the PHC string form ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"),
// which carries its own cost, so hashes made with older costs still verify after a change.
class PasswordHash
{
public:
    struct Cost {
        quint32 passes = 2;             // OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane
        quint32 memoryKiB = 19 * 1024;
        quint32 lanes = 1;
    };

    static Result<QByteArray> create(QByteArrayView password, const Cost &cost);
    static Result<QByteArray> create(QByteArrayView password) { return create(password, Cost{}); }

    // True when the password matches; an error when the stored hash itself is unreadable.
    static Result<bool> verify(QByteArrayView encoded, QByteArrayView password);
};

} // namespace huiji

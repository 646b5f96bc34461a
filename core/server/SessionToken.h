#pragma once

#include <QByteArray>

namespace huiji {

// Session tokens: 32 random bytes handed to the client once; the server keeps only their SHA-256,
// so a copy of its database does not let anyone log in.
class SessionToken
{
public:
    struct Issued {
        QByteArray token; // base64url, for the client
        QByteArray hash;  // for the server's database
    };

    static Issued issue();
    static QByteArray hashOf(QByteArrayView token);
};

} // namespace huiji

#pragma once

#include <QByteArray>

namespace huiji {

// Device credentials: 32 random bytes handed to one device once; the server keeps only their
// SHA-256 (AccountDirectory binds it to the device), so a copy of its database lets nobody log in.
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

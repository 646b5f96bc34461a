#pragma once

#include "protocol/Error.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace huiji {

// Secrets in the desktop's secret store (QtKeychain: the Secret Service, gnome-keyring or KWallet
// on Linux), never in the profile: a remembered password, and each device's own credential (the
// server's token for this device id). Without a secret store the calls fail; nothing is ever
// written to a plain file instead. Each call waits for the keychain's answer.
class CredentialStore
{
public:
    // The entry for a user's password on a server: "alice@chat.example.org:7468".
    static QString keyFor(const QString &user, const QString &host, quint16 port);
    // The entry for one device's credential: "alice@chat.example.org:7468 device <id>", so that
    // the profiles of several devices on one machine keep theirs apart.
    static QString deviceKeyFor(const QString &user, const QString &host, quint16 port, const QString &deviceId);

    static Result<std::optional<QByteArray>> read(const QString &key); // nothing when not saved
    static Result<void> write(const QString &key, const QByteArray &password);
    static Result<void> remove(const QString &key);
};

} // namespace huiji

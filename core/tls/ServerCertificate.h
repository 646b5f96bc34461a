#pragma once

#include "protocol/Error.h"

#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace huiji {

// The server's TLS identity. No CA vouches for a home server, so clients pin the certificate's
// fingerprint on first use: the pair is made once and kept, and a lone, unreadable or mismatched
// file is an error for the operator to look at, never a reason to make a new pair silently.
class ServerCertificate
{
public:
    // Loads the certificate and private key (PEM) from the two paths. When neither file exists,
    // makes a self-signed certificate (EC P-256 key, SHA-256 signature, valid 10 years, subject
    // CN = commonName, subjectAltName naming commonName, localhost and 127.0.0.1) and writes both
    // files, the key readable by its owner only. InvalidArgument names the path of a lone, unreadable
    // or mismatched file (or an unusable commonName); StorageFailure names the path that could not
    // be read or written.
    static Result<ServerCertificate> loadOrCreate(const QString &certificatePath, const QString &keyPath,
                                                  const QString &commonName);

    QSslCertificate certificate() const { return m_certificate; }
    QSslKey privateKey() const { return m_privateKey; }
    bool created() const { return m_created; } // true when loadOrCreate made it just now

    // SHA-256 of the DER certificate as upper-case hex pairs joined by ':' (what clients pin and
    // huijid prints).
    QString fingerprint() const { return fingerprintOf(m_certificate); }
    static QString fingerprintOf(const QSslCertificate &certificate);

private:
    ServerCertificate(QSslCertificate certificate, QSslKey privateKey, bool created);

    QSslCertificate m_certificate;
    QSslKey m_privateKey;
    bool m_created = false;
};

} // namespace huiji

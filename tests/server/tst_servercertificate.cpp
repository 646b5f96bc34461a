// The server's TLS identity: made once (self-signed EC P-256, the key owner-only) and then loaded
// unchanged; it names the server, serves a real TLS handshake, and a lone, unreadable or
// mismatched file is refused with its path rather than replaced.

#include "tls/ServerCertificate.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificateExtension>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString commonName = u"huiji.test"_s;

// A real passphrase-protected key, made up for this test: it is refused, not asked about.
const QByteArray encryptedKey = QByteArrayLiteral(
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
    "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiIrRV9s6ohSQICCAAw\n"
    "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEADFzgS08PsXoGqrMED7BYQEgZAE\n"
    "8ItCmbQGC+x/dR9yXgzGRXrLEUibJ4Z3NdeqSxxJe4KLdo3itmPnRdG0eZQneYbh\n"
    "UJAM7VwLbh0xNKsBV/Cy8AAE2Kwm1lBlv67vpVEOFl9EhJuOAT4/EyoKRoktzP1A\n"
    "UJGXr8VD6RigSVYpjII7wuNPf4lZyfcYLa1N8NqwJuBgEoZgUlszkBvldU58FVM=\n"
    "-----END ENCRYPTED PRIVATE KEY-----\n");

struct Paths {
    QString certificate;
    QString key;
};

Paths pathsIn(const QTemporaryDir &dir, const QString &prefix = u"server"_s)
{
    return {dir.filePath(prefix + u".crt"_s), dir.filePath(prefix + u".key"_s)};
}

Result<ServerCertificate> loadOrCreate(const Paths &paths, const QString &name = commonName)
{
    return ServerCertificate::loadOrCreate(paths.certificate, paths.key, name);
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool overwrite(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

} // namespace

class tst_ServerCertificate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstUseCreatesBothFiles();
    void secondUseLoadsTheSameIdentity();
    void certificateNamesTheServer();
    void commonNameBecomesAnAltName_data();
    void commonNameBecomesAnAltName();
    void unusableCommonNameIsRefused();
    void servesATlsHandshake();
    void loneFileIsRefused();
    void garbageIsRefused_data();
    void garbageIsRefused();
    void keyOfAnotherCertificateIsRefused();
    void unwritableFolderIsAStorageFailure();
};

void tst_ServerCertificate::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend with OpenSSL");
}

void tst_ServerCertificate::firstUseCreatesBothFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Paths paths = pathsIn(dir);
    const auto identity = loadOrCreate(paths);
    QVERIFY2(identity, qPrintable(identity ? QString() : identity.error().message));
    QVERIFY(identity->created());

    QVERIFY(contents(paths.certificate).startsWith("-----BEGIN CERTIFICATE-----"));
    QVERIFY(contents(paths.key).startsWith("-----BEGIN PRIVATE KEY-----"));
    const QFileDevice::Permissions everyone = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
        | QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
        | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QCOMPARE(QFile::permissions(paths.key) & everyone, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    const QString fingerprint = identity->fingerprint();
    QCOMPARE(fingerprint.size(), 95);
    static const QRegularExpression format(u"^([0-9A-F]{2}:){31}[0-9A-F]{2}$"_s);
    QVERIFY2(format.match(fingerprint).hasMatch(), qPrintable(fingerprint));
    QCOMPARE(fingerprint, ServerCertificate::fingerprintOf(identity->certificate()));

    const QSslKey key = identity->privateKey();
    QCOMPARE(key.algorithm(), QSsl::Ec);
    QCOMPARE(key.type(), QSsl::PrivateKey);
    QCOMPARE(key.length(), 256);
}

void tst_ServerCertificate::secondUseLoadsTheSameIdentity()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Paths paths = pathsIn(dir);
    const auto first = loadOrCreate(paths);
    QVERIFY(first);
    const QByteArray keyFile = contents(paths.key);

    const auto second = loadOrCreate(paths, u"another.name"_s);
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
    QVERIFY(!second->created());
    QCOMPARE(second->fingerprint(), first->fingerprint());
    QCOMPARE(second->certificate(), first->certificate());
    QVERIFY(second->privateKey() == first->privateKey());
    QCOMPARE(contents(paths.key), keyFile);
    QCOMPARE(second->certificate().subjectInfo(QSslCertificate::CommonName), QStringList{commonName});
}

void tst_ServerCertificate::certificateNamesTheServer()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto identity = loadOrCreate(pathsIn(dir));
    QVERIFY(identity);
    const QSslCertificate certificate = identity->certificate();

    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName), QStringList{commonName});
    const auto altNames = certificate.subjectAlternativeNames();
    QVERIFY(altNames.values(QSsl::DnsEntry).contains(commonName));
    QVERIFY(altNames.values(QSsl::DnsEntry).contains(u"localhost"_s));
    QVERIFY(altNames.values(QSsl::IpAddressEntry).contains(u"127.0.0.1"_s));

    // Not isSelfSigned(): Qt asks OpenSSL's X509_check_issued, which also wants keyCertSign, a bit
    // RFC 5280 keeps for CAs. Verification names the certificate self-signed and finds nothing else.
    QCOMPARE(certificate.issuerInfo(QSslCertificate::CommonName), QStringList{commonName});
    QCOMPARE(QSslCertificate::verify({certificate}, commonName),
             QList<QSslError>{QSslError(QSslError::SelfSignedCertificate, certificate)});
    QCOMPARE(certificate.version(), "3");
    QCOMPARE(certificate.serialNumber().count(':'), 15); // 16 random bytes
    QVERIFY(certificate.toText().contains(u"ecdsa-with-SHA256"_s));
    QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(certificate.effectiveDate() <= now);
    QVERIFY(now < certificate.expiryDate());
    QVERIFY(qAbs(certificate.expiryDate().secsTo(now.addYears(10))) < 24 * 60 * 60);

    QStringList seen;
    for (const QSslCertificateExtension &extension : certificate.extensions()) {
        seen << extension.name();
        if (extension.name() == u"basicConstraints"_s) {
            QVERIFY(extension.isCritical());
            QCOMPARE(extension.value().toMap().value(u"ca"_s), QVariant(false));
        } else if (extension.name() == u"keyUsage"_s) {
            QVERIFY(extension.isCritical());
            QCOMPARE(extension.value().toStringList(), QStringList{u"Digital Signature"_s});
        } else if (extension.name() == u"extendedKeyUsage"_s) {
            QCOMPARE(extension.value().toStringList(), QStringList{u"TLS Web Server Authentication"_s});
        }
    }
    for (const QString &name : {u"basicConstraints"_s, u"keyUsage"_s, u"extendedKeyUsage"_s, u"subjectAltName"_s})
        QVERIFY2(seen.contains(name), qPrintable(name));
}

void tst_ServerCertificate::commonNameBecomesAnAltName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QSsl::AlternativeNameEntryType>("type");
    QTest::addColumn<QString>("altName");
    QTest::newRow("host") << u"chat.example.org"_s << QSsl::DnsEntry << u"chat.example.org"_s;
    QTest::newRow("internationalized") << u"聊天.example"_s << QSsl::DnsEntry << u"xn--rss932g.example"_s;
    QTest::newRow("IPv4") << u"192.0.2.7"_s << QSsl::IpAddressEntry << u"192.0.2.7"_s;
    QTest::newRow("IPv6") << u"2001:db8::7"_s << QSsl::IpAddressEntry << u"2001:db8::7"_s;
    QTest::newRow("localhost") << u"localhost"_s << QSsl::DnsEntry << u"localhost"_s;
}

void tst_ServerCertificate::commonNameBecomesAnAltName()
{
    QFETCH(QString, name);
    QFETCH(QSsl::AlternativeNameEntryType, type);
    QFETCH(QString, altName);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto identity = loadOrCreate(pathsIn(dir), name);
    QVERIFY2(identity, qPrintable(identity ? QString() : identity.error().message));
    QCOMPARE(identity->certificate().subjectInfo(QSslCertificate::CommonName), QStringList{name});
    const auto altNames = identity->certificate().subjectAlternativeNames();
    QVERIFY2(altNames.values(type).contains(altName), qPrintable(altNames.values(type).join(u' ')));
    QCOMPARE(altNames.values(QSsl::DnsEntry).count(u"localhost"_s), 1);
    QCOMPARE(altNames.values(QSsl::IpAddressEntry).count(u"127.0.0.1"_s), 1);
}

void tst_ServerCertificate::unusableCommonNameIsRefused()
{
    // A good host name, but longer than the 64 characters a certificate's common name may have.
    const QString tooLong = u"x"_s.repeated(60) + u".example"_s;
    for (const QString &name : {QString(), u"two words"_s, u"a,DNS:evil.example"_s, tooLong}) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Paths paths = pathsIn(dir);
        const auto identity = loadOrCreate(paths, name);
        QVERIFY2(!identity, qPrintable(name));
        QCOMPARE(identity.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!QFile::exists(paths.certificate));
        QVERIFY(!QFile::exists(paths.key));
    }
}

void tst_ServerCertificate::servesATlsHandshake()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto identity = loadOrCreate(pathsIn(dir));
    QVERIFY(identity);

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(identity->certificate());
    configuration.setPrivateKey(identity->privateKey());
    QSslServer server;
    server.setSslConfiguration(configuration);
    QVERIFY(server.listen(QHostAddress::LocalHost));

    // The name is checked against the certificate; only self-signedness is forgiven, as clients
    // that pin the fingerprint forgive it.
    QSslSocket client;
    QSignalSpy clientErrors(&client, &QSslSocket::sslErrors);
    client.ignoreSslErrors({QSslError(QSslError::SelfSignedCertificate, identity->certificate())});
    client.connectToHostEncrypted(u"127.0.0.1"_s, server.serverPort(), commonName);
    QTRY_VERIFY(client.isEncrypted());
    QTRY_VERIFY(server.hasPendingConnections());

    QCOMPARE(clientErrors.size(), 1);
    QCOMPARE(clientErrors.first().first().value<QList<QSslError>>(),
             QList<QSslError>{QSslError(QSslError::SelfSignedCertificate, identity->certificate())});
    QCOMPARE(ServerCertificate::fingerprintOf(client.peerCertificate()), identity->fingerprint());

    auto *accepted = qobject_cast<QSslSocket *>(server.nextPendingConnection());
    QVERIFY(accepted);
    QVERIFY(accepted->isEncrypted());
    QCOMPARE(client.write("hello"), 5);
    QTRY_COMPARE(accepted->bytesAvailable(), 5);
    QCOMPARE(accepted->readAll(), "hello");
}

void tst_ServerCertificate::loneFileIsRefused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Paths paths = pathsIn(dir);
    QVERIFY(loadOrCreate(paths));
    const QByteArray certificateFile = contents(paths.certificate);
    const QByteArray keyFile = contents(paths.key);

    QVERIFY(QFile::remove(paths.key));
    auto identity = loadOrCreate(paths);
    QVERIFY(!identity);
    QCOMPARE(identity.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(identity.error().message.contains(paths.key), qPrintable(identity.error().message));
    QVERIFY(!QFile::exists(paths.key));
    QCOMPARE(contents(paths.certificate), certificateFile);

    QVERIFY(overwrite(paths.key, keyFile));
    QVERIFY(QFile::remove(paths.certificate));
    identity = loadOrCreate(paths);
    QVERIFY(!identity);
    QCOMPARE(identity.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(identity.error().message.contains(paths.certificate), qPrintable(identity.error().message));
    QVERIFY(!QFile::exists(paths.certificate));
    QCOMPARE(contents(paths.key), keyFile);
}

void tst_ServerCertificate::garbageIsRefused_data()
{
    QTest::addColumn<bool>("spoilCertificate");
    QTest::addColumn<QByteArray>("garbage");
    QTest::newRow("certificate: text") << true << QByteArray("not a certificate\n");
    QTest::newRow("certificate: empty") << true << QByteArray();
    QTest::newRow("certificate: truncated")
        << true << QByteArray("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    QTest::newRow("key: text") << false << QByteArray("not a key\n");
    QTest::newRow("key: empty") << false << QByteArray();
    QTest::newRow("key: encrypted") << false << encryptedKey;
}

void tst_ServerCertificate::garbageIsRefused()
{
    QFETCH(bool, spoilCertificate);
    QFETCH(QByteArray, garbage);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Paths paths = pathsIn(dir);
    QVERIFY(loadOrCreate(paths));
    const QString &spoilt = spoilCertificate ? paths.certificate : paths.key;
    QVERIFY(overwrite(spoilt, garbage));

    const auto identity = loadOrCreate(paths);
    QVERIFY(!identity);
    QCOMPARE(identity.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(identity.error().message.contains(spoilt), qPrintable(identity.error().message));
    QCOMPARE(contents(spoilt), garbage);
}

void tst_ServerCertificate::keyOfAnotherCertificateIsRefused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Paths first = pathsIn(dir, u"first"_s);
    const Paths second = pathsIn(dir, u"second"_s);
    QVERIFY(loadOrCreate(first));
    QVERIFY(loadOrCreate(second));

    const auto mismatched = loadOrCreate({first.certificate, second.key});
    QVERIFY(!mismatched);
    QCOMPARE(mismatched.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(mismatched.error().message.contains(second.key), qPrintable(mismatched.error().message));
    QVERIFY2(mismatched.error().message.contains(first.certificate), qPrintable(mismatched.error().message));
}

void tst_ServerCertificate::unwritableFolderIsAStorageFailure()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Paths paths = pathsIn(dir, u"missing/server"_s);
    const auto identity = loadOrCreate(paths);
    QVERIFY(!identity);
    QCOMPARE(identity.error().code, ErrorCode::StorageFailure);
    QVERIFY2(identity.error().message.contains(paths.key), qPrintable(identity.error().message));
}

QTEST_GUILESS_MAIN(tst_ServerCertificate)
#include "tst_servercertificate.moc"

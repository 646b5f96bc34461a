#include "tls/ServerCertificate.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSaveFile>
#include <QStringList>
#include <QUrl>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <memory>
#include <utility>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

template <auto freeFunction>
struct OpenSslDeleter {
    template <typename T>
    void operator()(T *object) const { freeFunction(object); }
};
using Bio = std::unique_ptr<BIO, OpenSslDeleter<BIO_free>>;
using BigNumber = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using Certificate = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using Extension = std::unique_ptr<X509_EXTENSION, OpenSslDeleter<X509_EXTENSION_free>>;
using Key = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX_free>>;

struct Identity {
    QSslCertificate certificate;
    QSslKey key;
};

constexpr qint64 maxPemBytes = 1024 * 1024; // far more than any certificate chain or key
constexpr int validityYears = 10;
constexpr qint64 backdateSeconds = 60 * 60;
constexpr int serialBytes = 16;

// OpenSSL keeps its reasons in a per-thread queue. Take them all: the message then says what OpenSSL
// saw, and none is left behind for Qt's TLS backend, which shares the queue, to misread later.
std::unexpected<Error> openSslFailure(ErrorCode code, const QString &message)
{
    QStringList reasons;
    while (const unsigned long error = ERR_get_error())
        if (const char *reason = ERR_reason_error_string(error))
            reasons << QString::fromLatin1(reason);
    reasons.removeDuplicates();
    return fail(code, reasons.isEmpty() ? message : u"%1 (%2)"_s.arg(message, reasons.join(u"; "_s)));
}

// TLS clients match the name they dialled against subjectAltName, not the subject: the common name
// goes in as an IP entry when it is an address, else as a DNS entry in its ASCII (punycode) form.
// QUrl::toAce returns nothing for anything but a valid host name, which also keeps commas and colons
// out of OpenSSL's "DNS:a,IP:b" list.
Result<QByteArray> subjectAltNames(const QString &commonName)
{
    QStringList names;
    if (const QHostAddress address(commonName); !address.isNull()) {
        names << u"IP:"_s + address.toString();
    } else {
        const QByteArray ace = QUrl::toAce(commonName);
        if (ace.isEmpty())
            return fail(ErrorCode::InvalidArgument,
                        u"\"%1\" is neither a host name nor an IP address, so it cannot name the server's certificate"_s
                            .arg(commonName));
        names << u"DNS:"_s + QString::fromLatin1(ace);
    }
    names << u"DNS:localhost"_s << u"IP:127.0.0.1"_s;
    names.removeDuplicates();
    return names.join(u',').toLatin1();
}

template <typename Write>
Result<QByteArray> toPem(Write write)
{
    const Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        return openSslFailure(ErrorCode::ServerFailure, u"cannot write PEM"_s);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

Result<Identity> qtIdentity(const QByteArray &certificatePem, const QByteArray &keyPem, QSsl::KeyAlgorithm algorithm)
{
    Identity identity{QSslCertificate(certificatePem, QSsl::Pem),
                      QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey)};
    if (identity.certificate.isNull() || identity.key.isNull())
        return fail(ErrorCode::ServerFailure,
                    u"Qt's TLS backend cannot read the certificate and key (is its OpenSSL plugin installed?)"_s);
    return identity;
}

Result<QByteArray> readPem(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::StorageFailure, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    if (file.size() > maxPemBytes)
        return fail(ErrorCode::InvalidArgument, u"%1 is too large to be a PEM file"_s.arg(path));
    const QByteArray pem = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::StorageFailure, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return pem;
}

// Atomic, so that a crash never leaves half a PEM file behind. The permissions go on the temporary
// file before the first byte is written, so the key is never readable by others, not even briefly.
Result<void> writeAtomically(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions) || file.write(data) != data.size()
        || !file.commit())
        return fail(ErrorCode::StorageFailure, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}

Result<Key> generateKey()
{
    const KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *generated = nullptr;
    if (!context || EVP_PKEY_keygen_init(context.get()) <= 0 || EVP_PKEY_CTX_set_group_name(context.get(), "P-256") <= 0
        || EVP_PKEY_generate(context.get(), &generated) <= 0)
        return openSslFailure(ErrorCode::ServerFailure, u"cannot generate an EC P-256 key"_s);
    return Key(generated);
}

Result<Certificate> selfSign(EVP_PKEY *key, const QString &commonName, const QByteArray &altNames)
{
    Certificate certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1)
        return openSslFailure(ErrorCode::ServerFailure, u"cannot make a certificate"_s);
    X509 *const x509 = certificate.get();

    std::array<unsigned char, serialBytes> serial{};
    if (RAND_bytes(serial.data(), serialBytes) != 1)
        return openSslFailure(ErrorCode::ServerFailure, u"cannot draw a random serial number"_s);
    const BigNumber serialNumber(BN_bin2bn(serial.data(), serialBytes, nullptr));
    if (!serialNumber || !BN_to_ASN1_INTEGER(serialNumber.get(), X509_get_serialNumber(x509)))
        return openSslFailure(ErrorCode::ServerFailure, u"cannot set the serial number"_s);

    // Backdated a little, so that a client whose clock runs slow does not find it not yet valid.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto notBefore = static_cast<time_t>(now.toSecsSinceEpoch() - backdateSeconds);
    const auto notAfter = static_cast<time_t>(now.addYears(validityYears).toSecsSinceEpoch());
    if (!ASN1_TIME_set(X509_getm_notBefore(x509), notBefore) || !ASN1_TIME_set(X509_getm_notAfter(x509), notAfter))
        return openSslFailure(ErrorCode::ServerFailure, u"cannot set the validity period"_s);

    const QByteArray name = commonName.toUtf8();
    X509_NAME *const subject = X509_get_subject_name(x509);
    if (X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(name.constData()),
                                   static_cast<int>(name.size()), -1, 0) != 1)
        return openSslFailure(ErrorCode::InvalidArgument,
                              u"\"%1\" is too long for a certificate's common name (64 characters at most)"_s
                                  .arg(commonName));
    if (X509_set_issuer_name(x509, subject) != 1 || X509_set_pubkey(x509, key) != 1)
        return openSslFailure(ErrorCode::ServerFailure, u"cannot set the certificate's issuer and key"_s);

    X509V3_CTX context{};
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, x509, x509, nullptr, nullptr, 0);
    const std::array<std::pair<int, QByteArray>, 4> extensions{{
        {NID_basic_constraints, "critical,CA:FALSE"_ba},
        {NID_key_usage, "critical,digitalSignature"_ba},
        {NID_ext_key_usage, "serverAuth"_ba},
        {NID_subject_alt_name, altNames},
    }};
    for (const auto &[nid, value] : extensions) {
        const Extension extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
        if (!extension || X509_add_ext(x509, extension.get(), -1) != 1)
            return openSslFailure(ErrorCode::ServerFailure,
                                  u"cannot add %1 to the certificate"_s.arg(QLatin1StringView(OBJ_nid2sn(nid))));
    }

    if (X509_sign(x509, key, EVP_sha256()) <= 0)
        return openSslFailure(ErrorCode::ServerFailure, u"cannot sign the certificate"_s);
    return certificate;
}

Result<Identity> create(const QString &certificatePath, const QString &keyPath, const QString &commonName)
{
    const auto altNames = subjectAltNames(commonName);
    if (!altNames)
        return std::unexpected(altNames.error());
    const auto key = generateKey();
    if (!key)
        return std::unexpected(key.error());
    const auto certificate = selfSign(key->get(), commonName, *altNames);
    if (!certificate)
        return std::unexpected(certificate.error());

    const auto certificatePem = toPem([&](BIO *bio) { return PEM_write_bio_X509(bio, certificate->get()); });
    if (!certificatePem)
        return std::unexpected(certificatePem.error());
    // Unencrypted PKCS#8: huijid starts unattended, with no one to type a passphrase.
    const auto keyPem = toPem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, key->get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    if (!keyPem)
        return std::unexpected(keyPem.error());

    if (auto written = writeAtomically(keyPath, *keyPem, QFileDevice::ReadOwner | QFileDevice::WriteOwner); !written)
        return std::unexpected(written.error());
    if (auto written = writeAtomically(certificatePath, *certificatePem,
                                       QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                           | QFileDevice::ReadOther);
        !written) {
        QFile::remove(keyPath); // a lone key would stop every later start; without it the next one retries
        return std::unexpected(written.error());
    }
    return qtIdentity(*certificatePem, *keyPem, QSsl::Ec);
}

Result<Identity> load(const QString &certificatePath, const QString &keyPath)
{
    const auto certificatePem = readPem(certificatePath);
    if (!certificatePem)
        return std::unexpected(certificatePem.error());
    const auto keyPem = readPem(keyPath);
    if (!keyPem)
        return std::unexpected(keyPem.error());

    const Bio certificateBio(BIO_new_mem_buf(certificatePem->constData(), static_cast<int>(certificatePem->size())));
    const Bio keyBio(BIO_new_mem_buf(keyPem->constData(), static_cast<int>(keyPem->size())));
    if (!certificateBio || !keyBio)
        return openSslFailure(ErrorCode::ServerFailure, u"cannot read PEM"_s);
    const Certificate certificate(PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
    if (!certificate)
        return openSslFailure(ErrorCode::InvalidArgument, u"%1 is not a PEM certificate"_s.arg(certificatePath));
    // Refuse a passphrase-protected key instead of letting OpenSSL ask for one on the terminal.
    const auto noPassphrase = [](char *, int, int, void *) { return -1; };
    const Key key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassphrase, nullptr));
    if (!key)
        return openSslFailure(ErrorCode::InvalidArgument,
                              u"%1 is not an unencrypted PEM private key"_s.arg(keyPath));
    if (X509_check_private_key(certificate.get(), key.get()) != 1)
        return openSslFailure(ErrorCode::InvalidArgument, u"the private key %1 does not belong to the certificate %2"_s
                                                              .arg(keyPath, certificatePath));

    switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_EC:
        return qtIdentity(*certificatePem, *keyPem, QSsl::Ec);
    case EVP_PKEY_RSA:
        return qtIdentity(*certificatePem, *keyPem, QSsl::Rsa);
    default:
        return fail(ErrorCode::InvalidArgument, u"%1 holds a %2 key; the server can use EC and RSA keys"_s.arg(
                                                    keyPath, QLatin1StringView(EVP_PKEY_get0_type_name(key.get()))));
    }
}

} // namespace

ServerCertificate::ServerCertificate(QSslCertificate certificate, QSslKey privateKey, bool created)
    : m_certificate(std::move(certificate)), m_privateKey(std::move(privateKey)), m_created(created)
{
}

Result<ServerCertificate> ServerCertificate::loadOrCreate(const QString &certificatePath, const QString &keyPath,
                                                          const QString &commonName)
{
    const bool haveCertificate = QFileInfo::exists(certificatePath);
    const bool haveKey = QFileInfo::exists(keyPath);
    if (haveCertificate != haveKey) {
        const QString &present = haveCertificate ? certificatePath : keyPath;
        const QString &missing = haveCertificate ? keyPath : certificatePath;
        return fail(ErrorCode::InvalidArgument,
                    u"%1 exists but %2 does not; restore it, or remove %1 to make a new certificate "
                    "(clients that pinned the old one will refuse the new one)"_s.arg(present, missing));
    }
    const bool creating = !haveCertificate;
    auto identity = creating ? create(certificatePath, keyPath, commonName) : load(certificatePath, keyPath);
    if (!identity)
        return std::unexpected(identity.error());
    return ServerCertificate(std::move(identity->certificate), std::move(identity->key), creating);
}

QString ServerCertificate::fingerprintOf(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace huiji

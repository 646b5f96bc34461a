#include "protocol/Error.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return u"invalid-argument"_s;
    case ErrorCode::InvalidRecord: return u"invalid-record"_s;
    case ErrorCode::NotFound: return u"not-found"_s;
    case ErrorCode::NotADatabase: return u"not-a-database"_s;
    case ErrorCode::SchemaTooNew: return u"schema-too-new"_s;
    case ErrorCode::ReadOnly: return u"read-only"_s;
    case ErrorCode::DiskFull: return u"disk-full"_s;
    case ErrorCode::StorageFailure: return u"storage-failure"_s;
    case ErrorCode::MalformedFrame: return u"malformed-frame"_s;
    case ErrorCode::FrameTooLarge: return u"frame-too-large"_s;
    case ErrorCode::UnknownType: return u"unknown-type"_s;
    case ErrorCode::UnsupportedVersion: return u"unsupported-version"_s;
    case ErrorCode::NotLoggedIn: return u"not-logged-in"_s;
    case ErrorCode::BadCredentials: return u"bad-credentials"_s;
    case ErrorCode::RateLimited: return u"rate-limited"_s;
    case ErrorCode::Forbidden: return u"forbidden"_s;
    case ErrorCode::AlreadyExists: return u"already-exists"_s;
    case ErrorCode::RegistrationClosed: return u"registration-closed"_s;
    case ErrorCode::CertificateChanged: return u"certificate-changed"_s;
    case ErrorCode::NetworkFailure: return u"network-failure"_s;
    case ErrorCode::IdConflict: return u"id-conflict"_s;
    case ErrorCode::ReauthRequired: return u"reauth-required"_s;
    case ErrorCode::CertificateUnconfirmed: return u"certificate-unconfirmed"_s;
    case ErrorCode::ServerFailure: return u"server-failure"_s;
    case ErrorCode::Busy: return u"busy"_s;
    case ErrorCode::QuotaExceeded: return u"quota-exceeded"_s;
    }
    return u"unknown"_s;
}

std::optional<ErrorCode> errorCodeFromName(QStringView name)
{
    for (int code = 0; code <= static_cast<int>(ErrorCode::QuotaExceeded); ++code)
        if (errorCodeName(static_cast<ErrorCode>(code)) == name)
            return static_cast<ErrorCode>(code);
    return std::nullopt;
}

} // namespace huiji

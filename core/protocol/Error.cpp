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
    }
    return u"unknown"_s;
}

} // namespace huiji

#include "protocol/Error.h"

namespace huiji {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return QStringLiteral("invalid-argument");
    case ErrorCode::InvalidRecord: return QStringLiteral("invalid-record");
    case ErrorCode::NotFound: return QStringLiteral("not-found");
    case ErrorCode::NotADatabase: return QStringLiteral("not-a-database");
    case ErrorCode::SchemaTooNew: return QStringLiteral("schema-too-new");
    case ErrorCode::ReadOnly: return QStringLiteral("read-only");
    case ErrorCode::DiskFull: return QStringLiteral("disk-full");
    case ErrorCode::StorageFailure: return QStringLiteral("storage-failure");
    }
    return QStringLiteral("unknown");
}

} // namespace huiji

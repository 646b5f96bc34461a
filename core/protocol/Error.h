#pragma once

#include <QString>

#include <expected>
#include <optional>

namespace huiji {

// Why an operation failed. Callers branch on the code; the message is for people.
enum class ErrorCode {
    InvalidArgument, // the caller asked for something that cannot exist (empty query, bad limit)
    InvalidRecord,   // a record lacks a field it must have, or has a value out of range
    NotFound,        // the record, device or contact asked for is not there
    NotADatabase,    // the file exists but is not an SQLite database (or is damaged)
    SchemaTooNew,    // the database was written by a newer Huiji; it is left untouched
    ReadOnly,        // the file or its folder cannot be written
    DiskFull,        // the disk (or the database's size limit) is full
    StorageFailure,  // any other error from the database layer
    MalformedFrame,  // a frame that does not parse, or lacks what every frame has
    FrameTooLarge,   // a frame longer than the receiver's limit
    UnknownType,     // a well-formed frame of a type the receiver does not know
    UnsupportedVersion, // the peer speaks another protocol version
    NotLoggedIn,     // a request that needs a logged-in device came before login
    BadCredentials,  // unknown user, wrong password or an expired token (deliberately one code)
    RateLimited,     // too many attempts (logins, registrations, uploads) for now; see retryAfter
    Forbidden,       // the account may not do this (another account's devices, say)
    AlreadyExists,   // the user name is taken
    RegistrationClosed, // the server does not take new accounts over the wire
    CertificateChanged, // the server's certificate is not the one pinned on first use
    NetworkFailure,  // the connection could not be made or was lost
    IdConflict,      // the record's id was used before with other content; it is refused, never merged
    ReauthRequired,  // a sensitive change needs the account password again, sent with the request
    CertificateUnconfirmed, // the server's certificate was never confirmed: nothing secret was sent
    ServerFailure,   // the server could not do it (its disk, say); try again later
    Busy,            // the server has too much of this work queued (password hashing); see retryAfter
    QuotaExceeded,   // the account has reached one of its quotas (devices, held records); the message says which
};

struct Error {
    ErrorCode code;
    QString message;
    // Seconds after which trying again may succeed (RateLimited, Busy); 0 when not known.
    qint64 retryAfter = 0;
};

// Errors are values: every fallible call returns Result<T>, never throws across Qt code.
template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, QString message)
{
    return std::unexpected(Error{code, std::move(message)});
}

QString errorCodeName(ErrorCode code); // also the code's name on the wire
std::optional<ErrorCode> errorCodeFromName(QStringView name);

} // namespace huiji

#pragma once

#include "protocol/Error.h"

#include <QStringList>

namespace huiji {

class SqlDatabase;

// The server database's tables. The SQL is kept to what SQLite and PostgreSQL both run (no
// INSERT OR IGNORE, no AUTOINCREMENT, no rowids; ON CONFLICT for upserts; keys the server assigns
// itself), so that a later issue can point the same code at PostgreSQL. The version lives in a
// table rather than in SQLite's user_version for the same reason.
class ServerSchema
{
public:
    static int currentVersion();
    static Result<void> prepare(SqlDatabase &database);
    static QStringList migration(int version);
};

} // namespace huiji

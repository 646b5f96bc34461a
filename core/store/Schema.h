#pragma once

#include "protocol/Error.h"

#include <QString>
#include <QStringList>

namespace huiji {

class SqlDatabase;

// The store's schema and its history. A new store is created from the current schema directly;
// an older one is brought up to date by the ordered migrations, all in one transaction, and
// tst_schema checks that both roads end at the same schema.
class Schema
{
public:
    static constexpr qint64 applicationId = 0x48554a49; // "HUJI", so other SQLite files are refused
    static int currentVersion();

    // Creates, migrates or accepts the schema of an open store.
    static Result<void> prepare(SqlDatabase &database);

    // The statements of one migration, from version - 1 to version (1 is the oldest schema).
    static QStringList migration(int version);
};

} // namespace huiji

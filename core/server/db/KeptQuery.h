#pragma once

#include "protocol/Error.h"

#include <QSqlQuery>
#include <QString>

#include <optional>

namespace huiji {

class SqlDatabase;

// A statement prepared at its first use and kept for the next: preparing is a large part of a
// small query, and the mailbox and the collections run theirs once for every message or record.
class KeptQuery
{
public:
    Result<QSqlQuery *> get(const SqlDatabase &database, const QString &sql);

private:
    std::optional<QSqlQuery> m_query;
};

} // namespace huiji

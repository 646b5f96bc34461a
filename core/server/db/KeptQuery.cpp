#include "server/db/KeptQuery.h"

#include "sql/SqlDatabase.h"

namespace huiji {

Result<QSqlQuery *> KeptQuery::get(const SqlDatabase &database, const QString &sql)
{
    if (!m_query) {
        auto query = database.prepare(sql);
        if (!query)
            return std::unexpected(query.error());
        m_query = std::move(*query);
    }
    return &*m_query;
}

} // namespace huiji

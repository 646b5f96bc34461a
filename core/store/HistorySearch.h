#pragma once

#include "store/HistoryTypes.h"

#include "protocol/Error.h"

namespace huiji {

class HistoryReader;
class SqlDatabase;

// Full-text search over the merged history, newest first (SearchText.h has the method). The index
// walks its matches in position order, so the newest hits come first without sorting them all.
class HistorySearch
{
public:
    HistorySearch(const SqlDatabase &database, const HistoryReader &reader);

    Result<QList<SearchHit>> search(const SearchQuery &query) const;

private:
    const SqlDatabase &m_database;
    const HistoryReader &m_reader;
};

} // namespace huiji

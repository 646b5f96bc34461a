#pragma once

#include "store/HistoryTypes.h"

#include <QString>

#include <vector>

namespace huiji {
class HistoryStore;
class HistoryTimelineModel;
} // namespace huiji

namespace huiji::bench {

class JsonLine;

// One pass up through a conversation from its newest record, a page at a time: the rows read,
// the time taken, and each page's time, so that a page that costs more the further the pass goes
// shows in the last pages against the first.
struct ScrollPass {
    qint64 rows = 0;
    qint64 nanoseconds = 0;
    std::vector<qint64> pages;

    // The model opened at the newest page, then fetchOlder() as TimelineListView calls it each
    // time the first row comes into view, until rows have come or the conversation ends.
    static ScrollPass throughModel(HistoryTimelineModel &model, const HistoryScope &scope, qint64 rows);
    // The store alone, keyset paging and holding one page at a time, as a model that kept only a
    // window of pages would.
    static ScrollPass throughStore(const HistoryStore &store, const HistoryScope &scope, qint64 rows);

    double rowsPerSecond() const;
    // The mean time of the first (or last) few pages, in milliseconds.
    double edgePagesMs(bool last) const;
    // rows, rows_per_s, first_pages_ms and last_pages_ms, their names after prefix.
    void addTo(JsonLine &line, const QString &prefix) const;
};

} // namespace huiji::bench

#pragma once

#include "store/HistoryTypes.h"

#include <QStringList>

namespace huiji {
class HistoryStore;
}

namespace huiji::bench {

// The history viewer's models on one conversation of a large store: HistoryTimelineModel opening
// it at the newest page, paging up through older pages, and jumping to a date; SearchResultModel's
// first page of hits across all conversations. Each next to the HistoryStore call the model wraps,
// on the same connection and with the same page size, so the difference is the model's own cost.
// Both sides are timed warm, since a figure of the page cache says nothing about the model; only
// the first opening of the conversation is cold, and reported on its own.
class ViewerModelBench
{
public:
    struct Options {
        int tries = 21;          // of each single call; the median is reported
        int scrollRows = 20000;  // rows paged through by scrollOlder()
    };

    ViewerModelBench(HistoryStore &store, const ConversationSummary &conversation, const Options &options);

    void openNewest();
    // Also reports the process's resident memory before opening and after paging: a model that
    // kept a window of pages would stay flat however far the user scrolls.
    void scrollOlder();
    void jumpToDate();
    void search(const QString &bench, const QStringList &words);

private:
    HistoryStore &m_store;
    HistoryScope m_scope;
    qint64 m_records;
    Options m_options;
};

} // namespace huiji::bench

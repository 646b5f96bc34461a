#pragma once

#include "server/engine/Dispatcher.h"

namespace huiji {

// The server as a secondary storage terminal (claim 5): an account opts in with a retention
// (archive-set), sees the setting (archive), and fills a new storage terminal from it
// (archive-restore), page by page, oldest first; a restore cut off resumes from the last page's
// cursor. Every request reads the asking account's own archive: there is no way to name another.
class ArchiveRequests
{
public:
    ArchiveRequests() = delete;

    static void registerOn(Dispatcher &dispatcher);

private:
    static void setArchive(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void showArchive(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void restore(Hub &hub, quint64 id, Peer &client, const Frame &frame);
    static void answerSettings(Hub &hub, quint64 id, const Peer &client, const Frame &frame, bool durable);
};

} // namespace huiji

#pragma once

#include "protocol/Error.h"
#include "protocol/Frame.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <functional>

class QObject;

namespace huiji {

class SqlDatabase;

// The writes of one turn of the hub's event loop, and the frames that depend on them. Writes made
// while handling the frames of one turn share a transaction, committed before any answer that
// depends on them is sent (group commit): one fsync serves every message of the turn. The flush
// runs from a zero timer, after the frames already posted to the hub's thread.
class Turn
{
public:
    struct Outgoing {
        quint64 peer;
        Frame frame;
        bool durable; // depends on this turn's writes: withheld, and failed, if the commit fails
    };

    // `flush` is what the hub does at the end of the turn; it starts with commit().
    Turn(SqlDatabase &sql, QObject &context, std::function<void()> flush);

    Result<void> write(); // opens this turn's transaction if it is not open yet
    void answer(quint64 peer, Frame frame, bool durable);
    // A frame that joins the turn being flushed, after its commit: no other flush is scheduled.
    void release(quint64 peer, Frame frame) { m_outgoing.append({peer, std::move(frame), false}); }
    void schedule();

    Result<void> commit();
    // The turn's writes are gone. Durable answers to requests become errors (the senders keep
    // their messages and send them again); the peers whose durable pushes are lost are returned.
    QSet<quint64> rollback();
    // What is to be sent, by peer, in the order it was answered.
    QHash<quint64, QList<Frame>> takeOutgoing();

private:
    SqlDatabase &m_sql;
    QObject &m_context;
    std::function<void()> m_flush;
    QList<Outgoing> m_outgoing;
    bool m_open = false;
    bool m_scheduled = false;
};

} // namespace huiji

#include "server/engine/Turn.h"

#include "sql/SqlDatabase.h"

#include "protocol/Wire.h"

#include <QTimer>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Turn::Turn(SqlDatabase &sql, QObject &context, std::function<void()> flush)
    : m_sql(sql), m_context(context), m_flush(std::move(flush))
{
}

Result<void> Turn::write()
{
    if (!m_open) {
        if (auto begun = m_sql.begin(); !begun)
            return begun;
        m_open = true;
    }
    schedule();
    return {};
}

void Turn::answer(quint64 peer, Frame frame, bool durable)
{
    m_outgoing.append({peer, std::move(frame), durable});
    schedule();
}

void Turn::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, &m_context, [this] { m_flush(); });
}

Result<void> Turn::commit()
{
    m_scheduled = false;
    if (!m_open)
        return {};
    m_open = false;
    return m_sql.commit();
}

QSet<quint64> Turn::rollback()
{
    m_open = false;
    m_sql.rollback();
    QSet<quint64> lost;
    QList<Outgoing> kept;
    for (const Outgoing &outgoing : std::as_const(m_outgoing)) {
        if (!outgoing.durable)
            kept.append(outgoing);
        else if (outgoing.frame.requestId != 0)
            kept.append({outgoing.peer,
                         wire::errorFrame(outgoing.frame.requestId,
                                          {ErrorCode::ServerFailure, u"the server could not store this"_s}),
                         false});
        else
            lost.insert(outgoing.peer);
    }
    m_outgoing = kept;
    return lost;
}

QHash<quint64, QList<Frame>> Turn::takeOutgoing()
{
    QHash<quint64, QList<Frame>> byPeer;
    for (Outgoing &outgoing : m_outgoing)
        byPeer[outgoing.peer].append(std::move(outgoing.frame));
    m_outgoing.clear();
    return byPeer;
}

} // namespace huiji

#pragma once

#include "protocol/Error.h"
#include "protocol/Wire.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTextStream>

#include <optional>

namespace huiji {

class Session;

// Follows the collection this device hands over to the storage terminal while a command runs
// (claim 13) and says how it went: the records sent, and which of them the server found duplicate
// or new. Made before the session starts, so that the server's request is not missed.
class CollectionReport
{
    Q_DECLARE_TR_FUNCTIONS(CollectionReport)

public:
    // Progress goes to `progress` as it happens, unless it is null.
    CollectionReport(Session &session, QTextStream *progress);

    bool isDone() const; // nothing announced or under way (or the session is offline)
    qint64 batches() const { return m_batches; } // acked so far: how waiting tells a stall
    bool ran() const { return m_ran; }
    std::optional<Error> error() const { return m_error; }

    QJsonObject json() const;
    QString text() const;

private:
    Session &m_session;
    bool m_ran = false;
    bool m_resumed = false;
    qint64 m_batches = 0;
    std::optional<Error> m_error;
    wire::CollectionCounts m_run;
    wire::CollectionCounts m_total;
};

} // namespace huiji

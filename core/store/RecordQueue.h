#pragma once

#include "store/HistoryTypes.h"

#include "protocol/Error.h"
#include "protocol/Record.h"

#include <QList>
#include <QString>
#include <QUuid>

namespace huiji {

class SqlDatabase;

// Records this device still has to hand on, oldest first, until the server acks them: the outbox
// of messages written here, and what direct links carried that is still to be forwarded (claim
// 12). Each is a table of the history store's own file, so that a record and its place in a queue
// are written in one transaction (HistoryStore::transaction) and survive a crash or a restart
// together; the server drops resends by id, so sending twice is harmless.
class RecordQueue
{
public:
    RecordQueue(SqlDatabase &database, QString table);

    // A record already queued stays where it is. Records are keyed by sender and id (RecordKey):
    // the forward queue holds what both sides of a link wrote, and their ids may meet.
    Result<void> add(const Record &record);
    Result<QList<Record>> pending() const;
    Result<void> remove(const RecordKey &key);
    Result<qint64> count() const;

    // Takes over the records of a queue that a profile of before store schema 4 kept in a file of
    // its own (its table was `outbox`, whichever queue it was), in their order, then deletes the
    // file. Taking the same file over again adds nothing twice.
    Result<void> adopt(const QString &path);

    // Copies the records of a queue table of the layout before store schema 5 (seq, uid, record)
    // into the queue table `table`, in their order, each with its sender read from the record.
    static Result<void> copyOlderLayout(SqlDatabase &database, const QString &from, const QString &table);

private:
    SqlDatabase &m_database;
    QString m_table;
};

} // namespace huiji

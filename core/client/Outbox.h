#pragma once

#include "protocol/Error.h"
#include "protocol/Record.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <memory>

namespace huiji {

class SqlDatabase;

// Records the server has not acked yet: the messages written on this device (the outbox) and, in
// a second file, what direct links carried that is still to be forwarded (claim 12). Kept in their
// own small SQLite file in the profile so that they survive a crash or a restart and are sent
// again; the server drops resends by id, so sending twice is harmless.
class Outbox
{
public:
    static Result<std::unique_ptr<Outbox>> open(const QString &path);
    ~Outbox();

    Result<void> add(const Record &record);
    Result<QList<Record>> pending() const; // oldest first
    Result<void> remove(const QUuid &id);
    Result<qint64> count() const;

private:
    explicit Outbox(std::unique_ptr<SqlDatabase> database);

    std::unique_ptr<SqlDatabase> m_database;
};

} // namespace huiji

#pragma once

#include "protocol/Error.h"
#include "protocol/Wire.h"

#include <QList>
#include <QString>

namespace huiji {

class SqlDatabase;

// Who may write to whom. A request is one row on each side (outgoing / incoming); accepting turns
// both into accepted, and two people who ask each other are accepted at once.
class ContactBook
{
public:
    explicit ContactBook(SqlDatabase &database);

    Result<QList<wire::ContactEntry>> list(const QString &account) const; // presence left false
    // The state the asking account ends in. NotFound for an unknown user, InvalidArgument for oneself.
    Result<wire::ContactState> request(const QString &account, const QString &other, qint64 now);
    Result<void> accept(const QString &account, const QString &other, qint64 now); // NotFound without a request
    Result<void> remove(const QString &account, const QString &other);

private:
    Result<std::optional<wire::ContactState>> state(const QString &account, const QString &other) const;
    Result<void> put(const QString &account, const QString &other, wire::ContactState state, qint64 now);

    SqlDatabase &m_database;
};

} // namespace huiji

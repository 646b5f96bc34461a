#pragma once

#include "server/db/AccountDirectory.h"
#include "server/db/Collections.h"
#include "server/db/ContactBook.h"
#include "server/db/DeviceRegistry.h"
#include "server/db/Mailbox.h"
#include "server/db/ServerArchive.h"
#include "server/db/StorageTerminals.h"

#include "protocol/Error.h"

#include <memory>

namespace huiji {

class SqlDatabase;

// The server's database (SQLite by default) and the tables' owners over one connection. Used from
// one thread only: the hub's.
class ServerDatabase
{
public:
    static Result<std::unique_ptr<ServerDatabase>> open(const QString &path);
    ~ServerDatabase();

    SqlDatabase &sql() { return *m_sql; }
    AccountDirectory &accounts() { return m_accounts; }
    DeviceRegistry &devices() { return m_devices; }
    ContactBook &contacts() { return m_contacts; }
    Mailbox &mailbox() { return m_mailbox; }
    Collections &collections() { return m_collections; }
    StorageTerminals &terminals() { return m_terminals; }
    ServerArchive &archive() { return m_archive; }

private:
    explicit ServerDatabase(std::unique_ptr<SqlDatabase> sql);

    std::unique_ptr<SqlDatabase> m_sql;
    AccountDirectory m_accounts;
    DeviceRegistry m_devices;
    ContactBook m_contacts;
    Mailbox m_mailbox;
    Collections m_collections;
    StorageTerminals m_terminals;
    ServerArchive m_archive;
};

} // namespace huiji

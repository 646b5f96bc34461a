#pragma once

#include "protocol/Record.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace huiji {

class Session;

// The primary storage terminal's half of claims 2-4: what it has merged from the server is sent
// back (sync-upload) to be held for its secondaries and the server's archive, in batches, each
// committed on the server before its answer. Only when every batch is answered does the primary
// ack the deliveries, so a cut connection or a crash in between sends them again (the server and
// the secondaries drop the duplicates).
class Synchronizer
{
public:
    explicit Synchronizer(Session &session);

    // Sends the records and then calls `then`; at once when there is nothing to send. `then` is
    // not called when a batch fails for a reason that another try may not have (the connection is
    // lost, the server could not store it): the deliveries stay unacked and come again.
    void forward(const QList<Record> &records, std::function<void()> then);
    // The primary learnt of terminals that were never sent its history (a secondary added, the
    // server archive turned on, this device promoted): sends the whole store, newest page first,
    // but for the messages the server refused (never sent), and remembers them in the profile once
    // it is all answered. Idempotent: the server holds a
    // record once per secondary and the stores drop what they have.
    void forwardStore(const QStringList &terminals);

private:
    // `full` runs instead of `then` when a secondary holds all the server keeps for the account.
    void sendFrom(QList<Record> records, qsizetype first, std::function<void()> then, std::function<void()> full);
    // A secondary fell behind for good: the whole store goes to the secondaries again from the
    // next login (Session::setTerminals), once they have taken what is held.
    void fellBehind();
    void forwardPage(std::optional<qint64> before, QStringList terminals);

    Session &m_session;
};

} // namespace huiji

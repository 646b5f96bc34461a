#pragma once

#include "client/Profile.h"

#include "protocol/Error.h"
#include "protocol/Wire.h"

#include <QCborArray>
#include <QObject>
#include <QTimer>

#include <optional>

namespace huiji {

class Session;

// Collection requests on a device (claim 13). When the server asks (a `collect` push), a device
// that is not the storage terminal hands over what the terminal may lack from its store: records
// from before the terminal was chosen and every record that did not come through the server, as
// its account sees them, but no message the server refused (never sent), oldest first, in batches cut by count and by bytes to fit the server's
// frame limit (Session::limits()), a record over its limits left out. Its place is kept in the
// profile after every batch the server acks, so a device cut off halfway resumes there, and a
// collection completed for a terminal is not sent to it again unless the terminal asks for one.
// On the storage terminal it reports how the other devices' collections go.
class Collector : public QObject
{
    Q_OBJECT

public:
    // How long to wait before sending a batch again that the server could not store.
    static constexpr int retryMs = 2000;
    // A batch is made of at most this many records read, wanted or not, so that a large store with
    // little to hand over (everything relayed since the terminal was chosen) is read a slice per
    // round trip rather than at once on the caller's thread; such a batch may go out empty.
    static constexpr qsizetype maxReadPerBatch = 20 * wire::maxCollectRecords;

    explicit Collector(Session &session);

    // The device answer said a `collect` push follows.
    void expect() { m_expected = true; }
    // A collection is announced or under way on this connection.
    bool isBusy() const { return m_expected || m_running; }

    // From the session: the server asks for a collection for this terminal, chosen at `since`;
    // `again` (the terminal asked now) starts from the beginning even after a complete one.
    void start(const QString &terminal, qint64 since, bool again);
    void report(const QCborMap &body); // `collected`, on the storage terminal
    void connectionLost();

signals:
    void started(const QString &terminal, bool resumed);
    // After each acked batch: this run's counts (received: the records this device sent in this
    // run) and the server's for the whole collection, across runs.
    void progress(const huiji::wire::CollectionCounts &run, const huiji::wire::CollectionCounts &total);
    void finished(const huiji::wire::CollectionCounts &run, const huiji::wire::CollectionCounts &total);
    // The server could not store a batch now (its disk, say); it is sent again after retryMs.
    void deferred();
    void failed(const huiji::Error &error);
    // On the storage terminal: another device's collection so far.
    void reported(const QString &device, const huiji::wire::CollectionCounts &total, bool complete);

private:
    struct Batch {
        QCborArray records;
        qint64 last = 0;    // the position of the last record read into it
        bool done = false;  // nothing after it
        qint64 tooLarge = 0; // records left out: over the server's limits, the server would refuse them
    };
    Result<Batch> nextBatch() const;
    bool wanted(const StoredRecord &stored) const;
    void sendNext();
    void onAnswer(const Batch &batch, Result<QCborMap> answer);
    void startQueued(); // what was asked for while a batch was in flight

    Session &m_session;
    CollectionProgress m_progress;
    bool m_expected = false;
    bool m_running = false;
    bool m_restart = false; // the next batch is the first of a pass from the beginning
    struct Asked {
        QString terminal;
        qint64 since = 0;
        bool again = false;
    };
    std::optional<Asked> m_queued; // asked again while a batch was in flight
    wire::CollectionCounts m_run;
    QTimer m_retry;
};

} // namespace huiji

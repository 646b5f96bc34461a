#pragma once

#include "WireClient.h"

#include "protocol/DeviceInfo.h"
#include "protocol/Error.h"
#include "protocol/Record.h"

#include <QList>
#include <QSslCertificate>

#include <memory>
#include <vector>

namespace huiji::bench {

// bench_catchup's setup, not measured: alice's laptop, phone and tablet send records to bob over
// raw frames, so that the server holds each of them for alice's storage terminal, which is
// offline. Bob and the senders ack what the server pushes them, as clients do, so that when it is
// done the only deliveries left are the terminal's. Runs on the calling thread's event loop.
class HeldRecords
{
public:
    struct Options {
        quint16 port = 0;
        QSslCertificate certificate;
        QString alice;
        QByteArray alicePassword;
        QString bob;
        QByteArray bobPassword; // bob registers with it
        qsizetype records = 100000;
        int window = 256;        // sends in flight per device
        quint32 seed = 20120120; // of the message texts
    };

    explicit HeldRecords(Options options);
    ~HeldRecords();

    // Sends every record and waits until each one's send was answered (the server stored it and
    // holds it for the terminal) and bob and the senders have acked their copies.
    Result<void> make();

    // The records as the storage terminal is to hold them: with the server's time from the
    // answers and arrival "relayed", in the order they were sent.
    const QList<Record> &records() const { return m_records; }
    QList<DeviceInfo> devices() const;
    double sendSeconds() const { return m_sendSeconds; }

private:
    struct Sender {
        DeviceInfo device;
        std::unique_ptr<WireClient> client;
        qsizetype next = 0;    // index into m_records of its next record
        qsizetype received = 0; // deliveries of the other senders' records
    };

    bool waitFor(const std::function<bool()> &done, const char *what);
    Result<QString> logIn(WireClient &client, const WireClient::Login &login);
    void sendNext(std::size_t sender);
    void ackAndCount(WireClient &client, const Frame &frame, qsizetype &count);

    Options m_options;
    std::unique_ptr<WireClient> m_bob;
    qsizetype m_bobReceived = 0;
    std::vector<Sender> m_senders;
    QList<Record> m_records;
    qsizetype m_held = 0;
    QString m_failure;
    double m_sendSeconds = 0;
};

} // namespace huiji::bench

#pragma once

#include "Pacing.h"
#include "WireClient.h"

#include <QObject>
#include <QSslCertificate>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

namespace huiji::bench {

// bench_relay's devices on one generator thread. Device 2k and 2k+1 are a pair of accounts that
// are each other's contacts; pair k belongs to fleet k % fleets, so each fleet sends, receives
// and checks both directions of its pairs itself. Every device is its own account with one
// device, so a message is delivered exactly once (the server also delivers to the sender's other
// devices, and there are none). Lives on its thread; the main thread calls it with
// QMetaObject::invokeMethod and watches progress().
class RelayFleet : public QObject
{
    Q_OBJECT

public:
    struct Plan {
        quint16 port = 0;
        QSslCertificate certificate;
        QByteArray passwordSeed; // made at run time; an account's password is this and its number
        int devices = 0;         // in the whole run, even
        int fleets = 1;
        int index = 0;           // this fleet's
        int logins = 4;          // this fleet's logins at once
        int bodyChars = 1024;
        bool lowDelay = false;   // TCP_NODELAY on the devices' sockets
    };
    // The traffic: sending runs from start to until, at perSecond for this fleet; what is due
    // from measureFrom on is measured.
    struct Schedule {
        qint64 startNs = 0;
        qint64 measureFromNs = 0;
        qint64 untilNs = 0;
        double perSecond = 0;
    };
    // Read by the main thread while the fleet works.
    struct Progress {
        std::atomic<qint64> ready{0};
        std::atomic<qint64> paired{0};
        std::atomic<qint64> failed{0};
        std::atomic<qint64> sent{0};
        std::atomic<qint64> confirmed{0};
        std::atomic<qint64> delivered{0};
    };
    struct Totals {
        qint64 sent = 0;
        qint64 sentMeasured = 0;       // due within the measured window
        qint64 skipped = 0;            // not sent: the backlog was full
        qint64 confirmed = 0;          // answered by huijid: stored
        qint64 sendErrors = 0;
        qint64 delivered = 0;          // unique deliveries
        qint64 deliveredMeasured = 0;  // of them, arrived within the measured window
        qint64 duplicated = 0;
        qint64 foreign = 0;            // deliveries that were not the partner's messages
        qint64 lost = 0;               // confirmed, never delivered
        qint64 unconfirmed = 0;        // neither confirmed nor delivered
        qint64 disconnects = 0;
        std::vector<qint64> latencies; // due to delivered, ns, of messages due in the window
        std::vector<qint64> confirmLatencies; // due to the send's answer
        std::vector<qint64> lateness;  // due to written: the generator's own delay
        QString firstError;

        void add(const Totals &other); // another fleet's
    };

    // backlog counts sends not answered yet across every fleet; at backlogLimit a due message is
    // skipped, so that an overloaded server leaves a bounded queue behind.
    RelayFleet(Plan plan, std::atomic<qint64> &backlog, qint64 backlogLimit);
    ~RelayFleet() override;

    int size() const { return static_cast<int>(m_devices.size()); }
    const Progress &progress() const { return m_progress; }

    // On the fleet's thread.
    // hello, register, login with the password, device: for every device, a few at a time.
    void logIn();
    void pair();   // contact-add, then contact-accept by the partner
    void run(const Schedule &schedule);
    Totals totals() const;
    void closeAll();

private:
    struct Device {
        int number = 0;
        QString user;
        QString deviceId;
        std::unique_ptr<WireClient> client;
        qint64 nextSeq = 0;
        std::vector<quint8> confirmed; // by own seq
        std::vector<quint8> seen;      // by the partner's seq
    };

    void failed(const QString &why);
    void tick();
    void send(qsizetype from, qint64 dueNs);
    void onPush(qsizetype to, const Frame &frame);
    bool measured(qint64 ns) const { return ns >= m_schedule.measureFromNs && ns < m_schedule.untilNs; }

    Plan m_plan;
    std::atomic<qint64> &m_backlog;
    qint64 m_backlogLimit;
    std::vector<Device> m_devices; // a pair side by side: 2k and 2k+1
    qsizetype m_nextLogin = 0;
    int m_loggingIn = 0;
    QTimer m_tick;
    Schedule m_schedule;
    Pacing m_pacing;
    qint64 m_issued = 0; // messages of m_pacing sent or skipped
    qsizetype m_nextSender = 0;
    Progress m_progress;
    Totals m_totals; // the counters; lost and unconfirmed are worked out by totals()
};

} // namespace huiji::bench

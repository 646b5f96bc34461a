#pragma once

#include "protocol/DeviceInfo.h"
#include "protocol/Record.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <vector>

namespace huiji::bench {

// A deterministic, realistic history for the store benchmark: one account talking with 50
// contacts from 4 devices over two years, in bursts through the day, in Chinese, English and
// both. Most records carry the server's time; some (sent while offline, or over a direct link)
// only the device's, and the devices' clocks disagree by seconds to minutes. A share of the
// records (25% by default) arrives a second time, 1 to 50 batches later, in retried batches
// collected from another device that also saw them.
//
// Only a compact plan (16 bytes a record) is kept; records are made when a batch is asked for,
// so the benchmark's memory is the store's, not the generator's.
class HistoryGenerator
{
public:
    struct Options {
        qsizetype records = 1000000; // unique records
        qsizetype batchSize = 2000;  // records per delivery, originals and retries alike
        quint64 seed = 20120120;
        double duplicateShare = 0.25;
    };

    // One delivery to the storage terminal: new records, or copies of records delivered before.
    struct Batch {
        bool retried = false;
        std::vector<quint32> records; // indexes of the unique records it carries
    };

    static constexpr int contactCount = 50;
    static constexpr int deviceCount = 4;

    explicit HistoryGenerator(const Options &options);

    qsizetype uniqueCount() const { return static_cast<qsizetype>(m_plan.size()); }
    qsizetype duplicateCount() const { return m_duplicates; }
    qsizetype offeredCount() const { return uniqueCount() + duplicateCount(); }
    const std::vector<Batch> &batches() const { return m_batches; }

    // The records of a batch as they are offered to the store.
    QList<Record> records(const Batch &batch) const;
    // Unique record i as first delivered, and its retried copy from another device.
    Record original(quint32 index) const;
    Record copy(quint32 index) const;

    QUuid idOf(quint32 index) const;
    int contactOf(quint32 index) const { return m_plan[index].contact; }
    QString contactName(int contact) const { return m_contacts.at(contact); }
    QString account() const { return m_account; }
    QList<DeviceInfo> devices() const { return m_devices; }

private:
    struct Planned {
        qint64 time = 0; // true time, ms since the epoch
        quint8 contact = 0;
        quint8 device = 0;     // the device that made or saw the original
        quint8 copyDevice = 0; // the device the retried copy comes from
        quint8 flags = 0;
    };
    enum Flag : quint8 { Outgoing = 1, HasServerTime = 2, Duplicated = 4 };

    void planConversations();
    void planDeliveries();
    quint64 hashOf(quint32 index, quint64 salt) const;

    Options m_options;
    QString m_account;
    QStringList m_contacts;
    QList<DeviceInfo> m_devices;
    std::vector<Planned> m_plan; // in order of true time, which is the order of first delivery
    std::vector<Batch> m_batches;
    qsizetype m_duplicates = 0;
};

} // namespace huiji::bench

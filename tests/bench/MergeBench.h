#pragma once

#include "HistoryGenerator.h"
#include "JsonLine.h"

#include <QString>

#include <vector>

namespace huiji {
class HistoryStore;
}

namespace huiji::bench {

// Merge throughput: every batch of the generated history through HistoryStore::merge, and after
// each one the same new rows by plain INSERTs into a fresh file of the store's own schema (the
// baseline) and into a table of the same columns without any index (the ceiling). Interleaving
// the three batch by batch gives them the same machine state: the same cache pressure, the same
// writeback, files of the same size.
class MergeBench
{
public:
    MergeBench(const HistoryGenerator &generator, const QString &directory);

    void run(HistoryStore &store, const QString &storePath);
    void print(const QString &storePath) const;

    // Where the store put each unique record, by generator index (HistoryStore::positionOf).
    const std::vector<qint64> &positions() const { return m_positions; }

private:
    const HistoryGenerator &m_generator;
    QString m_directory;

    qint64 m_storeNs = 0;
    qint64 m_storeFreshNs = 0; // of m_storeNs: the batches of new records
    qint64 m_added = 0;
    qint64 m_duplicates = 0;
    Latencies m_freshBatches;
    Latencies m_retriedBatches;

    std::vector<qint64> m_positions;

    qint64 m_plainNs = 0;
    qint64 m_plainRowBuildNs = 0; // of m_plainNs: making uid, content key and index terms
    qint64 m_ceilingNs = 0;
};

} // namespace huiji::bench

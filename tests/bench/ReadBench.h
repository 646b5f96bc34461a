#pragma once

#include "HistoryGenerator.h"

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace huiji {
class HistoryStore;
}

namespace huiji::bench {

class BaselineDatabase;

// Reading the merged store: a contact's first page, windows around random records of a contact,
// and newest-first search. Each try runs the store's call and then its raw-SQL baseline on a
// second connection to the same file, so both see the same cache; every answer of the store is
// also checked against what the generator knows (pages) or against the baseline (search).
class ReadBench
{
public:
    struct Options {
        int pageTries = 1000;
        int searchTries = 200;
        double baselineBudgetSeconds = 15; // a scan baseline stops early once it has used this
        quint64 seed = 1;
    };

    ReadBench(const HistoryGenerator &generator, const HistoryStore &store, const QString &storePath,
              const std::vector<qint64> &positions, const Options &options);
    ~ReadBench();

    void firstPages();
    void windows();
    void searches();

private:
    void search(const QString &bench, const QStringList &words, int contact);
    qint64 conversationKey(int contact);

    const HistoryGenerator &m_generator;
    const HistoryStore &m_store;
    Options m_options;
    std::unique_ptr<BaselineDatabase> m_baseline;
    std::vector<std::vector<qint64>> m_byContact; // each contact's positions, oldest first
    QRandomGenerator m_random;
};

} // namespace huiji::bench

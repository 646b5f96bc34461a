#pragma once

#include <QString>
#include <QStringList>

#include <concepts>
#include <vector>

namespace huiji::bench {

// One benchmark figure as one line of JSON on stdout, its fields in the order they were added.
class JsonLine
{
public:
    explicit JsonLine(const QString &bench);

    JsonLine &add(const QString &key, const QString &value);
    JsonLine &add(const QString &key, bool value);
    template <std::integral T>
        requires(!std::same_as<T, bool>)
    JsonLine &add(const QString &key, T value)
    {
        return addInteger(key, static_cast<qint64>(value));
    }
    // A measured value, rounded to the given number of decimals.
    JsonLine &add(const QString &key, double value, int decimals);

    QString text() const;
    void print() const; // writes the line to stdout and flushes it

private:
    JsonLine &addInteger(const QString &key, qint64 value);

    QStringList m_fields;
};

// Samples of one operation's latency, in nanoseconds.
class Latencies
{
public:
    void add(qint64 nanoseconds) { m_samples.push_back(nanoseconds); }
    qsizetype count() const { return static_cast<qsizetype>(m_samples.size()); }
    // The p-th percentile (nearest rank) in milliseconds; 0 without samples.
    double percentileMs(double p) const;

private:
    std::vector<qint64> m_samples;
};

} // namespace huiji::bench

#include "JsonLine.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

QString quoted(const QString &text)
{
    // The JSON encoder of QtCore does the escaping; the brackets of the array are cut off.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.sliced(1, array.size() - 2));
}

} // namespace

JsonLine::JsonLine(const QString &bench)
{
    add(u"bench"_s, bench);
}

JsonLine &JsonLine::add(const QString &key, const QString &value)
{
    m_fields << quoted(key) + u':' + quoted(value);
    return *this;
}

JsonLine &JsonLine::add(const QString &key, bool value)
{
    m_fields << quoted(key) + u':' + (value ? u"true"_s : u"false"_s);
    return *this;
}

JsonLine &JsonLine::addInteger(const QString &key, qint64 value)
{
    m_fields << quoted(key) + u':' + QString::number(value);
    return *this;
}

JsonLine &JsonLine::add(const QString &key, double value, int decimals)
{
    if (!std::isfinite(value))
        m_fields << quoted(key) + u":null"_s;
    else if (decimals <= 0)
        m_fields << quoted(key) + u':' + QString::number(std::llround(value));
    else
        m_fields << quoted(key) + u':' + QString::number(value, 'f', decimals);
    return *this;
}

QString JsonLine::text() const
{
    return u'{' + m_fields.join(u',') + u'}';
}

void JsonLine::print() const
{
    std::fputs(text().toUtf8().append('\n').constData(), stdout);
    std::fflush(stdout);
}

double Latencies::percentileMs(double p) const
{
    if (m_samples.empty())
        return 0;
    std::vector<qint64> sorted = m_samples;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    const std::size_t index = std::clamp<std::size_t>(rank, 1, sorted.size()) - 1;
    return static_cast<double>(sorted[index]) / 1e6;
}

} // namespace huiji::bench

#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace huiji::bench {

// Deterministic chat text for the store benchmark: common Chinese words and phrases, common English
// words, and sentences that mix both, the way people type in a messenger.
class MessageText
{
public:
    enum class Style { Chinese, Mixed, English };

    // A message of 10 to 200 characters (UTF-16 units) in the given style, drawn from rng.
    static QString body(QRandomGenerator &rng, Style style);

    // Query words of three kinds, each in a handful so that repeated tries do not all read the
    // same pages: words put into about one message in 100,000 (fewer than 50 hits in 1M records),
    // frequent English words, and frequent two-character Chinese words.
    static QStringList rareWords();
    static QStringList commonWords();
    static QStringList hanPairs();
};

} // namespace huiji::bench

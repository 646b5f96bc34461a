#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace huiji {

// How message text is indexed and searched, so that any substring is found in Chinese, Latin and
// mixed text without a dictionary:
// - Han, kana and Hangul characters are indexed one by one: a query of one or two characters, or
//   any longer run, becomes "all of these characters", and the match is then confirmed against the
//   body, so only records that contain the run itself are returned.
// - Words of other scripts (letters and digits) are indexed as case-folded trigrams plus their last
//   two characters and last character, so a fragment of three or more characters anywhere in a word
//   is "all of its trigrams", and a shorter one is a prefix of some indexed term.
// The index keeps no positions (FTS5 detail=none), which keeps merging fast; confirm() supplies the
// adjacency the index does not know. Each record also carries a term for its conversation and one
// for its device, so a search within a contact or a device is an intersection inside the index
// rather than a filter over every match of the whole history.
class SearchText
{
public:
    // Space-separated index terms of a message body, for the FTS5 'ascii' tokenizer.
    static QString indexTerms(QStringView body);

    // The term that marks a record's conversation (kind 'c') or device (kind 'd'). It starts with
    // a private-use character, which no body term can contain.
    static QString scopeTerm(char kind, qint64 key);

    // The terms of a query: its whitespace-separated parts, case-folded, empty ones dropped.
    static QStringList queryTerms(QStringView query);

    // The FTS5 MATCH expression for those terms, or nothing when no term has an indexable
    // character (a query of only punctuation or emoji), which the caller answers by scanning.
    static std::optional<QString> matchExpression(const QStringList &terms);

    // A MATCH expression narrowed to any of these conversations and to one device, when given.
    static QString withinScope(const QString &expression, const QList<qint64> &conversations,
                               std::optional<qint64> device);

    // Whether a body contains every term (case-insensitively).
    static bool confirm(QStringView body, const QStringList &terms);

    struct Snippet {
        QString text;
        QList<std::pair<int, int>> highlights; // (offset, length) in text
    };
    // The body around the first occurrence of the first term, cut with "…" to about `width`
    // characters, with every occurrence of every term in it marked.
    static Snippet snippet(const QString &body, const QStringList &terms, int width = 80);
};

} // namespace huiji

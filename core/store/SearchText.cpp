#include "store/SearchText.h"

#include <QSet>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

enum class CharClass { Separator, Word, Ideograph };

CharClass classify(char32_t c)
{
    if (!QChar::isLetterOrNumber(c))
        return CharClass::Separator;
    switch (QChar::script(c)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul:
    case QChar::Script_Bopomofo:
        return CharClass::Ideograph;
    default:
        return CharClass::Word;
    }
}

// Calls visit(kind, run) for every maximal run of word or ideograph characters, case-folded.
template <typename Visit>
void forEachRun(QStringView text, Visit visit)
{
    const QString folded = text.toString().toCaseFolded();
    const QList<uint> codes = folded.toUcs4();
    qsizetype start = 0;
    CharClass kind = CharClass::Separator;
    const auto flush = [&](qsizetype end) {
        if (kind != CharClass::Separator && end > start)
            visit(kind, QList<uint>(codes.begin() + start, codes.begin() + end));
    };
    for (qsizetype i = 0; i < codes.size(); ++i) {
        const CharClass current = classify(codes[i]);
        // Every ideograph is a run of its own kind boundary; words run until a change of class.
        if (current != kind || current == CharClass::Ideograph) {
            flush(i);
            start = i;
            kind = current;
        }
    }
    flush(codes.size());
}

QString text(const QList<uint> &codes, qsizetype from, qsizetype count)
{
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(codes.constData() + from), count);
}

// A term for the MATCH expression: quoted, so that no term is read as an operator.
QString quoted(const QString &term)
{
    return u'"' + term + u'"';
}

} // namespace

QString SearchText::indexTerms(QStringView body)
{
    QString terms;
    terms.reserve(body.size() * 3);
    const auto add = [&terms](const QString &term) {
        terms += term;
        terms += u' ';
    };
    forEachRun(body, [&](CharClass kind, const QList<uint> &run) {
        const qsizetype n = run.size();
        if (kind == CharClass::Ideograph || n == 1) {
            add(text(run, 0, n));
            return;
        }
        if (n == 2)
            add(text(run, 0, 2));
        for (qsizetype i = 0; i + 3 <= n; ++i)
            add(text(run, i, 3));
        if (n >= 3)
            add(text(run, n - 2, 2));
        add(text(run, n - 1, 1));
    });
    terms.chop(1);
    return terms;
}

QString SearchText::scopeTerm(char kind, qint64 key)
{
    return QChar(0xe000) + QLatin1Char(kind) + QString::number(key);
}

QStringList SearchText::queryTerms(QStringView query)
{
    // Any white space separates terms, the ideographic space (U+3000) of Chinese input included.
    QStringList terms;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= query.size(); ++i) {
        if (i < query.size() && !query.at(i).isSpace())
            continue;
        const QString term = query.sliced(start, i - start).toString().toCaseFolded();
        if (!term.isEmpty() && !terms.contains(term))
            terms.append(term);
        start = i + 1;
    }
    return terms;
}

std::optional<QString> SearchText::matchExpression(const QStringList &terms)
{
    QStringList parts;
    QSet<QString> seen;
    const auto add = [&](const QString &part) {
        if (!seen.contains(part)) {
            seen.insert(part);
            parts.append(part);
        }
    };
    for (const QString &term : terms) {
        forEachRun(term, [&](CharClass kind, const QList<uint> &run) {
            const qsizetype n = run.size();
            if (kind == CharClass::Ideograph)
                add(quoted(text(run, 0, n)));
            else if (n < 3)
                add(quoted(text(run, 0, n)) + u'*'); // a prefix of a trigram, last pair or last letter
            else
                for (qsizetype i = 0; i + 3 <= n; ++i)
                    add(quoted(text(run, i, 3)));
        });
    }
    if (parts.isEmpty())
        return std::nullopt;
    return parts.join(u" AND "_s);
}

QString SearchText::withinScope(const QString &expression, const QList<qint64> &conversations,
                                std::optional<qint64> device)
{
    QString scoped = expression;
    if (!conversations.isEmpty()) {
        QStringList any;
        for (qint64 conversation : conversations)
            any.append(quoted(scopeTerm('c', conversation)));
        scoped += u" AND ("_s + any.join(u" OR "_s) + u')';
    }
    if (device)
        scoped += u" AND "_s + quoted(scopeTerm('d', *device));
    return scoped;
}

bool SearchText::confirm(QStringView body, const QStringList &terms)
{
    for (const QString &term : terms)
        if (!body.contains(term, Qt::CaseInsensitive))
            return false;
    return true;
}

SearchText::Snippet SearchText::snippet(const QString &body, const QStringList &terms, int width)
{
    qsizetype hit = terms.isEmpty() ? -1 : body.indexOf(terms.first(), 0, Qt::CaseInsensitive);
    if (hit < 0)
        hit = 0;
    // A third of the width before the hit, the rest after it; never more than the body.
    qsizetype start = qMax<qsizetype>(0, hit - width / 3);
    qsizetype end = qMin(body.size(), start + width);
    start = qMax<qsizetype>(0, qMin(start, end - width));
    // Never cut a character that needs two UTF-16 units in half.
    if (start > 0 && body.at(start).isLowSurrogate())
        --start;
    if (end < body.size() && body.at(end - 1).isHighSurrogate())
        ++end;

    Snippet result;
    const QString ellipsis = u"…"_s;
    const qsizetype offset = start > 0 ? ellipsis.size() - start : -start;
    result.text = (start > 0 ? ellipsis : QString()) + body.mid(start, end - start)
                  + (end < body.size() ? ellipsis : QString());
    for (const QString &term : terms) {
        for (qsizetype at = body.indexOf(term, start, Qt::CaseInsensitive);
             at >= 0 && at + term.size() <= end;
             at = body.indexOf(term, at + term.size(), Qt::CaseInsensitive))
            result.highlights.append({static_cast<int>(at + offset), static_cast<int>(term.size())});
    }
    std::sort(result.highlights.begin(), result.highlights.end());
    return result;
}

} // namespace huiji

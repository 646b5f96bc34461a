// SearchText: the index terms of Chinese, Latin and mixed text, query terms, the FTS5 match
// expression (run against a real FTS5 table), confirmation and snippets.

#include "store/SearchText.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

QSet<QString> termSet(const QString &indexTerms)
{
    const QStringList terms = indexTerms.split(u' ', Qt::SkipEmptyParts);
    return {terms.cbegin(), terms.cend()};
}

// Whether every UTF-16 surrogate in text is one half of a pair: a snippet must not cut a character.
bool wellFormed(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (text.at(i).isSurrogate())
            return false;
    }
    return true;
}

// A body of bodies for the FTS5 test: the cases of the search suite and a few traps.
const QStringList corpus{
    u"我们明天去吃饭吧"_s, u"吃了一顿很好的饭"_s, u"Let's meet at the appointment desk"_s,
    u"明天meeting在3楼"_s, u"OK, see you tomorrow 😀"_s, u"Hello World"_s, u"Привет, МИР"_s,
    u"日本語のカタカナ"_s, u"안녕하세요 친구"_s, u"明天见"_s, u"Wow!!! 吃饭了吗"_s,
    u"abc123 order 987654"_s, u"Café crème"_s, u"don't stop"_s, u"用WeChat发给我"_s,
    u"helloworld"_s, u"a"_s, u"ab"_s, u"aaaa"_s, u"𠮷野家で食べた"_s, u"ＦＵＬＬ　ｗｉｄｔｈ"_s,
};

} // namespace

class tst_SearchText : public QObject
{
    Q_OBJECT

private slots:
    void indexTerms_data();
    void indexTerms();
    void indexTermsAreCaseFolded();
    void queryTerms_data();
    void queryTerms();
    void matchExpressionNeedsAnIndexableCharacter_data();
    void matchExpressionNeedsAnIndexableCharacter();
    void matchExpressionFindsEverySubstring_data();
    void matchExpressionFindsEverySubstring();
    void confirm_data();
    void confirm();
    void snippetOfShortBody();
    void snippetCutsLongBody();
    void snippetAtEitherEnd();
    void snippetFollowsFirstTerm();
    void snippetKeepsSurrogatePairs();
};

void tst_SearchText::indexTerms_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("terms");

    // Han, kana and Hangul: one term per character.
    QTest::newRow("chinese") << u"你好世界"_s << QStringList{u"你"_s, u"好"_s, u"世"_s, u"界"_s};
    QTest::newRow("han outside bmp") << u"𠮷野家"_s << QStringList{u"𠮷"_s, u"野"_s, u"家"_s};
    QTest::newRow("chinese repeated") << u"好好好"_s << QStringList{u"好"_s};
    QTest::newRow("kana") << u"カタカナ"_s << QStringList{u"カ"_s, u"タ"_s, u"ナ"_s};
    QTest::newRow("hangul") << u"안녕 친구"_s << QStringList{u"안"_s, u"녕"_s, u"친"_s, u"구"_s};
    // Other words: trigrams, plus the last two characters and the last one.
    QTest::newRow("latin") << u"Hello"_s
                           << QStringList{u"hel"_s, u"ell"_s, u"llo"_s, u"lo"_s, u"o"_s};
    QTest::newRow("latin 2") << u"ok"_s << QStringList{u"ok"_s, u"k"_s};
    QTest::newRow("latin 1") << u"a"_s << QStringList{u"a"_s};
    QTest::newRow("words") << u"don't stop"_s
                           << QStringList{u"don"_s, u"on"_s, u"n"_s, u"t"_s, u"sto"_s, u"top"_s,
                                          u"op"_s, u"p"_s};
    QTest::newRow("letters and digits") << u"abc123"_s
                                        << QStringList{u"abc"_s, u"bc1"_s, u"c12"_s, u"123"_s,
                                                       u"23"_s, u"3"_s};
    QTest::newRow("accented") << u"Café"_s << QStringList{u"caf"_s, u"afé"_s, u"fé"_s, u"é"_s};
    QTest::newRow("cyrillic") << u"Привет"_s
                              << QStringList{u"при"_s, u"рив"_s, u"иве"_s, u"вет"_s, u"ет"_s, u"т"_s};
    // Mixed: the script change ends a word.
    QTest::newRow("mixed") << u"明天meeting在3楼"_s
                           << QStringList{u"明"_s, u"天"_s, u"mee"_s, u"eet"_s, u"eti"_s, u"tin"_s,
                                          u"ing"_s, u"ng"_s, u"g"_s, u"在"_s, u"3"_s, u"楼"_s};
    QTest::newRow("mixed 2") << u"用WeChat发"_s
                             << QStringList{u"用"_s, u"wec"_s, u"ech"_s, u"cha"_s, u"hat"_s,
                                            u"at"_s, u"t"_s, u"发"_s};
    // Nothing indexable.
    QTest::newRow("empty") << QString() << QStringList{};
    QTest::newRow("punctuation") << u"!!! ... ???"_s << QStringList{};
    QTest::newRow("emoji") << u"😀👍🎉"_s << QStringList{};
    QTest::newRow("emoji and word") << u"😀ok👍"_s << QStringList{u"ok"_s, u"k"_s};
}

void tst_SearchText::indexTerms()
{
    QFETCH(QString, body);
    QFETCH(QStringList, terms);
    QCOMPARE(termSet(SearchText::indexTerms(body)), QSet<QString>(terms.cbegin(), terms.cend()));
}

void tst_SearchText::indexTermsAreCaseFolded()
{
    QCOMPARE(termSet(SearchText::indexTerms(u"HeLLo WORLD"_s)),
             termSet(SearchText::indexTerms(u"hello world"_s)));
    QCOMPARE(termSet(SearchText::indexTerms(u"ÉCOLE"_s)), termSet(SearchText::indexTerms(u"école"_s)));
    QCOMPARE(termSet(SearchText::indexTerms(u"МИР"_s)), termSet(SearchText::indexTerms(u"мир"_s)));
}

void tst_SearchText::queryTerms_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("terms");
    QTest::newRow("one") << u"Hello"_s << QStringList{u"hello"_s};
    QTest::newRow("spaces") << u"  Hello   世界 "_s << QStringList{u"hello"_s, u"世界"_s};
    QTest::newRow("ideographic space") << u"明天\u3000吃饭"_s << QStringList{u"明天"_s, u"吃饭"_s};
    QTest::newRow("tabs and newlines") << u"a\tb\nc"_s << QStringList{u"a"_s, u"b"_s, u"c"_s};
    QTest::newRow("folded") << u"ÉCOLE МИР"_s << QStringList{u"école"_s, u"мир"_s};
    QTest::newRow("punctuation kept") << u"don't 😀"_s << QStringList{u"don't"_s, u"😀"_s};
    QTest::newRow("empty") << QString() << QStringList{};
    QTest::newRow("blank") << u" \t "_s << QStringList{};
}

void tst_SearchText::queryTerms()
{
    QFETCH(QString, query);
    QFETCH(QStringList, terms);
    QCOMPARE(SearchText::queryTerms(query), terms);
}

void tst_SearchText::matchExpressionNeedsAnIndexableCharacter_data()
{
    QTest::addColumn<QStringList>("terms");
    QTest::addColumn<bool>("indexable");
    QTest::newRow("none") << QStringList{} << false;
    QTest::newRow("emoji") << QStringList{u"😀"_s} << false;
    QTest::newRow("emojis") << QStringList{u"😀👍"_s, u"🎉"_s} << false;
    QTest::newRow("punctuation") << QStringList{u"!!!"_s, u"…"_s, u"?"_s} << false;
    QTest::newRow("latin 1") << QStringList{u"a"_s} << true;
    QTest::newRow("han 1") << QStringList{u"饭"_s} << true;
    QTest::newRow("digit") << QStringList{u"7"_s} << true;
    QTest::newRow("emoji and word") << QStringList{u"😀"_s, u"ok"_s} << true;
}

void tst_SearchText::matchExpressionNeedsAnIndexableCharacter()
{
    QFETCH(QStringList, terms);
    QFETCH(bool, indexable);
    QCOMPARE(SearchText::matchExpression(terms).has_value(), indexable);
}

void tst_SearchText::matchExpressionFindsEverySubstring_data()
{
    QTest::addColumn<QString>("query");
    for (const QString &query :
         {u"饭"_s, u"吃饭"_s, u"一饭"_s, u"明天去吃饭"_s, u"吃 饭"_s, u"o"_s, u"W"_s, u"ok"_s,
          u"pp"_s, u"ppoint"_s, u"orro"_s, u"WORLD"_s, u"world hello"_s, u"lowo"_s, u"明天 meeting"_s,
          u"明天meeting"_s, u"3楼"_s, u"987"_s, u"c12"_s, u"мир"_s, u"ИВЕ"_s, u"カタ"_s,
          u"녕하"_s, u"CAFÉ"_s, u"fé cr"_s, u"chat发"_s, u"wechat"_s, u"aa"_s, u"aaa"_s,
          u"aaaa"_s, u"b"_s, u"ab"_s, u"don't"_s, u"n't"_s, u"😀 tomorrow"_s, u"𠮷野"_s,
          u"家で食"_s, u"ｆｕｌ"_s, u"ＷＩＤ"_s})
        QTest::newRow(qPrintable(query)) << query;
}

// The index finds candidates and confirm() keeps the real hits: together they must return exactly
// the bodies that contain every term, with no false negative from the index.
void tst_SearchText::matchExpressionFindsEverySubstring()
{
    QFETCH(QString, query);
    const QString connection = u"tst_searchtext"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(u":memory:"_s);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery sql(db);
        QVERIFY2(sql.exec(u"CREATE VIRTUAL TABLE idx USING fts5(terms, tokenize = 'ascii', detail = none)"_s),
                 qPrintable(sql.lastError().text()));
        QVERIFY(sql.prepare(u"INSERT INTO idx(rowid, terms) VALUES (?, ?)"_s));
        for (qsizetype i = 0; i < corpus.size(); ++i) {
            sql.addBindValue(static_cast<qint64>(i));
            sql.addBindValue(SearchText::indexTerms(corpus.at(i)));
            QVERIFY2(sql.exec(), qPrintable(sql.lastError().text()));
        }

        const QStringList terms = SearchText::queryTerms(query);
        const auto expression = SearchText::matchExpression(terms);
        QVERIFY(expression.has_value());
        QVERIFY(sql.prepare(u"SELECT rowid FROM idx WHERE idx MATCH ? ORDER BY rowid"_s));
        sql.addBindValue(*expression);
        QVERIFY2(sql.exec(), qPrintable(*expression + u": "_s + sql.lastError().text()));
        QSet<qsizetype> candidates;
        while (sql.next())
            candidates.insert(sql.value(0).toLongLong());

        QStringList found, expected;
        for (qsizetype i = 0; i < corpus.size(); ++i) {
            const QString folded = corpus.at(i).toCaseFolded();
            const bool contains = std::all_of(terms.cbegin(), terms.cend(),
                                              [&](const QString &t) { return folded.contains(t); });
            if (contains) {
                expected.append(corpus.at(i));
                QVERIFY2(candidates.contains(i), qPrintable(u"the index misses "_s + corpus.at(i)));
            }
            if (candidates.contains(i) && SearchText::confirm(corpus.at(i), terms))
                found.append(corpus.at(i));
        }
        QCOMPARE(found, expected);
    }
    QSqlDatabase::removeDatabase(connection);
}

void tst_SearchText::confirm_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("terms");
    QTest::addColumn<bool>("confirmed");
    QTest::newRow("latin") << u"Hello World"_s << QStringList{u"world"_s} << true;
    QTest::newRow("latin inside") << u"appointment"_s << QStringList{u"ppoint"_s} << true;
    QTest::newRow("all terms") << u"Hello World"_s << QStringList{u"world"_s, u"hello"_s} << true;
    QTest::newRow("one term missing") << u"Hello World"_s << QStringList{u"hello"_s, u"xyz"_s} << false;
    QTest::newRow("han adjacent") << u"我们去吃饭"_s << QStringList{u"吃饭"_s} << true;
    QTest::newRow("han apart") << u"吃了一顿饭"_s << QStringList{u"吃饭"_s} << false;
    QTest::newRow("han reversed") << u"饭吃"_s << QStringList{u"吃饭"_s} << false;
    QTest::newRow("accented case") << u"ÉCOLE normale"_s << QStringList{u"école"_s} << true;
    QTest::newRow("cyrillic case") << u"Привет, МИР"_s << QStringList{u"мир"_s} << true;
    QTest::newRow("emoji") << u"ok 😀 fine"_s << QStringList{u"😀"_s} << true;
    QTest::newRow("emoji absent") << u"ok 😀 fine"_s << QStringList{u"🎉"_s} << false;
    QTest::newRow("across space") << u"Hello World"_s << QStringList{u"lowo"_s} << false;
}

void tst_SearchText::confirm()
{
    QFETCH(QString, body);
    QFETCH(QStringList, terms);
    QFETCH(bool, confirmed);
    QCOMPARE(SearchText::confirm(body, terms), confirmed);
}

void tst_SearchText::snippetOfShortBody()
{
    const auto snippet = SearchText::snippet(u"Hello 世界, hello!"_s, {u"hello"_s, u"世界"_s});
    QCOMPARE(snippet.text, u"Hello 世界, hello!"_s); // short enough: nothing cut
    const QSet<std::pair<int, int>> marked(snippet.highlights.cbegin(), snippet.highlights.cend());
    QCOMPARE(marked, (QSet<std::pair<int, int>>{{0, 5}, {6, 2}, {10, 5}}));

    const auto emoji = SearchText::snippet(u"ok 😀 fine"_s, {u"😀"_s});
    QCOMPARE(emoji.text, u"ok 😀 fine"_s);
    QCOMPARE(emoji.highlights, (QList<std::pair<int, int>>{{3, 2}})); // UTF-16 offsets
}

void tst_SearchText::snippetCutsLongBody()
{
    const QString filler = u"很长的一段话，"_s.repeated(30);
    const QString body = filler + u"关键词"_s + filler;
    for (const int width : {20, 40, 80}) {
        const auto snippet = SearchText::snippet(body, {u"关键词"_s}, width);
        QVERIFY(snippet.text.startsWith(u'…'));
        QVERIFY(snippet.text.endsWith(u'…'));
        QVERIFY2(snippet.text.size() <= width + width / 2, qPrintable(snippet.text));
        QVERIFY2(snippet.text.size() >= width / 2, qPrintable(snippet.text));
        QCOMPARE(snippet.highlights.size(), 1);
        const auto [offset, length] = snippet.highlights.first();
        QCOMPARE(snippet.text.mid(offset, length), u"关键词"_s);
    }
}

void tst_SearchText::snippetAtEitherEnd()
{
    const QString filler = u"lorem ipsum dolor sit amet "_s.repeated(8);
    const auto start = SearchText::snippet(u"Needle "_s + filler, {u"needle"_s}, 40);
    QVERIFY2(start.text.startsWith(u"Needle"_s), qPrintable(start.text));
    QVERIFY(start.text.endsWith(u'…'));
    QCOMPARE(start.highlights, (QList<std::pair<int, int>>{{0, 6}}));

    const auto end = SearchText::snippet(filler + u"the end: NEEDLE"_s, {u"needle"_s}, 40);
    QVERIFY(end.text.startsWith(u'…'));
    QVERIFY2(end.text.endsWith(u"NEEDLE"_s), qPrintable(end.text));
    QCOMPARE(end.highlights.size(), 1);
    QCOMPARE(end.text.mid(end.highlights.first().first, end.highlights.first().second), u"NEEDLE"_s);
}

void tst_SearchText::snippetFollowsFirstTerm()
{
    // The snippet is about the first term, even when another term comes earlier in the body.
    const QString filler = u" lorem ipsum dolor sit amet"_s.repeated(8);
    const QString body = u"alpha"_s + filler + u" beta"_s + filler;
    const auto snippet = SearchText::snippet(body, {u"beta"_s, u"alpha"_s}, 40);
    QVERIFY2(snippet.text.contains(u"beta"_s), qPrintable(snippet.text));
    QVERIFY(!snippet.text.contains(u"alpha"_s));
    QCOMPARE(snippet.highlights.size(), 1);
    const auto [offset, length] = snippet.highlights.first();
    QCOMPARE(snippet.text.mid(offset, length), u"beta"_s);
}

void tst_SearchText::snippetKeepsSurrogatePairs()
{
    const QString emoji = u"😀"_s.repeated(100);
    for (const int width : {15, 16, 17, 40}) {
        const auto snippet = SearchText::snippet(emoji + u"关键"_s + emoji, {u"关键"_s}, width);
        QVERIFY2(wellFormed(snippet.text), qPrintable(snippet.text));
        QVERIFY(snippet.text.contains(u"关键"_s));
    }
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_SearchText)
#include "tst_searchtext.moc"

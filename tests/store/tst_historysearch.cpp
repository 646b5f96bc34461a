// HistoryStore::search(): substrings of Chinese, Latin and mixed text, multi-term queries,
// filters and paging, snippets and highlights. The tokenizing rules themselves are tst_searchtext's.

#include "store/HistoryStore.h"
#include "store/Position.h"

#include "TestHistory.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace huiji {

namespace {

constexpr qint64 second = 1000;

// The conversation every query below runs against; record i is at testEpoch + i seconds (order
// time), so "newest first" is descending i.
QList<Record> conversation()
{
    const auto at = [](int i) { return testEpoch + i * second; };
    const QString carol = u"carol"_s;
    return {
        makeRecord(u"我们明天去吃饭吧"_s, at(1), phone),
        incoming(makeRecord(u"吃了一顿很好的饭"_s, at(2), laptop)),
        makeRecord(u"Let's meet at the appointment desk"_s, at(3), tablet),
        // Passed the server: ordered (and filtered) by the server's time, not the phone's.
        relayed(makeRecord(u"明天meeting在3楼"_s, at(4) - 50 * second, phone), at(4)),
        incoming(makeRecord(u"OK, see you tomorrow 😀"_s, at(5), laptop)),
        makeRecord(u"Hello World"_s, at(6), tablet),
        makeRecord(u"Привет, МИР"_s, at(7), phone),
        makeRecord(u"日本語のカタカナ"_s, at(8), laptop),
        incoming(makeRecord(u"안녕하세요 친구"_s, at(9), tablet)),
        makeRecord(u"明天见"_s, at(10), tablet, carol),
        incoming(makeRecord(u"Wow!!! 吃饭了吗"_s, at(11), laptop, carol)),
        makeRecord(u"Café crème Ⓐ"_s, at(12), phone),
        // 𠮷 is outside the BMP: two UTF-16 units, one character.
        makeRecord(u"𠮷野家で食べた"_s, at(13), tablet),
    };
}

} // namespace

class tst_HistorySearch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void findsSubstrings_data();
    void findsSubstrings();
    void emptyQueryIsRejected_data();
    void emptyQueryIsRejected();
    void badLimitIsRejected();

    void filtersByContact();
    void filtersByDevice();
    void filtersByOrderTime();
    void pagesWithBeforeCursor();
    void pagesBackWithAfterCursor();
    void pagesThroughOneMillisecond();
    void scanFiltersToo();

    void snippetOfLongBody_data();
    void snippetOfLongBody();
    void highlightsEveryOccurrenceOfEveryTerm();

private:
    // Merges conversation(); returns what went wrong, or nothing.
    [[nodiscard]] QByteArray mergeConversation();
    // Runs a query that must succeed.
    void searchFor(const SearchQuery &query, QList<SearchHit> *hits);

    std::optional<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;
};

void tst_HistorySearch::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    auto opened = HistoryStore::open(m_dir->filePath(u"history.sqlite"_s));
    HUIJI_VERIFY_OK(opened);
    m_store = std::move(*opened);
}

void tst_HistorySearch::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

QByteArray tst_HistorySearch::mergeConversation()
{
    const auto merged = m_store->merge(conversation(), {phone, laptop, tablet});
    if (!merged)
        return why(merged);
    return merged->added == 13 ? QByteArray() : "added " + QByteArray::number(merged->added) + " of 13";
}

void tst_HistorySearch::searchFor(const SearchQuery &query, QList<SearchHit> *hits)
{
    const auto found = m_store->search(query);
    HUIJI_VERIFY_OK(found);
    *hits = *found;
    for (qsizetype i = 1; i < hits->size(); ++i) // newest first
        QVERIFY(hits->at(i - 1).stored.position > hits->at(i).stored.position);
}

void tst_HistorySearch::findsSubstrings_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    const QString r1 = u"我们明天去吃饭吧"_s, r2 = u"吃了一顿很好的饭"_s,
                  r3 = u"Let's meet at the appointment desk"_s, r4 = u"明天meeting在3楼"_s,
                  r5 = u"OK, see you tomorrow 😀"_s, r6 = u"Hello World"_s, r7 = u"Привет, МИР"_s,
                  r8 = u"日本語のカタカナ"_s, r9 = u"안녕하세요 친구"_s, r10 = u"明天见"_s,
                  r11 = u"Wow!!! 吃饭了吗"_s, r12 = u"Café crème Ⓐ"_s, r13 = u"𠮷野家で食べた"_s;
    const auto row = [](const char *name, const QString &query, const QStringList &expected) {
        QTest::newRow(name) << query << expected;
    };

    // Han: one character, two, longer runs; two characters must be adjacent and in order.
    row("han 1", u"饭"_s, {r11, r2, r1});
    row("han 2", u"吃饭"_s, {r11, r1});
    row("han 2 not adjacent", u"一饭"_s, {});
    row("han 2 reversed", u"天明"_s, {});
    row("han 2 everywhere", u"明天"_s, {r10, r4, r1});
    row("han run", u"明天去吃饭"_s, {r1});
    row("han run middle", u"一顿很好"_s, {r2});
    row("han run absent", u"明天去吃面"_s, {});
    // Two one-character terms: both anywhere, so the non-adjacent one matches too.
    row("han two terms", u"吃 饭"_s, {r11, r2, r1});
    // Latin: 1 and 2 letters, fragments in the middle of words, case-insensitive.
    row("latin 1", u"o"_s, {r11, r6, r5, r3});
    row("latin 1 w", u"W"_s, {r11, r6, r5});
    row("latin 2", u"ok"_s, {r5});
    row("latin 2 inside", u"pp"_s, {r3});
    row("latin 2 double", u"ll"_s, {r6});
    row("latin middle", u"ppoint"_s, {r3});
    row("latin middle 2", u"orro"_s, {r5});
    row("latin shared", u"eet"_s, {r4, r3});
    row("latin upper", u"WORLD"_s, {r6});
    row("latin mixed case", u"hElLo"_s, {r6});
    row("latin absent", u"xyz"_s, {});
    row("latin across words", u"lowo"_s, {});
    // Several terms: every one must be present, in any order.
    row("terms reversed", u"world hello"_s, {r6});
    row("terms one missing", u"hello xyz"_s, {});
    row("terms han latin", u"明天 meeting"_s, {r4});
    row("terms han han", u"明天 吃饭"_s, {r1});
    row("terms extra spaces", u"  明天   吃饭  "_s, {r1});
    row("ideographic space", u"明天\u3000吃饭"_s, {r1});
    // Mixed scripts within one term, and digits.
    row("mixed term", u"明天meeting"_s, {r4});
    row("mixed term latin han", u"meeting在"_s, {r4});
    row("digit", u"3"_s, {r4});
    row("digit han", u"3楼"_s, {r4});
    // Other scripts.
    row("cyrillic lower", u"мир"_s, {r7});
    row("cyrillic middle upper", u"ИВЕ"_s, {r7});
    row("kana", u"カタ"_s, {r8});
    row("kanji kana", u"語の"_s, {r8});
    row("hangul", u"녕하"_s, {r9});
    row("hangul word", u"친구"_s, {r9});
    row("accented upper", u"CAFÉ"_s, {r12});
    row("accented inside", u"rèm"_s, {r12});
    row("han outside bmp", u"𠮷野"_s, {r13});
    row("han outside bmp alone", u"𠮷"_s, {r13});
    // Nothing indexable: found by scanning the bodies.
    row("emoji", u"😀"_s, {r5});
    row("punctuation", u"!!!"_s, {r11});
    row("comma", u","_s, {r7, r5});
    row("emoji absent", u"🎉"_s, {});
    // Circled letters are symbols, not letters, yet they have case: the scan must ignore it too.
    row("symbol with case", u"Ⓐ"_s, {r12});
    row("symbol other case", u"ⓐ"_s, {r12});
    row("emoji and word", u"😀 tomorrow"_s, {r5});
}

void tst_HistorySearch::findsSubstrings()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    QCOMPARE(mergeConversation(), QByteArray());

    QList<SearchHit> hits;
    HUIJI_CHECKED(searchFor({query, {}, {}, {}, {}, 50, {}}, &hits));
    QCOMPARE(bodiesOf(hits), expected);

    // Every body here is short, so each snippet is the whole body with every term marked.
    const QRegularExpression space(u"\\s+"_s, QRegularExpression::UseUnicodePropertiesOption);
    const QStringList terms = query.toCaseFolded().split(space, Qt::SkipEmptyParts);
    for (const SearchHit &hit : std::as_const(hits)) {
        QCOMPARE(hit.snippet, hit.stored.record.body);
        QSet<QString> marked;
        for (const auto &[offset, length] : hit.highlights) {
            QVERIFY(offset >= 0 && length > 0 && offset + length <= hit.snippet.size());
            const QString text = hit.snippet.mid(offset, length).toCaseFolded();
            QVERIFY2(terms.contains(text), qPrintable(text));
            marked.insert(text);
        }
        QCOMPARE(marked.size(), QSet<QString>(terms.cbegin(), terms.cend()).size());
        QVERIFY(!hit.stored.deviceLabel.isEmpty());
    }
}

void tst_HistorySearch::emptyQueryIsRejected_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("empty") << QString();
    QTest::newRow("spaces") << u"   "_s;
    QTest::newRow("whitespace") << u" \t\n "_s;
}

void tst_HistorySearch::emptyQueryIsRejected()
{
    QFETCH(QString, query);
    QCOMPARE(mergeConversation(), QByteArray());
    const auto found = m_store->search({query, {}, {}, {}, {}, 50, {}});
    QVERIFY(!found);
    QCOMPARE(found.error().code, ErrorCode::InvalidArgument);
}

void tst_HistorySearch::badLimitIsRejected()
{
    QCOMPARE(mergeConversation(), QByteArray());
    const auto found = m_store->search({u"明天"_s, {}, {}, {}, {}, -1, {}});
    QVERIFY(!found);
    QCOMPARE(found.error().code, ErrorCode::InvalidArgument);
}

void tst_HistorySearch::filtersByContact()
{
    QCOMPARE(mergeConversation(), QByteArray());
    QList<SearchHit> hits;
    HUIJI_CHECKED(searchFor({u"吃饭"_s, {testAccount, u"carol"_s, {}}, {}, {}, {}, 50, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"Wow!!! 吃饭了吗"_s}));
    HUIJI_CHECKED(searchFor({u"明天"_s, {testAccount, testContact, {}}, {}, {}, {}, 50, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"明天meeting在3楼"_s, u"我们明天去吃饭吧"_s}));
    HUIJI_CHECKED(searchFor({u"明天"_s, {u"someone-else"_s, {}, {}}, {}, {}, {}, 50, {}}, &hits));
    QVERIFY(hits.isEmpty());
}

void tst_HistorySearch::filtersByDevice()
{
    QCOMPARE(mergeConversation(), QByteArray());
    QList<SearchHit> hits;
    HUIJI_CHECKED(searchFor({u"明天"_s, {{}, {}, phone.id}, {}, {}, {}, 50, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"明天meeting在3楼"_s, u"我们明天去吃饭吧"_s}));
    for (const SearchHit &hit : std::as_const(hits))
        QCOMPARE(hit.stored.deviceLabel, phone.name);
    HUIJI_CHECKED(searchFor({u"o"_s, {{}, {}, laptop.id}, {}, {}, {}, 50, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"Wow!!! 吃饭了吗"_s, u"OK, see you tomorrow 😀"_s}));
}

void tst_HistorySearch::filtersByOrderTime()
{
    QCOMPARE(mergeConversation(), QByteArray());
    const auto at = [](int i) { return testEpoch + i * second; };
    QList<SearchHit> hits;
    // from is inclusive and until exclusive, both on the order time: the relayed "明天meeting"
    // was written 50 s earlier by the phone's clock, but the server's time is at(4).
    HUIJI_CHECKED(searchFor({u"明天"_s, {}, at(4), at(10), {}, 50, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"明天meeting在3楼"_s}));
    HUIJI_CHECKED(searchFor({u"明天"_s, {}, at(4) + 1, {}, {}, 50, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"明天见"_s}));
    HUIJI_CHECKED(searchFor({u"明天"_s, {}, {}, at(10) + 1, {}, 50, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"明天见"_s, u"明天meeting在3楼"_s, u"我们明天去吃饭吧"_s}));
    HUIJI_CHECKED(searchFor({u"明天"_s, {}, at(2), at(3), {}, 50, {}}, &hits));
    QVERIFY(hits.isEmpty());
}

void tst_HistorySearch::pagesWithBeforeCursor()
{
    QCOMPARE(mergeConversation(), QByteArray());
    QList<SearchHit> hits;
    HUIJI_CHECKED(searchFor({u"o"_s, {}, {}, {}, {}, 2, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"Wow!!! 吃饭了吗"_s, u"Hello World"_s}));
    HUIJI_CHECKED(searchFor({u"o"_s, {}, {}, {}, hits.last().stored.position, 2, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"OK, see you tomorrow 😀"_s,
                                          u"Let's meet at the appointment desk"_s}));
    HUIJI_CHECKED(searchFor({u"o"_s, {}, {}, {}, hits.last().stored.position, 2, {}}, &hits));
    QVERIFY(hits.isEmpty());
}

// The page above a cursor is the one just newer than it, newest first like every page, in the
// index and in the scan.
void tst_HistorySearch::pagesBackWithAfterCursor()
{
    QCOMPARE(mergeConversation(), QByteArray());
    QList<SearchHit> all;
    HUIJI_CHECKED(searchFor({u"o"_s, {}, {}, {}, {}, 50, {}}, &all));
    QCOMPARE(all.size(), 4);
    SearchQuery query{u"o"_s, {}, {}, {}, {}, 2, {}};
    query.after = all.last().stored.position;
    QList<SearchHit> hits;
    HUIJI_CHECKED(searchFor(query, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"Hello World"_s, u"OK, see you tomorrow 😀"_s}));
    query.after = all.first().stored.position;
    HUIJI_CHECKED(searchFor(query, &hits));
    QVERIFY(hits.isEmpty());

    // Between two cursors, and without index terms.
    query = {u","_s, {}, {}, {}, {}, 50, {}};
    HUIJI_CHECKED(searchFor(query, &all));
    QCOMPARE(bodiesOf(all), (QStringList{u"Привет, МИР"_s, u"OK, see you tomorrow 😀"_s}));
    query.limit = 1;
    query.after = all.last().stored.position;
    HUIJI_CHECKED(searchFor(query, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"Привет, МИР"_s}));
    query.before = all.first().stored.position;
    HUIJI_CHECKED(searchFor(query, &hits));
    QVERIFY(hits.isEmpty());
}

void tst_HistorySearch::pagesThroughOneMillisecond()
{
    // 40 matching records (and 40 others) in one millisecond: pages of 7 find each match once.
    QList<Record> records;
    const DeviceInfo devices[] = {phone, laptop, tablet};
    for (int i = 0; i < 80; ++i) {
        const QString body = i % 2 ? u"第%1条：今晚吃饭"_s.arg(i) : u"第%1条：今晚看电影"_s.arg(i);
        Record record = makeRecord(body, testEpoch, devices[i % 3]);
        if (i % 5 == 0)
            record = withoutId(record, devices[i % 3]);
        records.append(record);
    }
    const auto merged = m_store->merge(records, {phone, laptop, tablet});
    HUIJI_VERIFY_OK(merged);
    QCOMPARE(merged->added, 80);

    QSet<QString> found;
    std::optional<qint64> before;
    for (int page = 0; page < 20; ++page) {
        QList<SearchHit> hits;
        HUIJI_CHECKED(searchFor({u"吃饭"_s, {}, {}, {}, before, 7, {}}, &hits));
        QVERIFY(hits.size() <= 7);
        for (const SearchHit &hit : std::as_const(hits)) {
            QVERIFY(hit.stored.record.body.endsWith(u"吃饭"_s));
            QVERIFY2(!found.contains(hit.stored.record.body), "a hit came twice");
            found.insert(hit.stored.record.body);
            if (before)
                QVERIFY(hit.stored.position < *before);
        }
        if (hits.size() < 7)
            break;
        before = hits.last().stored.position;
    }
    QCOMPARE(found.size(), 40);
}

void tst_HistorySearch::scanFiltersToo()
{
    QCOMPARE(mergeConversation(), QByteArray());
    QList<SearchHit> hits;
    HUIJI_CHECKED(searchFor({u"😀"_s, {testAccount, u"carol"_s, {}}, {}, {}, {}, 50, {}}, &hits));
    QVERIFY(hits.isEmpty());
    HUIJI_CHECKED(searchFor({u"!"_s, {}, {}, {}, {}, 50, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"Wow!!! 吃饭了吗"_s}));
    QCOMPARE(hits.first().highlights.size(), 3); // each "!" of "Wow!!!"
    HUIJI_CHECKED(searchFor({u","_s, {}, {}, {}, {}, 1, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"Привет, МИР"_s}));
    HUIJI_CHECKED(searchFor({u","_s, {}, {}, {}, hits.last().stored.position, 1, {}}, &hits));
    QCOMPARE(bodiesOf(hits), (QStringList{u"OK, see you tomorrow 😀"_s}));
}

void tst_HistorySearch::snippetOfLongBody_data()
{
    QTest::addColumn<QString>("filler");
    QTest::addColumn<QString>("middle");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("highlighted");
    QTest::newRow("chinese") << u"很长的一段话，"_s.repeated(20) << u"关键词"_s << u"关键词"_s << u"关键词"_s;
    // The snippet shows the body's own spelling, not the query's.
    QTest::newRow("latin") << u"lorem ipsum dolor sit amet "_s.repeated(10) << u"the Needle is here "_s
                           << u"NEEDLE"_s << u"Needle"_s;
}

void tst_HistorySearch::snippetOfLongBody()
{
    QFETCH(QString, filler);
    QFETCH(QString, middle);
    QFETCH(QString, query);
    QFETCH(QString, highlighted);
    const QString body = filler + middle + filler;
    const auto merged = m_store->merge({makeRecord(body, testEpoch)});
    HUIJI_VERIFY_OK(merged);

    QList<SearchHit> hits;
    HUIJI_CHECKED(searchFor({query, {}, {}, {}, {}, 10, {}}, &hits));
    QCOMPARE(hits.size(), 1);
    const SearchHit &hit = hits.first();
    QVERIFY(hit.snippet.startsWith(u'…'));
    QVERIFY(hit.snippet.endsWith(u'…'));
    QVERIFY2(hit.snippet.size() < body.size() / 2, qPrintable(hit.snippet));
    QCOMPARE(hit.highlights.size(), 1);
    QCOMPARE(hit.snippet.mid(hit.highlights.first().first, hit.highlights.first().second), highlighted);
}

void tst_HistorySearch::highlightsEveryOccurrenceOfEveryTerm()
{
    const QString body = u"Alpha beta 测试 gamma alpha 测试"_s;
    const auto merged = m_store->merge({makeRecord(body, testEpoch)});
    HUIJI_VERIFY_OK(merged);

    QList<SearchHit> hits;
    HUIJI_CHECKED(searchFor({u"alpha 测试 GAMMA"_s, {}, {}, {}, {}, 10, {}}, &hits));
    QCOMPARE(hits.size(), 1);
    const SearchHit &hit = hits.first();
    QCOMPARE(hit.snippet, body);
    const QSet<std::pair<int, int>> marked(hit.highlights.cbegin(), hit.highlights.cend());
    const QSet<std::pair<int, int>> expected{{0, 5}, {11, 2}, {14, 5}, {20, 5}, {26, 2}};
    QCOMPARE(marked, expected);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_HistorySearch)
#include "tst_historysearch.moc"

#include "HistoryTestData.h"

#include "ui/SearchResultModel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>

using namespace huiji;
using namespace huiji::test;

class TstSearchResultModel : public QObject
{
    Q_OBJECT

private:
    using Ranges = QList<std::pair<int, int>>;

private slots:
    void findsAChineseTermInEveryConversation()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        SearchResultModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        HUIJI_VERIFY_OK(model.search(u"会议"_s, {}));

        // Newest first: bob on the 20th, carol and bob's two on the 19th and 18th.
        QList<Record> matching;
        for (const Record &record : fixture.records)
            if (record.body.contains(u"会议"_s))
                matching.append(record);
        std::sort(matching.begin(), matching.end(),
                  [](const Record &a, const Record &b) { return a.orderTime() > b.orderTime(); });
        QCOMPARE(matching.size(), 4);
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(!model.canFetchMore({}));
        QSet<QString> contacts;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row);
            QCOMPARE(index.data(SearchResultModel::IdRole).toUuid(), matching.at(row).id);
            QCOMPARE(index.data(SearchResultModel::BodyRole).toString(), matching.at(row).body);
            contacts.insert(index.data(SearchResultModel::ContactRole).toString());
            // Every highlight marks the term itself in the snippet.
            const QString snippet = index.data(SearchResultModel::SnippetRole).toString();
            const auto highlights = index.data(SearchResultModel::HighlightsRole).value<Ranges>();
            QVERIFY(!highlights.isEmpty());
            for (const auto &[offset, length] : highlights)
                QCOMPARE(snippet.mid(offset, length), u"会议"_s);
            QVERIFY(index.data(SearchResultModel::PositionRole).toLongLong() > 0);
            QVERIFY(!index.data(SearchResultModel::DeviceLabelRole).toString().isEmpty());
            QVERIFY(index.data(SearchResultModel::DeviceColorRole).value<QColor>().isValid());
        }
        QCOMPARE(contacts, (QSet<QString>{u"bob"_s, u"carol"_s}));
    }

    void searchesOneConversation()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        SearchResultModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        HUIJI_VERIFY_OK(model.search(u"会议"_s, {account, u"bob"_s, {}}));
        QCOMPARE(model.rowCount(), 3);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row).data(SearchResultModel::ContactRole).toString(), u"bob"_s);

        // English, case-insensitively, within a word.
        HUIJI_VERIFY_OK(model.search(u"NIGHT"_s, {}));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(SearchResultModel::BodyRole).toString(), u"Good night!"_s);
        const auto highlights = model.index(0).data(SearchResultModel::HighlightsRole).value<Ranges>();
        QCOMPARE(highlights.size(), 1);
        QCOMPARE(model.index(0).data(SearchResultModel::SnippetRole).toString().mid(highlights.first().first, 5),
                 u"night"_s);
    }

    void fetchesMoreHitsWithTheCursor()
    {
        HistoryFixture fixture(350);
        HUIJI_CHECK_CREATE(fixture);
        SearchResultModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        HUIJI_VERIFY_OK(model.search(u"构建"_s, {}));
        QCOMPARE(model.rowCount(), SearchResultModel::pageSize);
        QVERIFY(model.canFetchMore({}));

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(inserted.size(), 3); // 175 hits: 50 + 50 + 50 + 25
        QCOMPARE(model.rowCount(), 175);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1).data(SearchResultModel::PositionRole).toLongLong()
                    > model.index(row).data(SearchResultModel::PositionRole).toLongLong());
        QCOMPARE(model.index(0).data(SearchResultModel::BodyRole).toString(), u"构建 #349 通过了"_s);
        QCOMPARE(model.index(174).data(SearchResultModel::BodyRole).toString(), u"构建 #1 通过了"_s);
    }

    // Scrolling far down a search lets the newest hits go and fetchNewer() brings them back; the
    // count of hits found so far stays whole either way.
    void pagingBothWaysHoldsABoundedWindow()
    {
        HistoryFixture fixture(2 * SearchResultModel::maxRows + 400); // 1,200 hits
        HUIJI_CHECK_CREATE(fixture);
        SearchQuery everything{u"构建"_s, {}, {}, {}, {}, 10'000, {}};
        const auto all = fixture.store().search(everything);
        HUIJI_VERIFY_OK(all);
        QCOMPARE(all->size(), SearchResultModel::maxRows + 200);
        const auto positionsOf = [&all](int first, int count) {
            QList<qint64> positions;
            for (int i = first; i < first + count; ++i)
                positions.append(all->at(i).stored.position);
            return positions;
        };
        SearchResultModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto window = [&model] {
            QList<qint64> positions;
            for (int row = 0; row < model.rowCount(); ++row)
                positions.append(model.index(row).data(SearchResultModel::PositionRole).toLongLong());
            return positions;
        };

        HUIJI_VERIFY_OK(model.search(u"构建"_s, {}));
        QVERIFY(!model.canFetchNewer());
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(window(), positionsOf(200, SearchResultModel::maxRows));
        QCOMPARE(model.found(), all->size());
        QVERIFY(model.canFetchNewer());

        int pages = 0;
        while (model.canFetchNewer()) {
            const auto fetched = model.fetchNewer();
            HUIJI_VERIFY_OK(fetched);
            QCOMPARE(*fetched, SearchResultModel::pageSize);
            ++pages;
        }
        QCOMPARE(pages, 4);
        QCOMPARE(window(), positionsOf(0, SearchResultModel::maxRows));
        QCOMPARE(model.found(), all->size());
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(window(), positionsOf(SearchResultModel::pageSize, SearchResultModel::maxRows));

        // A new search starts from the top with nothing let go.
        HUIJI_VERIFY_OK(model.search(u"构建 #1"_s, {}));
        QVERIFY(!model.canFetchNewer());
        QCOMPARE(model.found(), model.rowCount());
    }

    void clearsAndFindsNothing()
    {
        HistoryFixture fixture;
        HUIJI_CHECK_CREATE(fixture);
        SearchResultModel model(fixture.store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        HUIJI_VERIFY_OK(model.search(u"会议"_s, {}));
        QVERIFY(model.rowCount() > 0);
        HUIJI_VERIFY_OK(model.search(u"   "_s, {}));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.text().isEmpty());
        HUIJI_VERIFY_OK(model.search(u"火星"_s, {}));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.text(), u"火星"_s);
    }
};

QTEST_MAIN(TstSearchResultModel)
#include "tst_searchresultmodel.moc"

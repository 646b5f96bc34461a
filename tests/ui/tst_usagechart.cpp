// The usage chart as it is painted: one device's bars in its colour and in proportion to its
// uses, several devices stacked day by day, the empty states, the tooltip of a day, and the
// accessible description that says the same in words.

#include "ui/DeviceColors.h"
#include "ui/UsageChart.h"

#include <QApplication>
#include <QHelpEvent>
#include <QImage>
#include <QTest>
#include <QToolTip>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

wire::DeviceEntry device(const QString &id, const QString &name, const QList<qint64> &daily)
{
    wire::DeviceEntry entry;
    entry.info = {id, name, u"debian"_s};
    entry.daily = daily;
    for (const qint64 uses : daily)
        entry.uses += uses;
    return entry;
}

} // namespace

class tst_UsageChart : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void oneDeviceInItsColour();
    void severalDevicesStacked();
    void emptyStates();
    void tooltipTellsTheDay();

private:
    QImage paint();
    QRgb colourOf(const QString &id) const { return DeviceColors::of(id, m_chart->palette()).rgb(); }

    std::unique_ptr<UsageChart> m_chart;
};

void tst_UsageChart::init()
{
    m_chart = std::make_unique<UsageChart>();
    m_chart->resize(420, 220);
}

void tst_UsageChart::cleanup()
{
    m_chart.reset();
}

QImage tst_UsageChart::paint()
{
    const QImage image = m_chart->grab().toImage();
    if (const QString folder = qEnvironmentVariable("HUIJI_SCREENSHOTS"); !folder.isEmpty())
        image.save(folder + u"/usagechart-%1.png"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
    return image;
}

void tst_UsageChart::oneDeviceInItsColour()
{
    m_chart->setDevices({device(u"thinkpad-id"_s, u"ThinkPad"_s, {0, 2, 0, 1, 0, 0, 4})});
    QCOMPARE(m_chart->windowDays(), 7);
    QCOMPARE(m_chart->usesOn(6), 4);
    const QImage image = paint();
    const qreal ratio = image.devicePixelRatio();
    const auto pixel = [&](QPoint at) { return image.pixel((QPointF(at) * ratio).toPoint()); };

    QVERIFY(m_chart->barRect(0).isEmpty());
    QVERIFY(m_chart->barRect(2).isEmpty());
    for (const int day : {1, 3, 6}) {
        const QRect bar = m_chart->barRect(day);
        QVERIFY(!bar.isEmpty());
        QCOMPARE(pixel(bar.center()), colourOf(u"thinkpad-id"_s));
    }
    // Bars in proportion to the uses, standing on one line, the busiest day as high as it gets.
    const QRect busiest = m_chart->barRect(6);
    const QRect twice = m_chart->barRect(1);
    const QRect once = m_chart->barRect(3);
    QCOMPARE(busiest.bottom(), once.bottom());
    QVERIFY(qAbs(twice.height() * 2 - busiest.height()) <= 2);
    QVERIFY(qAbs(once.height() * 4 - busiest.height()) <= 4);
    QVERIFY(twice.right() < once.left());
    QVERIFY(busiest.top() > 2 * m_chart->fontMetrics().height()); // below the title and subtitle
    // Nothing in the device's colour between the bars.
    QVERIFY(pixel(QPoint((twice.right() + once.left()) / 2, once.center().y())) != colourOf(u"thinkpad-id"_s));

    QCOMPARE(m_chart->accessibleName(), u"Usage chart"_s);
    QCOMPARE(m_chart->accessibleDescription(),
             u"ThinkPad was used 7 time(s) in the last 7 days. Busiest day: Today, with 4 use(s)."_s);
}

void tst_UsageChart::severalDevicesStacked()
{
    m_chart->setDevices({device(u"desktop-id"_s, u"Desktop"_s, {1, 0, 3}),
                         device(u"office-id"_s, u"办公室电脑"_s, {1, 0, 1})});
    QCOMPARE(m_chart->usesOn(0), 2);
    QCOMPARE(m_chart->usesOn(2), 4);
    const QImage image = paint();
    const qreal ratio = image.devicePixelRatio();
    const auto pixel = [&](QPoint at) { return image.pixel((QPointF(at) * ratio).toPoint()); };

    // The first device at the bottom of each day's bar, the second above it, in their shares.
    const QRect today = m_chart->barRect(2);
    QCOMPARE(pixel(QPoint(today.center().x(), today.bottom() - 2)), colourOf(u"desktop-id"_s));
    QCOMPARE(pixel(QPoint(today.center().x(), today.top() + 2)), colourOf(u"office-id"_s));
    QCOMPARE(pixel(QPoint(today.center().x(), today.bottom() - today.height() * 5 / 8)), colourOf(u"desktop-id"_s));
    QCOMPARE(pixel(QPoint(today.center().x(), today.top() + today.height() / 8)), colourOf(u"office-id"_s));
    const QRect first = m_chart->barRect(0);
    QVERIFY(qAbs(first.height() * 2 - today.height()) <= 2);
    QVERIFY(m_chart->barRect(1).isEmpty());

    QCOMPARE(m_chart->accessibleDescription(),
             u"All devices together were used 6 time(s) in the last 3 days. Busiest day: Today, with 4 use(s). "
             u"Desktop: 4 use(s). 办公室电脑: 2 use(s)."_s);
}

void tst_UsageChart::emptyStates()
{
    QCOMPARE(m_chart->accessibleDescription(), u"No devices to show"_s);
    QVERIFY(!paint().isNull());
    QCOMPARE(m_chart->windowDays(), 0);
    QVERIFY(m_chart->barRect(0).isEmpty());

    m_chart->setDevices({device(u"phone-id"_s, u"Phone"_s, QList<qint64>(30, 0))});
    const QImage image = paint();
    for (int day = 0; day < 30; ++day)
        QVERIFY(m_chart->barRect(day).isEmpty());
    QCOMPARE(m_chart->accessibleDescription(), u"Phone was used 0 time(s) in the last 30 days."_s);
    // Not a single pixel in the device's colour.
    const QRgb colour = colourOf(u"phone-id"_s);
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            QVERIFY(image.pixel(x, y) != colour);
}

void tst_UsageChart::tooltipTellsTheDay()
{
    m_chart->setDevices({device(u"desktop-id"_s, u"Desktop"_s, {0, 2, 3}), device(u"office-id"_s, u"办公室电脑"_s, {0, 1, 0})});
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart.get()));
    const QPoint yesterday = m_chart->barRect(1).center();
    QHelpEvent help(QEvent::ToolTip, yesterday, m_chart->mapToGlobal(yesterday));
    QApplication::sendEvent(m_chart.get(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), u"Yesterday: 3 use(s)\nDesktop: 2 use(s)\n办公室电脑: 1 use(s)"_s);

    QHelpEvent outside(QEvent::ToolTip, QPoint(1, 1), m_chart->mapToGlobal(QPoint(1, 1)));
    QApplication::sendEvent(m_chart.get(), &outside);
    QTRY_VERIFY(!QToolTip::isVisible());
}

} // namespace huiji

QTEST_MAIN(huiji::tst_UsageChart)
#include "tst_usagechart.moc"

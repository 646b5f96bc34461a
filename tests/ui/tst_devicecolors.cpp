// Device colours: the devices of a history get different colours whatever their ids, in the
// same way for the same history, a device keeps its colour (in a profile, across runs and whatever
// order devices are met in), and colours read on light and dark palettes.

#include "ui/DeviceColors.h"

#include "client/Profile.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

class tst_DeviceColors : public QObject
{
    Q_OBJECT

private slots:
    void devicesStandApart();
    void aDeviceKeepsItsColourInEveryRun();
    void aNewDeviceLooksTheSameInEveryProfile();
};

// One case: the hues handed out are the process's, as in the client.
void tst_DeviceColors::devicesStandApart()
{
    QPalette light;
    light.setColor(QPalette::Window, Qt::white);
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));

    // The history's devices in any order; two of these ids point at the same hue, and still they
    // stand apart.
    DeviceColors::remember({u"phone-id"_s, u"desktop-id"_s, u"laptop-id"_s});
    const QColor desktop = DeviceColors::of(u"desktop-id"_s, light);
    const QColor laptop = DeviceColors::of(u"laptop-id"_s, light);
    const QColor phone = DeviceColors::of(u"phone-id"_s, light);
    QCOMPARE(QSet<QRgb>({desktop.rgb(), laptop.rgb(), phone.rgb()}).size(), 3);

    // A device met later takes a hue of its own; the others keep theirs.
    const QColor tablet = DeviceColors::of(u"tablet-id"_s, light);
    QVERIFY(!QSet<QRgb>({desktop.rgb(), laptop.rgb(), phone.rgb()}).contains(tablet.rgb()));
    QCOMPARE(DeviceColors::of(u"laptop-id"_s, light), laptop);

    // As many devices as hues all differ; the dark palette has the same hues, lighter.
    QSet<int> hues;
    for (int i = 0; i < DeviceColors::hueCount(); ++i) {
        const QString id = i < 4 ? QStringList{u"desktop-id"_s, u"laptop-id"_s, u"phone-id"_s, u"tablet-id"_s}.at(i)
                                 : u"device-%1"_s.arg(i);
        hues.insert(DeviceColors::of(id, light).hslHue());
        QCOMPARE(DeviceColors::of(id, dark).hslHue(), DeviceColors::of(id, light).hslHue());
        QVERIFY(DeviceColors::of(id, dark).lightness() > DeviceColors::of(id, light).lightness());
    }
    QCOMPARE(hues.size(), DeviceColors::hueCount());
}

// After devicesStandApart, which used the run's own hues: a profile brings its own.
void tst_DeviceColors::aDeviceKeepsItsColourInEveryRun()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QPalette light;
    light.setColor(QPalette::Window, Qt::white);
    const QStringList ids{u"desktop-id"_s, u"laptop-id"_s, u"phone-id"_s, u"tablet-id"_s};
    QHash<QString, int> first;
    {
        auto profile = Profile::open(folder.filePath(u"profile"_s));
        QVERIFY2(profile, qPrintable(profile ? QString() : profile.error().message));
        DeviceColors::keepIn(**profile);
        // Met in one order in the first run (the settings page lists the laptop first, say).
        for (const QString &id : {ids[1], ids[3], ids[0], ids[2]})
            first.insert(id, DeviceColors::of(id, light).hslHue());
        QCOMPARE(QSet<int>(first.cbegin(), first.cend()).size(), 4);
        DeviceColors::release(**profile);
    }
    // The next run meets them in another order, and a new device besides: the four keep their
    // colours, and the new one takes a hue none of them has.
    auto profile = Profile::open(folder.filePath(u"profile"_s));
    QVERIFY(profile);
    DeviceColors::keepIn(**profile);
    const int watch = DeviceColors::of(u"watch-id"_s, light).hslHue();
    for (const QString &id : {ids[2], ids[0], ids[3], ids[1]})
        QCOMPARE(DeviceColors::of(id, light).hslHue(), first.value(id));
    QVERIFY(!QSet<int>(first.cbegin(), first.cend()).contains(watch));
    DeviceColors::release(**profile);
}

// Devices whose ids point at different hues get those hues in any fresh profile, whatever order
// they are met in (these four ids do not share one).
void tst_DeviceColors::aNewDeviceLooksTheSameInEveryProfile()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QPalette light;
    light.setColor(QPalette::Window, Qt::white);
    const QStringList ids{u"desktop-id"_s, u"tablet-id"_s, u"watch-id"_s, u"ring-id"_s};
    const auto colours = [&](const QString &name, const QStringList &order) {
        QHash<QString, int> seen;
        auto profile = Profile::open(folder.filePath(name));
        if (!profile)
            return seen;
        DeviceColors::keepIn(**profile);
        for (const QString &id : order)
            seen.insert(id, DeviceColors::of(id, light).hslHue());
        DeviceColors::release(**profile);
        return seen;
    };
    const QHash<QString, int> first = colours(u"first"_s, ids);
    QCOMPARE(first.size(), 4);
    QCOMPARE(QSet<int>(first.cbegin(), first.cend()).size(), 4);
    QCOMPARE(colours(u"second"_s, {ids[3], ids[2], ids[1], ids[0]}), first);
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_DeviceColors)
#include "tst_devicecolors.moc"

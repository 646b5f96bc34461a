// The device table's model on its own: the columns and roles a row shows, this machine's row,
// the words for when a device was last used, and new lists from the server that move, add and
// drop rows without a reset (so a view's selection survives). The page's test runs it against a
// real server.

#include "ui/DeviceColors.h"
#include "ui/DeviceTableModel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 dayMs = 24 * 60 * 60 * 1000;

wire::DeviceEntry entry(const QString &id, const QString &name, qint64 lastSeen, qint64 uses,
                        wire::TerminalRole role = wire::TerminalRole::None, bool online = false)
{
    wire::DeviceEntry device;
    device.info = {id, name, u"debian"_s};
    device.firstSeen = lastSeen - 40 * dayMs;
    device.lastSeen = lastSeen;
    device.uses = uses;
    device.role = role;
    device.online = online;
    device.daily = QList<qint64>(7, 0);
    device.daily.last() = uses;
    return device;
}

QStringList namesOf(const DeviceTableModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names.append(model.index(row, DeviceTableModel::NameColumn).data().toString());
    return names;
}

} // namespace

class tst_DeviceTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsColumnsAndThisMachine();
    void newListMovesRowsWithoutReset();
    void windowShowsInTheHeader();
    void renamesARowInPlace();
    void lastUsedInWords();
    void platformsAreSpelledProperly();

private:
    std::unique_ptr<DeviceTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    const qint64 m_now = QDateTime::currentMSecsSinceEpoch();
};

void tst_DeviceTableModel::init()
{
    m_model = std::make_unique<DeviceTableModel>(u"desktop-id"_s);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_DeviceTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_DeviceTableModel::showsColumnsAndThisMachine()
{
    QCOMPARE(m_model->rowCount(), 0);
    m_model->setDevices({entry(u"thinkpad-id"_s, u"ThinkPad"_s, m_now - 6 * dayMs, 5, wire::TerminalRole::Primary),
                         entry(u"desktop-id"_s, u"Desktop"_s, m_now, 3, wire::TerminalRole::None, true),
                         entry(u"office-id"_s, u"办公室电脑"_s, m_now - 2 * dayMs, 1, wire::TerminalRole::Secondary)},
                        30);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), int(DeviceTableModel::ColumnCount));
    QCOMPARE(namesOf(*m_model), (QStringList{u"ThinkPad"_s, u"Desktop (this machine)"_s, u"办公室电脑"_s}));

    const auto cell = [&](int row, int column, int role = Qt::DisplayRole) { return m_model->index(row, column).data(role); };
    QCOMPARE(cell(0, DeviceTableModel::PlatformColumn).toString(), u"Debian"_s);
    QCOMPARE(cell(0, DeviceTableModel::UsesColumn).toLongLong(), 5);
    QCOMPARE(cell(0, DeviceTableModel::RoleColumn).toString(), u"Primary terminal"_s);
    QCOMPARE(cell(2, DeviceTableModel::RoleColumn).toString(), u"Secondary terminal"_s);
    QCOMPARE(cell(1, DeviceTableModel::RoleColumn).toString(), QString());
    QCOMPARE(cell(1, DeviceTableModel::RoleColumn, Qt::AccessibleTextRole).toString(), u"Not a storage terminal"_s);
    QCOMPARE(cell(1, DeviceTableModel::LastUsedColumn).toString(), u"Online now"_s);
    QCOMPARE(cell(2, DeviceTableModel::LastUsedColumn).toString(), u"2 day(s) ago"_s);
    QVERIFY(cell(2, DeviceTableModel::LastUsedColumn, Qt::ToolTipRole).toString().startsWith(u"Last used: "_s));
    QCOMPARE(cell(0, DeviceTableModel::UsesColumn, Qt::ToolTipRole).toString(), u"Used 5 time(s) in the last 30 days"_s);

    // This machine: marked in words and in bold, and told apart by a role.
    QVERIFY(cell(1, 0, DeviceTableModel::IsThisDeviceRole).toBool());
    QVERIFY(!cell(0, 0, DeviceTableModel::IsThisDeviceRole).toBool());
    for (int column = 0; column < m_model->columnCount(); ++column) {
        QVERIFY(cell(1, column, Qt::FontRole).value<QFont>().bold());
        QVERIFY(!cell(0, column, Qt::FontRole).isValid());
    }
    QCOMPARE(cell(1, 0, DeviceTableModel::DeviceIdRole).toString(), u"desktop-id"_s);
    QCOMPARE(cell(0, 0, DeviceTableModel::TerminalRoleRole).toInt(), int(wire::TerminalRole::Primary));
    QCOMPARE(cell(0, 0, DeviceTableModel::LastSeenRole).toDateTime(), QDateTime::fromMSecsSinceEpoch(m_now - 6 * dayMs));
    QVERIFY(cell(1, 0, DeviceTableModel::OnlineRole).toBool());
    QCOMPARE(cell(2, 0, DeviceTableModel::UsesRole).toLongLong(), 1);

    // The name carries the device's colour, the one its bars and labels have everywhere.
    QCOMPARE(cell(2, DeviceTableModel::NameColumn, Qt::DecorationRole).value<QColor>(),
             DeviceColors::of(u"office-id"_s, QGuiApplication::palette()));
    QVERIFY(!cell(2, DeviceTableModel::UsesColumn, Qt::DecorationRole).isValid());
    QCOMPARE(cell(0, DeviceTableModel::UsesColumn, Qt::TextAlignmentRole).value<Qt::Alignment>(),
             Qt::AlignRight | Qt::AlignVCenter);

    QCOMPARE(m_model->headerData(DeviceTableModel::NameColumn, Qt::Horizontal).toString(), u"Device"_s);
    QCOMPARE(m_model->headerData(DeviceTableModel::RoleColumn, Qt::Horizontal).toString(), u"Role"_s);
    QCOMPARE(m_model->rowOf(u"office-id"_s), 2);
    QCOMPARE(m_model->rowOf(u"nowhere"_s), -1);
}

void tst_DeviceTableModel::newListMovesRowsWithoutReset()
{
    const auto a = entry(u"a"_s, u"ThinkPad"_s, m_now - dayMs, 5);
    const auto b = entry(u"desktop-id"_s, u"Desktop"_s, m_now, 3);
    const auto c = entry(u"c"_s, u"Phone"_s, m_now - 3 * dayMs, 1);
    m_model->setDevices({a, b, c}, 30);
    const QPersistentModelIndex desktop = m_model->index(1, DeviceTableModel::UsesColumn);
    const QPersistentModelIndex phone = m_model->index(2, DeviceTableModel::NameColumn);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    // The same devices in another order (by recency): the rows move with their indexes.
    m_model->setDevices({b, a, c}, 30);
    QCOMPARE(namesOf(*m_model), (QStringList{u"Desktop (this machine)"_s, u"ThinkPad"_s, u"Phone"_s}));
    QCOMPARE(desktop.row(), 0);
    QCOMPARE(desktop.column(), int(DeviceTableModel::UsesColumn));
    QCOMPARE(phone.row(), 2);
    QCOMPARE(layout.size(), 1);
    QCOMPARE(changed.size(), 0); // nothing but the order changed

    // The phone is gone, a new device came, the desktop was used again.
    auto usedAgain = b;
    usedAgain.uses = 4;
    const auto office = entry(u"d"_s, u"办公室电脑"_s, m_now - 2 * dayMs, 2);
    m_model->setDevices({usedAgain, office, a}, 30);
    QCOMPARE(namesOf(*m_model), (QStringList{u"Desktop (this machine)"_s, u"办公室电脑"_s, u"ThinkPad"_s}));
    QVERIFY(!phone.isValid());
    QCOMPARE(desktop.row(), 0);
    QCOMPARE(desktop.data().toLongLong(), 4);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(reset.size(), 0);

    // Nothing new: no signal at all.
    layout.clear();
    changed.clear();
    m_model->setDevices({usedAgain, office, a}, 30);
    QCOMPARE(layout.size() + changed.size(), 0);

    m_model->setDevices({}, 30);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!desktop.isValid());
    QCOMPARE(reset.size(), 0);
}

void tst_DeviceTableModel::windowShowsInTheHeader()
{
    QSignalSpy header(m_model.get(), &QAbstractItemModel::headerDataChanged);
    m_model->setDevices({entry(u"a"_s, u"ThinkPad"_s, m_now, 2)}, 30);
    QCOMPARE(m_model->headerData(DeviceTableModel::UsesColumn, Qt::Horizontal).toString(), u"Uses (30 days)"_s);
    QCOMPARE(header.size(), 0); // 30 days is where a model starts
    m_model->setDevices({entry(u"a"_s, u"ThinkPad"_s, m_now, 7)}, 90);
    QCOMPARE(header.size(), 1);
    QCOMPARE(m_model->windowDays(), 90);
    QCOMPARE(m_model->headerData(DeviceTableModel::UsesColumn, Qt::Horizontal).toString(), u"Uses (90 days)"_s);
    QCOMPARE(m_model->headerData(DeviceTableModel::UsesColumn, Qt::Horizontal, Qt::ToolTipRole).toString(),
             u"How many times each device logged in during the last 90 days"_s);
    QCOMPARE(m_model->index(0, DeviceTableModel::UsesColumn).data().toLongLong(), 7);
}

void tst_DeviceTableModel::renamesARowInPlace()
{
    m_model->setDevices({entry(u"a"_s, u"ThinkPad"_s, m_now, 2), entry(u"desktop-id"_s, u"Desktop"_s, m_now, 1)}, 30);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->renameDevice(u"desktop-id"_s, u"书房台式机"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex(), m_model->index(1, DeviceTableModel::NameColumn));
    QCOMPARE(m_model->index(1, 0).data().toString(), u"书房台式机 (this machine)"_s);
    m_model->renameDevice(u"unknown"_s, u"x"_s);
    m_model->renameDevice(u"desktop-id"_s, u"书房台式机"_s);
    QCOMPARE(changed.size(), 1);
}

void tst_DeviceTableModel::lastUsedInWords()
{
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    const QDateTime now(QDate(2024, 3, 15), QTime(12, 0));
    const auto text = [&](const QDateTime &when) { return DeviceTableModel::lastUsedText(when, now, english); };
    const auto time = [&](QTime at) { return english.toString(at, QLocale::ShortFormat); };
    QCOMPARE(text(QDateTime(QDate(2024, 3, 15), QTime(9, 5))), u"Today, "_s + time(QTime(9, 5)));
    QCOMPARE(text(QDateTime(QDate(2024, 3, 14), QTime(23, 59))), u"Yesterday, "_s + time(QTime(23, 59)));
    QCOMPARE(text(QDateTime(QDate(2024, 3, 12), QTime(8, 0))), u"3 day(s) ago"_s);
    QCOMPARE(text(QDateTime(QDate(2024, 3, 9), QTime(8, 0))), u"6 day(s) ago"_s);
    QCOMPARE(text(QDateTime(QDate(2024, 3, 8), QTime(8, 0))), english.toString(QDate(2024, 3, 8), QLocale::ShortFormat));
    QCOMPARE(text(QDateTime(QDate(2024, 4, 1), QTime(8, 0))), english.toString(QDate(2024, 4, 1), QLocale::ShortFormat));
    QCOMPARE(text(QDateTime()), u"Never"_s);

    const QLocale chinese(QLocale::Chinese, QLocale::China);
    QCOMPARE(DeviceTableModel::lastUsedText(QDateTime(QDate(2023, 12, 1), QTime(8, 0)), now, chinese),
             chinese.toString(QDate(2023, 12, 1), QLocale::ShortFormat));
}

void tst_DeviceTableModel::platformsAreSpelledProperly()
{
    QCOMPARE(DeviceTableModel::platformText(u"windows"_s), u"Windows"_s);
    QCOMPARE(DeviceTableModel::platformText(u"macos"_s), u"macOS"_s);
    QCOMPARE(DeviceTableModel::platformText(u"ios"_s), u"iOS"_s);
    QCOMPARE(DeviceTableModel::platformText(u"android"_s), u"Android"_s);
    QCOMPARE(DeviceTableModel::platformText(QString()), u"Unknown"_s);
}

} // namespace huiji

QTEST_MAIN(huiji::tst_DeviceTableModel)
#include "tst_devicetablemodel.moc"

// Settings → Devices' model on its own: this machine first, the others by last use, whether each is
// signed in, and a new list from the server replacing the old one; QAbstractItemModelTester
// watches every change. The page's test runs it against a real server.

#include "ui/SignInTableModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QFont>
#include <QTest>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

wire::DeviceEntry entry(const QString &id, qint64 lastSeen, bool signedIn)
{
    wire::DeviceEntry device;
    device.info = {id, id.toUpper(), u"debian"_s};
    device.lastSeen = lastSeen;
    device.signedIn = signedIn;
    return device;
}

} // namespace

class tst_SignInTableModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsAndColumns();
    void newListReplacesTheOld();
};

void tst_SignInTableModel::rowsAndColumns()
{
    SignInTableModel model(u"laptop"_s);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    model.setDevices({entry(u"phone"_s, now - 1000, true), entry(u"laptop"_s, now - 5000, true),
                      entry(u"old-pc"_s, 0, false), entry(u"tablet"_s, now - 2000, false)});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(SignInTableModel::ColumnCount));
    QStringList order;
    for (int row = 0; row < model.rowCount(); ++row)
        order.append(model.index(row, 0).data(SignInTableModel::DeviceIdRole).toString());
    QCOMPARE(order, (QStringList{u"laptop"_s, u"phone"_s, u"tablet"_s, u"old-pc"_s})); // this one first

    QCOMPARE(model.index(0, SignInTableModel::NameColumn).data().toString(), u"LAPTOP (this machine)"_s);
    QVERIFY(model.index(0, SignInTableModel::NameColumn).data(SignInTableModel::IsThisDeviceRole).toBool());
    QVERIFY(model.index(0, SignInTableModel::NameColumn).data(Qt::FontRole).value<QFont>().bold());
    QCOMPARE(model.index(1, SignInTableModel::SignInColumn).data().toString(), u"Signed in"_s);
    QCOMPARE(model.index(2, SignInTableModel::SignInColumn).data().toString(), u"Signed out"_s);
    QVERIFY(!model.index(2, 0).data(SignInTableModel::SignedInRole).toBool());
    QCOMPARE(model.index(3, SignInTableModel::LastUsedColumn).data().toString(), u"Never"_s);
    QCOMPARE(model.headerData(SignInTableModel::SignInColumn, Qt::Horizontal).toString(), u"Sign-in"_s);
    QCOMPARE(model.rowOf(u"tablet"_s), 2);
    QCOMPARE(model.rowOf(u"nowhere"_s), -1);
}

void tst_SignInTableModel::newListReplacesTheOld()
{
    SignInTableModel model(u"laptop"_s);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDevices({entry(u"laptop"_s, 1000, true), entry(u"phone"_s, 2000, true)});
    model.setDevices({entry(u"laptop"_s, 3000, true), entry(u"phone"_s, 2000, false)});
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!model.index(model.rowOf(u"phone"_s), 0).data(SignInTableModel::SignedInRole).toBool());
    model.retranslate();
    model.setDevices({});
    QCOMPARE(model.rowCount(), 0);
}

} // namespace huiji

QTEST_MAIN(huiji::tst_SignInTableModel)
#include "tst_signintablemodel.moc"

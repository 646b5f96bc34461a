// Passwords in the real keychain (gnome-keyring on the test command's D-Bus session).

#include "client/CredentialStore.h"

#include <QRandomGenerator>
#include <QTest>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

class tst_CredentialStore : public QObject
{
    Q_OBJECT

private slots:
    void savedReadChangedRemoved();
    void missingEntryIsNothing();

private:
    static QByteArray madeUpPassword()
    {
        return "pw-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36) + "-密码";
    }
};

void tst_CredentialStore::savedReadChangedRemoved()
{
    const QString key = CredentialStore::keyFor(u"alice"_s, u"chat.example.org"_s, 7468);
    QCOMPARE(key, u"alice@chat.example.org:7468"_s);
    const QByteArray first = madeUpPassword();
    auto written = CredentialStore::write(key, first);
    QVERIFY2(written.has_value(), written ? "" : qPrintable(written.error().message));
    auto read = CredentialStore::read(key);
    QVERIFY2(read.has_value(), read ? "" : qPrintable(read.error().message));
    QCOMPARE(read->value_or(QByteArray()), first);

    const QByteArray second = madeUpPassword();
    QVERIFY(CredentialStore::write(key, second).has_value());
    QCOMPARE(CredentialStore::read(key)->value_or(QByteArray()), second);

    QVERIFY(CredentialStore::remove(key).has_value());
    auto gone = CredentialStore::read(key);
    QVERIFY(gone.has_value());
    QVERIFY(!gone->has_value());
}

void tst_CredentialStore::missingEntryIsNothing()
{
    auto read = CredentialStore::read(u"nobody-%1@nowhere:1"_s.arg(QRandomGenerator::global()->generate()));
    QVERIFY2(read.has_value(), read ? "" : qPrintable(read.error().message));
    QVERIFY(!read->has_value());
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_CredentialStore)
#include "tst_credentialstore.moc"

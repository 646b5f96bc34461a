// Argon2id hashes: the default cost is at least OWASP's minimum, a hash verifies only its own
// password, every hash is salted differently, and an unreadable stored hash is an error.

#include "server/engine/PasswordHash.h"

#include <QTest>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

namespace {
// Cheap enough for many hashes in a test; the default cost is checked once on its own.
const PasswordHash::Cost testCost{1, 64, 1};
} // namespace

class tst_PasswordHash : public QObject
{
    Q_OBJECT

private slots:
    void defaultCostIsOwaspMinimum();
    void verifiesOnlyItsOwnPassword();
    void samePasswordDifferentSalt();
    void unicodePassword();
    void emptyPasswordIsRefused();
    void unreadableHashIsAnError();
};

void tst_PasswordHash::defaultCostIsOwaspMinimum()
{
    const QByteArray password = "correct horse battery staple";
    const auto hash = PasswordHash::create(password);
    QVERIFY(hash);
    QVERIFY2(hash->startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash->constData());
    QCOMPARE(PasswordHash::verify(*hash, password), true);
}

void tst_PasswordHash::verifiesOnlyItsOwnPassword()
{
    const auto hash = PasswordHash::create("s3cret-made-up", testCost);
    QVERIFY(hash);
    QCOMPARE(PasswordHash::verify(*hash, "s3cret-made-up"), true);
    QCOMPARE(PasswordHash::verify(*hash, "s3cret-made-uP"), false);
    QCOMPARE(PasswordHash::verify(*hash, "s3cret-made-up "), false);
    QCOMPARE(PasswordHash::verify(*hash, "x"), false);
}

void tst_PasswordHash::samePasswordDifferentSalt()
{
    const auto first = PasswordHash::create("same", testCost);
    const auto second = PasswordHash::create("same", testCost);
    QVERIFY(first && second);
    QVERIFY(*first != *second);
    QCOMPARE(PasswordHash::verify(*first, "same"), true);
    QCOMPARE(PasswordHash::verify(*second, "same"), true);
    QVERIFY(!first->contains("same"));
}

void tst_PasswordHash::unicodePassword()
{
    const QByteArray password = u"密码🔑pässwörd"_s.toUtf8();
    const auto hash = PasswordHash::create(password, testCost);
    QVERIFY(hash);
    QCOMPARE(PasswordHash::verify(*hash, password), true);
    QCOMPARE(PasswordHash::verify(*hash, u"密码🔑passwörd"_s.toUtf8()), false);
}

void tst_PasswordHash::emptyPasswordIsRefused()
{
    const auto hash = PasswordHash::create("", testCost);
    QVERIFY(!hash);
    QCOMPARE(hash.error().code, ErrorCode::InvalidArgument);
}

void tst_PasswordHash::unreadableHashIsAnError()
{
    for (const QByteArray &stored : {QByteArray("plain-text-password"), QByteArray("$argon2id$v=19$m=64,t=1,p=1$"),
                                     QByteArray()}) {
        const auto verified = PasswordHash::verify(stored, "plain-text-password");
        QVERIFY2(!verified, stored.constData());
        QCOMPARE(verified.error().code, ErrorCode::InvalidArgument);
    }
}

QTEST_GUILESS_MAIN(tst_PasswordHash)
#include "tst_passwordhash.moc"

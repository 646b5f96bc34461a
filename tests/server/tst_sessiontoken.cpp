// Session tokens are unguessable, and the server keeps only a hash that matches its own token.

#include "server/engine/SessionToken.h"

#include <QSet>
#include <QTest>

using namespace huiji;

class tst_SessionToken : public QObject
{
    Q_OBJECT

private slots:
    void issuedTokensAreDistinctAndHashed();
};

void tst_SessionToken::issuedTokensAreDistinctAndHashed()
{
    QSet<QByteArray> tokens;
    for (int i = 0; i < 1000; ++i) {
        const SessionToken::Issued issued = SessionToken::issue();
        QCOMPARE(issued.token.size(), 43); // 32 bytes, base64url without padding
        QVERIFY(!issued.token.contains('+') && !issued.token.contains('/') && !issued.token.contains('='));
        QCOMPARE(issued.hash.size(), 32);
        QCOMPARE(SessionToken::hashOf(issued.token), issued.hash);
        QVERIFY(!issued.hash.contains(issued.token));
        tokens.insert(issued.token);
    }
    QCOMPARE(tokens.size(), 1000);
    // A token one character off does not match.
    const SessionToken::Issued one = SessionToken::issue();
    QByteArray forged = one.token;
    forged[0] = forged[0] == 'A' ? 'B' : 'A';
    QVERIFY(SessionToken::hashOf(forged) != one.hash);
}

QTEST_GUILESS_MAIN(tst_SessionToken)
#include "tst_sessiontoken.moc"

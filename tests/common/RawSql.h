#pragma once

// Shared by the test suites that change an SQLite file behind the back of the code under test
// (a trigger that makes writes fail, a file in an older layout).

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTest>

// Runs statements on the file through a connection of its own, failing the test at the first
// that does not run.
inline void execRaw(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("raw-") + path;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(statement + QStringLiteral(": ") + query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(name);
}

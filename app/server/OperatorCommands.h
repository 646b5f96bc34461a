#pragma once

#include <QCoreApplication>
#include <QString>
#include <QTextStream>

namespace huiji {

// huijid's commands for operators that work on the data folder directly, with or without a
// running server (SQLite lets both at once): add-user, passwd and fingerprint.
class OperatorCommands
{
    Q_DECLARE_TR_FUNCTIONS(OperatorCommands)

public:
    OperatorCommands(QString dataDirectory, QTextStream &out, QTextStream &err);

    int addUser(const QString &user, const QString &passwordFile);
    int setPassword(const QString &user, const QString &passwordFile);
    int fingerprint(const QString &certificatePath, const QString &keyPath);

private:
    int changePassword(const QString &user, const QString &passwordFile, bool create);

    QString m_dataDirectory;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace huiji

#include "OperatorCommands.h"

#include "TerminalPassword.h"

#include "server/engine/PasswordHash.h"
#include "tls/ServerCertificate.h"
#include "server/db/ServerDatabase.h"
#include "sql/PrivateFiles.h"
#include "sql/SqlDatabase.h"

#include <QDateTime>
#include <QDir>
#include <QHostInfo>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

OperatorCommands::OperatorCommands(QString dataDirectory, QTextStream &out, QTextStream &err)
    : m_dataDirectory(std::move(dataDirectory)), m_out(out), m_err(err)
{
}

int OperatorCommands::addUser(const QString &user, const QString &passwordFile)
{
    return changePassword(user, passwordFile, true);
}

int OperatorCommands::setPassword(const QString &user, const QString &passwordFile)
{
    return changePassword(user, passwordFile, false);
}

int OperatorCommands::changePassword(const QString &user, const QString &passwordFile, bool create)
{
    if (!PrivateFiles::makeFolder(m_dataDirectory)) {
        m_err << tr("huijid: cannot create the data folder %1").arg(m_dataDirectory) << Qt::endl;
        return 1;
    }
    auto password = passwordFile.isEmpty() ? TerminalPassword::prompt(tr("Password for %1: ").arg(user))
                                           : TerminalPassword::fromFile(passwordFile);
    if (!password) {
        m_err << "huijid: " << password.error().message << Qt::endl;
        return 2;
    }
    auto hash = PasswordHash::create(*password);
    password->fill('\0');
    auto database = ServerDatabase::open(QDir(m_dataDirectory).filePath(u"server.sqlite"_s));
    if (!hash || !database) {
        m_err << "huijid: " << (hash ? database.error() : hash.error()).message << Qt::endl;
        return 1;
    }
    auto done = create ? (*database)->sql().transaction([&] {
        return (*database)->accounts().create(user, *hash, QDateTime::currentMSecsSinceEpoch());
    })
                       : (*database)->accounts().setPassword(user, *hash);
    if (!done) {
        m_err << "huijid: " << done.error().message << Qt::endl;
        return 1;
    }
    m_out << (create ? tr("Added %1.") : tr("Changed the password of %1; every device of it is signed out.")).arg(user)
          << Qt::endl;
    return 0;
}

int OperatorCommands::fingerprint(const QString &certificatePath, const QString &keyPath)
{
    const QDir data(m_dataDirectory);
    if (!PrivateFiles::makeFolder(m_dataDirectory)) {
        m_err << tr("huijid: cannot create the data folder %1").arg(m_dataDirectory) << Qt::endl;
        return 1;
    }
    auto certificate = ServerCertificate::loadOrCreate(
        certificatePath.isEmpty() ? data.filePath(u"server.crt"_s) : certificatePath,
        keyPath.isEmpty() ? data.filePath(u"server.key"_s) : keyPath, QHostInfo::localHostName());
    if (!certificate) {
        m_err << "huijid: " << certificate.error().message << Qt::endl;
        return 1;
    }
    m_out << certificate->fingerprint() << Qt::endl;
    return 0;
}

} // namespace huiji

#include "sql/PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace huiji {

namespace {

constexpr QFileDevice::Permissions ownerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions ownerOnlyFolder = ownerOnlyFile | QFileDevice::ExeOwner;

} // namespace

bool PrivateFiles::makeFolder(const QString &path)
{
    return QDir().mkpath(path) && QFile::setPermissions(path, ownerOnlyFolder);
}

bool PrivateFiles::makeFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return false;
    if (!info.exists()) {
        // Created with the owner's bits only: the umask can take bits away, never add them.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnlyFile))
            return false;
    }
    return QFile::setPermissions(path, ownerOnlyFile);
}

} // namespace huiji

#include "client/Profile.h"

#include <QDir>
#include <QStandardPaths>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Profile::Profile(QString directory, std::unique_ptr<HistoryStore> history)
    : m_directory(std::move(directory)), m_history(std::move(history))
{
}

Result<std::unique_ptr<Profile>> Profile::open(const QString &directory)
{
    const QString path = QDir(directory).absolutePath();
    if (!QDir().mkpath(path))
        return fail(ErrorCode::ReadOnly, u"cannot create the profile folder %1"_s.arg(path));
    auto history = HistoryStore::open(QDir(path).filePath(u"history.sqlite"_s));
    if (!history)
        return std::unexpected(history.error());
    return std::unique_ptr<Profile>(new Profile(path, std::move(*history)));
}

QString Profile::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(u"huiji/default"_s);
}

} // namespace huiji

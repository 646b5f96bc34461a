#pragma once

#include "store/HistoryStore.h"

#include <QString>

#include <memory>

namespace huiji {

// One account on one device: a folder that holds its history store (and, later, its device id and
// settings). Several profiles let several devices live on one machine.
class Profile
{
public:
    // Opens the profile folder, creating it when it does not exist yet.
    static Result<std::unique_ptr<Profile>> open(const QString &directory);

    // The folder the desktop client and huiji-cli use when none is given (XDG data home).
    static QString defaultDirectory();

    QString directory() const { return m_directory; }
    HistoryStore &history() { return *m_history; }

private:
    Profile(QString directory, std::unique_ptr<HistoryStore> history);

    QString m_directory;
    std::unique_ptr<HistoryStore> m_history;
};

} // namespace huiji

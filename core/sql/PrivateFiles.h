#pragma once

#include <QString>

namespace huiji {

// Folders and files that hold an account's history, keys or credentials are the user's alone:
// folders 0700 and files 0600, whatever the umask, on the client (profiles) and on the server
// (its data folder). SQLite gives a database's -wal and -shm files the database's own mode, so a
// database file made here first keeps its companions private too.
class PrivateFiles
{
public:
    // Makes the folder (and its parents) if need be and leaves it 0700; false when it cannot.
    static bool makeFolder(const QString &path);
    // Creates an empty file 0600, or narrows an existing regular file to 0600; false when it cannot
    // (the caller's own open then says why). Anything that is not a regular file is left alone.
    static bool makeFile(const QString &path);
};

} // namespace huiji

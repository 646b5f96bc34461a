#pragma once

#include "protocol/Error.h"

#include <QByteArray>
#include <QString>

namespace huiji {

// Passwords for the command-line programs: from a file (its first line), or typed at a prompt
// with echo off. Never from an argument, where other users could read it in the process list.
class TerminalPassword
{
public:
    static Result<QByteArray> fromFile(const QString &path);
    // Fails when standard input is not a terminal: scripts must use a file.
    static Result<QByteArray> prompt(const QString &question);
    // A yes-or-no question on the terminal (yes only for "y" or "yes"); fails without a terminal.
    static Result<bool> confirm(const QString &question);
};

} // namespace huiji

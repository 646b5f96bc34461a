#include "TerminalPassword.h"

#include <QFile>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

Result<QByteArray> TerminalPassword::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::InvalidArgument, u"cannot read the password file %1: %2"_s.arg(path, file.errorString()));
    QByteArray password = file.readLine(4096);
    while (password.endsWith('\n') || password.endsWith('\r'))
        password.chop(1);
    if (password.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"the password file %1 is empty"_s.arg(path));
    return password;
}

Result<QByteArray> TerminalPassword::prompt(const QString &question)
{
    if (!isatty(STDIN_FILENO))
        return fail(ErrorCode::InvalidArgument, u"no password: give --password-file, or run from a terminal"_s);
    std::fputs(question.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    termios saved{};
    tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    QByteArray password;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar())
        password.append(static_cast<char>(c));
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fputs("\n", stderr);
    if (password.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"no password was typed"_s);
    return password;
}

Result<bool> TerminalPassword::confirm(const QString &question)
{
    if (!isatty(STDIN_FILENO))
        return fail(ErrorCode::InvalidArgument, u"no terminal to ask on"_s);
    std::fputs(question.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    QByteArray answer;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar())
        answer.append(static_cast<char>(c));
    answer = answer.trimmed().toLower();
    return answer == "y" || answer == "yes";
}

} // namespace huiji

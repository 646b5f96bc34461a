#pragma once

// huiji-cli's commands run in-process, as the process would run them: what they printed on each
// stream and the exit code. Shared by the suites of tests/cli.

#include "CliCommands.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace huiji {

struct Outcome {
    int code = -1;
    QString out;
    QString err;

    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

inline Outcome runCli(const CliRequest &request)
{
    Outcome outcome;
    QTextStream out(&outcome.out);
    QTextStream err(&outcome.err);
    outcome.code = CliCommands(out, err).run(request);
    out.flush();
    err.flush();
    return outcome;
}

} // namespace huiji

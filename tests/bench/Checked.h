#pragma once

#include "BaselineDatabase.h"

#include <QElapsedTimer>
#include <QString>

namespace huiji::bench {

// A timed call of the store or of a model that returns a Result. An error ends the benchmark
// with a message: a figure measured after one would be meaningless.
class Checked
{
public:
    template <typename Call>
    static auto timed(qint64 &nanoseconds, const QString &what, Call call)
    {
        QElapsedTimer timer;
        timer.start();
        auto result = call();
        nanoseconds = timer.nsecsElapsed();
        if (!result)
            BaselineDatabase::die(what + QStringLiteral(" failed: ") + result.error().message);
        return result;
    }
};

} // namespace huiji::bench

#include "Wait.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace huiji::bench {

bool Wait::until(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    const QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || deadline.hasExpired())
            loop.quit();
    });
    check.start(5);
    loop.exec();
    return done();
}

} // namespace huiji::bench

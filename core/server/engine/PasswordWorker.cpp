#include "server/engine/PasswordWorker.h"

#include "server/engine/SessionToken.h"

#include <QElapsedTimer>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

PasswordWorker::PasswordWorker(QObject &context, PasswordHash::Cost cost, Limits limits)
    : m_context(context), m_cost(cost), m_limits(limits)
{
    m_pool.setMaxThreadCount(qMax(limits.threads, 1));
}

PasswordWorker::~PasswordWorker()
{
    m_pool.waitForDone();
}

Result<void> PasswordWorker::admit() const
{
    if (m_outstanding < qMax(m_limits.queue, 1))
        return {};
    // Room comes when the hashes ahead have run, a pool's width at a time.
    const qint64 threads = m_pool.maxThreadCount();
    const qint64 waitMs = (m_outstanding + threads - 1) / threads * m_averageMs;
    const qint64 seconds = qMax((waitMs + 999) / 1000, qint64{1});
    return std::unexpected(Error{ErrorCode::Busy, u"the server is busy checking passwords; try again in %1 s"_s.arg(seconds),
                                 seconds});
}

template <typename T>
void PasswordWorker::run(std::function<T()> hash, std::function<void(T)> done)
{
    ++m_outstanding;
    m_pool.start([this, hash = std::move(hash), done = std::move(done)] {
        QElapsedTimer took;
        took.start();
        T result = hash();
        QMetaObject::invokeMethod(
            &m_context,
            [this, done, result, ms = took.elapsed()] {
                --m_outstanding;
                m_averageMs = (m_averageMs * 3 + ms) / 4; // recent hashes weigh most
                done(result);
            },
            Qt::QueuedConnection);
    });
}

Result<void> PasswordWorker::verify(const std::optional<QByteArray> &stored, const QByteArray &password,
                                    std::function<void(bool)> done)
{
    if (auto room = admit(); !room)
        return room;
    if (!stored && m_decoy.isEmpty())
        m_decoy = PasswordHash::create(SessionToken::issue().token, m_cost).value_or(QByteArray());
    run<bool>(
        [encoded = stored.value_or(m_decoy), known = stored.has_value(), password] {
            return PasswordHash::verify(encoded, password).value_or(false) && known;
        },
        std::move(done));
    return {};
}

Result<void> PasswordWorker::create(const QByteArray &password, std::function<void(Result<QByteArray>)> done)
{
    if (auto room = admit(); !room)
        return room;
    run<Result<QByteArray>>([this, password] { return PasswordHash::create(password, m_cost); }, std::move(done));
    return {};
}

} // namespace huiji

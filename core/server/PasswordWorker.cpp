#include "server/PasswordWorker.h"

#include "server/SessionToken.h"

namespace huiji {

PasswordWorker::PasswordWorker(QObject &context, PasswordHash::Cost cost) : m_context(context), m_cost(cost) {}

PasswordWorker::~PasswordWorker()
{
    m_pool.waitForDone();
}

void PasswordWorker::verify(const std::optional<QByteArray> &stored, const QByteArray &password,
                            std::function<void(bool)> done)
{
    if (!stored && m_decoy.isEmpty())
        m_decoy = PasswordHash::create(SessionToken::issue().token, m_cost).value_or(QByteArray());
    m_pool.start([this, encoded = stored.value_or(m_decoy), known = stored.has_value(), password,
                  done = std::move(done)] {
        const bool matches = PasswordHash::verify(encoded, password).value_or(false) && known;
        QMetaObject::invokeMethod(&m_context, [done, matches] { done(matches); }, Qt::QueuedConnection);
    });
}

void PasswordWorker::create(const QByteArray &password, std::function<void(Result<QByteArray>)> done)
{
    m_pool.start([this, password, done = std::move(done)] {
        auto hash = PasswordHash::create(password, m_cost);
        QMetaObject::invokeMethod(&m_context, [done, hash] { done(hash); }, Qt::QueuedConnection);
    });
}

} // namespace huiji

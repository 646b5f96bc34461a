#include "server/engine/PasswordCheck.h"

#include "server/ServerLog.h"
#include "server/db/ServerDatabase.h"
#include "server/engine/Hub.h"

namespace huiji {

using namespace Qt::Literals::StringLiterals;

PasswordCheck::PasswordCheck(Hub &hub, const ServerConfig &config)
    : m_hub(hub),
      m_throttle(config.throttle, [&hub] { return hub.monotonic(); }),
      m_worker(hub, config.passwordCost, config.passwordWork)
{
}

bool PasswordCheck::start(quint64 id, qint64 requestId, const QString &account, const QString &address,
                          const QByteArray &password, std::function<void(bool)> done)
{
    if (const qint64 wait = m_throttle.retryAfter(account, address); wait > 0) {
        qCInfo(lcServerAuth) << "password check of" << account << "from" << address << "throttled";
        const qint64 seconds = (wait + 999) / 1000;
        m_hub.answerError(id, requestId, {ErrorCode::RateLimited,
                                          u"too many wrong passwords for this account; try again in %1 s"_s.arg(seconds),
                                          seconds});
        return false;
    }
    auto stored = m_hub.database().accounts().passwordHash(account);
    if (!stored) {
        m_hub.answerError(id, requestId, stored.error());
        return false;
    }
    // Counted from now, not from its failure: guesses sent in parallel count as they are sent.
    const LoginThrottle::Attempt attempt = m_throttle.begin(account, address);
    auto started = m_worker.verify(*stored, password, [this, attempt, done = std::move(done)](bool matches) {
        if (matches)
            m_throttle.succeeded(attempt);
        done(matches);
    });
    if (!started) {
        m_throttle.withdraw(attempt);
        qCInfo(lcServerAuth) << "password check of" << account << "from" << address << "refused: too busy";
        m_hub.answerError(id, requestId, started.error());
        return false;
    }
    return true;
}

void PasswordCheck::login(quint64 id, Peer &peer, qint64 requestId, const QString &account,
                          const QByteArray &password, std::function<void(Hub &, bool)> then)
{
    peer.busy = start(id, requestId, account, peer.address, password, [this, id, then = std::move(then)](bool matches) {
        Peer *checked = m_hub.sessions().find(id);
        if (!checked)
            return; // the connection went while the hash ran
        checked->busy = false;
        then(m_hub, matches);
    });
}

bool PasswordCheck::reauthenticated(quint64 id, Peer &peer, const Frame &frame, Dispatcher::Handler handler)
{
    if (m_reauthenticated == &frame)
        return true;
    const QString password = frame.body.value(u"password"_s).toString();
    if (password.isEmpty()) {
        m_hub.answerError(id, frame.requestId, {ErrorCode::ReauthRequired, u"\"%1\" needs the account password again: "
                                                                           "send it as \"password\" with the request"_s
                                                                               .arg(frame.type)});
        return false;
    }
    // One check at a time per connection.
    if (peer.reauthenticating) {
        m_hub.answerError(id, frame.requestId, {ErrorCode::InvalidArgument, u"wait for the answer to the request that "
                                                                            "carried the password before"_s});
        return false;
    }
    peer.reauthenticating = start(id, frame.requestId, peer.account, peer.address, password.toUtf8(),
                                  [this, id, frame, handler](bool matches) {
        Peer *checked = m_hub.sessions().find(id);
        if (!checked)
            return;
        checked->reauthenticating = false;
        if (checked->stage != Peer::Stage::Ready)
            return; // closed meanwhile: signed out, say
        if (!matches) {
            qCInfo(lcServerAuth) << "failed re-authentication of" << checked->account << "from" << checked->address;
            m_hub.answerError(id, frame.requestId, {ErrorCode::BadCredentials, u"the password is wrong"_s});
            return;
        }
        m_reauthenticated = &frame;
        handler(m_hub, id, *checked, frame);
        m_reauthenticated = nullptr;
    });
    return false;
}

Result<void> PasswordCheck::create(const QByteArray &password, std::function<void(Result<QByteArray>)> done)
{
    return m_worker.create(password, std::move(done));
}

} // namespace huiji

#pragma once

#include "server/engine/RateWindow.h"

#include <QHash>
#include <QString>

#include <functional>

namespace huiji {

// Slows password guessing down without locking the real owner out. An attempt counts from the
// moment it starts (as a failure, until it succeeds), so guesses sent in parallel are limited
// exactly like guesses sent one after another. Three limits apply:
// - one account from one address: a few attempts freely, then a delay that doubles with each
//   further attempt, up to a maximum; forgotten after a window without attempts;
// - one address, whatever the accounts: at most perAddress attempts within the window;
// - one account, from every address: at most perAccount within the window, a much higher
//   ceiling against guessing spread over many addresses.
// An address is an IPv4 address or an IPv6 /64 (networkOf). The owner, from an address of their
// own, is slowed by none of the first two; devices that log in with their token are not throttled
// at all (the hub does not ask). The clock is injected so that tests can move time.
class LoginThrottle
{
public:
    struct Limits {
        int freeAttempts = 3;              // per account and address before the delays begin
        qint64 firstDelayMs = 2'000;       // after them; doubled with each further attempt
        qint64 maxDelayMs = 5 * 60 * 1000; // the longest delay
        int perAddress = 20;               // attempts from one address within the window, any accounts
        int perAccount = 100;              // attempts at one account within the window, any addresses
        qint64 windowMs = 15 * 60 * 1000;
    };
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    // One attempt, counted as a failure until succeeded() takes it back.
    struct Attempt {
        QString account;
        QString network; // of the address it came from (networkOf)
        qint64 at = 0;
    };

    LoginThrottle(Limits limits, Clock clock);

    // Milliseconds until this account may be tried from this address again; 0 when it may now.
    qint64 retryAfter(const QString &account, const QString &address);
    // Counts an attempt that starts now (call when retryAfter() is 0).
    Attempt begin(const QString &account, const QString &address);
    // The attempt was right: it is no failure, and the account is forgiven from that address
    // (not from others, and the address not for other accounts).
    void succeeded(const Attempt &attempt);
    // The attempt never ran (the server was too busy to check it): it does not count.
    void withdraw(const Attempt &attempt);

    // Keys still remembered; stays bounded by what was attempted within the window.
    qsizetype trackedKeys() const;

private:
    struct Pair {
        int attempts = 0;
        qint64 last = 0;
    };
    static QString pairKey(const QString &account, const QString &network);
    Pair *livePair(const QString &key, qint64 now); // null when none, or quiet for a window
    qint64 pairWait(const QString &key, qint64 now);
    void uncount(const Attempt &attempt); // from the address's and the account's windows
    void forgetIdlePairs(qint64 now);

    Limits m_limits;
    Clock m_clock;
    RateWindow m_byAddress;
    RateWindow m_byAccount;
    QHash<QString, Pair> m_pairs;
    qint64 m_lastSweep = 0;
};

} // namespace huiji

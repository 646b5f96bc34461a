#include "client/Session.h"

#include "client/ClientLog.h"
#include "client/CredentialStore.h"
#include "client/Profile.h"

#include "protocol/RecordCbor.h"
#include "protocol/RecordId.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSslSocket>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// Records merged in one transaction at most, however many frames a turn has read: larger
// transactions gain little and hold acks back.
constexpr qsizetype maxMergeBatch = 5000;

QString fingerprintOf(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

// Failures that retrying cannot fix: the user has to act first.
bool isFinal(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadCredentials:
    case ErrorCode::RateLimited:
    case ErrorCode::CertificateChanged:
    case ErrorCode::UnsupportedVersion:
    case ErrorCode::AlreadyExists:
    case ErrorCode::RegistrationClosed:
    case ErrorCode::InvalidArgument:
    case ErrorCode::DiskFull:
    case ErrorCode::ReadOnly:
    case ErrorCode::StorageFailure:
        return true;
    default:
        return false;
    }
}

// Answers to a login step that refuse nothing: the connection went before the answer (huijid was
// killed between the hello and the login answer, say) or the server could not do it now. Every
// other answer is the server's refusal (a wrong password, a revoked credential, a throttled or
// busy login...) and waits for the user.
bool isRetriedAtLogin(ErrorCode code)
{
    return code == ErrorCode::NetworkFailure || code == ErrorCode::ServerFailure;
}

// Answers to a send that the same record may not get later: the server's own trouble, a busy
// server, a connection or a login that went. Any other is a refusal of the record itself (too
// large) or of what the account may do (not a contact, a quota), which sending it again as it is
// cannot change.
bool isTransient(ErrorCode code)
{
    switch (code) {
    case ErrorCode::ServerFailure:
    case ErrorCode::Busy:
    case ErrorCode::RateLimited:
    case ErrorCode::NetworkFailure:
    case ErrorCode::NotLoggedIn:
    case ErrorCode::BadCredentials:
        return true;
    default:
        return false;
    }
}

} // namespace

Session::Session(Profile &profile, QObject *parent)
    : QObject(parent), m_profile(profile), m_socket(new QSslSocket(this))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &Session::connectNow);
    m_outboxRetry.setSingleShot(true);
    connect(&m_outboxRetry, &QTimer::timeout, this, &Session::flushOutbox);
    connect(m_socket, &QSslSocket::encrypted, this, &Session::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &Session::onReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, &Session::onDisconnected);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        qCDebug(lcClient) << "socket:" << m_socket->errorString();
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    connect(&m_links, &DirectLinks::acked, this, [this](const QUuid &id) {
        // Forward queue first: a crash between the two leaves it in both, and resends are harmless.
        if (!m_onLink.remove(id))
            return;
        auto pending = m_profile.outbox().pending();
        if (!pending)
            return emit failed(pending.error());
        for (const Record &record : std::as_const(*pending))
            if (record.id == id)
                if (auto queued = queueForForwarding(record); !queued)
                    return emit failed(queued.error());
        if (auto removed = m_profile.outbox().remove(own(id)); !removed)
            return emit failed(removed.error());
        emit messageSentDirect(id);
    });
    connect(&m_links, &DirectLinks::linkClosed, this, [this](const QString &, const QList<QUuid> &unacked) {
        for (const QUuid &id : unacked) {
            m_onLink.remove(id);
            if (auto relabelled = m_profile.history().setArrival(own(id), Arrival::Local); !relabelled)
                return emit failed(relabelled.error());
        }
        flushOutbox(); // what the link did not ack goes through the server, same id
    });
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &) {
        // A self-signed certificate is expected; what makes a server trusted is the pinned
        // fingerprint, checked in onEncrypted for every certificate, signed by a CA or not, before
        // anything is sent. Letting the handshake finish is what lets a changed one be reported.
        m_socket->ignoreSslErrors();
    });
}

Session::~Session()
{
    m_socket->disconnect(this);
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void Session::setRetryDelays(int firstMs, int maxMs)
{
    m_firstRetryMs = firstMs;
    m_maxRetryMs = maxMs;
    m_nextRetryMs = firstMs;
}

void Session::start(const QByteArray &password, bool createAccount)
{
    begin(password, createAccount, true);
}

void Session::startWithPassword(const QByteArray &password, bool createAccount)
{
    begin(password, createAccount, false);
}

void Session::begin(const QByteArray &password, bool createAccount, bool withKeptCredential)
{
    m_password = password;
    m_createAccount = createAccount;
    m_registrationCutOff = false;
    if (!withKeptCredential) {
        m_token.clear();
        m_tokenKey = credentialKey(); // the keychain's stays until the password earns a new one
    } else if (m_token.isEmpty() || m_tokenKey != credentialKey()) {
        m_token.clear();
        m_tokenKey = credentialKey();
        if (auto saved = CredentialStore::read(m_tokenKey); !saved)
            qCWarning(lcClient) << "cannot read this device's credential from the keychain:" << saved.error().message;
        else if (*saved)
            m_token = QString::fromLatin1(**saved);
    }
    m_running = true;
    m_nextRetryMs = m_firstRetryMs;
    connectNow();
}

void Session::stop()
{
    m_running = false;
    m_retry.stop();
    m_password.clear();
    m_links.closeAll();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->disconnectFromHost(); // sends what is written (acks) first
    else
        setState(State::Offline);
}

void Session::acceptFingerprint(const QString &fingerprint)
{
    m_profile.pinFingerprint(fingerprint);
}

void Session::expectFingerprint(const QString &fingerprint)
{
    m_expectedFingerprint = normalizedFingerprint(fingerprint);
}

QString Session::normalizedFingerprint(const QString &text)
{
    QString hex = text.toUpper();
    hex.remove(u':').remove(u' ');
    if (hex.size() != 64 || !std::ranges::all_of(hex, [](QChar c) { return c.isDigit() || (c >= u'A' && c <= u'F'); }))
        return {};
    QStringList pairs;
    for (qsizetype at = 0; at < hex.size(); at += 2)
        pairs.append(hex.mid(at, 2));
    return pairs.join(u':');
}

QString Session::credentialKey() const
{
    return CredentialStore::deviceKeyFor(m_profile.user(), m_profile.serverHost(), m_profile.serverPort(),
                                         m_profile.device().id);
}

bool Session::hasCredential() const
{
    const auto saved = CredentialStore::read(credentialKey());
    return saved && saved->has_value();
}

Result<void> Session::forgetCredential()
{
    m_token.clear();
    return CredentialStore::remove(credentialKey());
}

void Session::keepCredential(const QString &token)
{
    m_token = token;
    m_tokenKey = credentialKey();
    // Kept in memory all the same: this run reconnects with it, and only the next one would need
    // the password again.
    if (auto saved = CredentialStore::write(m_tokenKey, token.toLatin1()); !saved)
        qCWarning(lcClient) << "this device's credential could not be kept in the keychain:" << saved.error().message;
    m_password.fill('\0');
    m_password.clear();
}

void Session::credentialRefused(bool atLogin)
{
    qCInfo(lcClient) << "the server refused this device's credential: signed out, or unused for too long";
    if (auto forgotten = forgetCredential(); !forgotten)
        qCWarning(lcClient) << "could not forget the refused credential:" << forgotten.error().message;
    if (m_password.isEmpty())
        return giveUp({ErrorCode::BadCredentials,
                       u"this device was signed out, or not used for too long: log in with the password"_s});
    if (atLogin)
        loginStep(wire::login);
    else
        m_socket->abort(); // past the login step: again on a new connection, with the password
}

void Session::signOut(std::function<void(Result<void>)> done)
{
    request(wire::deviceRevoke, QCborMap{}, [this, done = std::move(done)](Result<QCborMap> answer) {
        if (!answer)
            return done(std::unexpected(answer.error()));
        Result<void> forgotten = forgetCredential();
        stop();
        done(forgotten);
    });
}

void Session::connectNow()
{
    if (!m_running || m_socket->state() != QAbstractSocket::UnconnectedState)
        return;
    setState(State::Connecting);
    m_codec = FrameCodec();
    m_socket->connectToHostEncrypted(m_profile.serverHost(), m_profile.serverPort());
}

bool Session::checkCertificate()
{
    const QString presented = fingerprintOf(m_socket->peerCertificate());
    const QString pinned = m_profile.pinnedFingerprint();
    if (!m_expectedFingerprint.isEmpty()) {
        if (presented != m_expectedFingerprint) {
            giveUp({ErrorCode::CertificateChanged, u"the server's certificate is %1, not %2 as given; nothing was "
                                                   "sent"_s.arg(presented, m_expectedFingerprint)});
            return false;
        }
        if (pinned != presented) {
            qCInfo(lcClient) << "pinning the server certificate the user gave:" << presented;
            m_profile.pinFingerprint(presented);
        }
        return true;
    }
    if (pinned.isEmpty()) {
        // Trust on first use is the user's, before any password or credential leaves: stopped
        // first, so that a listener may accept it and start again from its slot.
        giveUp({ErrorCode::CertificateUnconfirmed,
                u"the server's certificate %1 is not confirmed yet; nothing was sent"_s.arg(presented)});
        emit certificateUnconfirmed(presented);
        return false;
    }
    if (pinned != presented) {
        emit certificateChanged(pinned, presented);
        giveUp({ErrorCode::CertificateChanged,
                u"the server's certificate changed (pinned %1, now %2); accept it only if you know why"_s.arg(pinned,
                                                                                                            presented)});
        return false;
    }
    return true;
}

void Session::onEncrypted()
{
    if (!checkCertificate())
        return;
    setState(State::LoggingIn);
    sendFrame(wire::hello, QCborMap{{u"version"_s, FrameCodec::protocolVersion}, {u"client"_s, u"huiji"_s}},
              [this](Result<QCborMap> answer) {
                  if (!answer)
                      return loginFailed(answer.error());
                  m_limits = wire::Limits::fromCbor(*answer);
                  m_codec.setMaxFrameSize(m_limits.maxFrameBytes);
                  loginStep(m_createAccount ? wire::registerAccount : wire::login);
              });
}

void Session::loginStep(const QString &type)
{
    const QString user = m_profile.user();
    if (type == wire::registerAccount) {
        sendFrame(type, QCborMap{{u"user"_s, user}, {u"password"_s, QString::fromUtf8(m_password)}},
                  [this](Result<QCborMap> answer) {
                      // The name is taken, maybe by the registration whose answer a lost
                      // connection cut off: the password decides whether it is this user's.
                      const bool madeByUs = !answer && answer.error().code == ErrorCode::AlreadyExists
                                            && m_registrationCutOff;
                      if (!answer && !madeByUs) {
                          m_registrationCutOff = answer.error().code == ErrorCode::NetworkFailure;
                          return loginFailed(answer.error());
                      }
                      m_createAccount = false;
                      m_registrationCutOff = false;
                      loginStep(wire::login);
                  });
        return;
    }
    if (type == wire::login) {
        QCborMap body{{u"user"_s, user}};
        m_withCredential = !m_token.isEmpty();
        if (m_withCredential)
            body.insert(u"token"_s, m_token);
        else
            body.insert(u"password"_s, QString::fromUtf8(m_password));
        sendFrame(type, body, [this](Result<QCborMap> answer) {
            if (!answer && m_withCredential && answer.error().code == ErrorCode::BadCredentials)
                return credentialRefused(true);
            if (!answer)
                return loginFailed(answer.error());
            m_contacts = wire::contactsFromCbor(answer->value(u"contacts"_s).toArray());
            if (auto policy = wire::forwardingPolicyFromCbor(answer->value(u"forwarding"_s).toMap()))
                m_forwarder.setPolicy(*policy);
            emit contactsChanged();
            loginStep(wire::device);
        });
        return;
    }
    QCborMap device = wire::toCbor(m_profile.device());
    device.insert(u"macHash"_s, m_profile.macHash());
    if (auto listening = m_links.applySetting(); !listening)
        qCWarning(lcClient) << "direct links are off for this run:" << listening.error().message;
    if (const QCborMap direct = m_links.announcement(); !direct.isEmpty())
        device.insert(u"direct"_s, direct);
    sendFrame(wire::device, device, [this](Result<QCborMap> answer) {
        const bool refused = !answer && (answer.error().code == ErrorCode::BadCredentials
                                         || answer.error().code == ErrorCode::Forbidden);
        if (refused && m_withCredential)
            return credentialRefused(false);
        if (!answer)
            return loginFailed(answer.error());
        if (const QString token = answer->value(u"token"_s).toString(); !token.isEmpty())
            keepCredential(token); // the password earned this device a credential of its own
        m_isTerminal = answer->value(u"isTerminal"_s).toBool();
        const QCborMap terminal = answer->value(u"terminal"_s).toMap();
        m_terminal = terminal.isEmpty() ? std::nullopt : std::optional(terminal.value(u"device"_s).toString());
        m_pending = answer->value(u"pending"_s).toInteger();
        if (answer->value(u"collect"_s).toBool())
            m_collector.expect(); // a `collect` push follows this answer
        m_nextRetryMs = m_firstRetryMs;
        setState(State::Online);
        setTerminals(*answer); // online first: a primary may start synchronising from here
        emit ready(m_isTerminal, m_pending);
        if (m_pending == 0)
            emit caughtUp();
        flushOutbox();
        m_forwarder.online();
    });
}

void Session::giveUp(const Error &error)
{
    qCInfo(lcClient) << "giving up:" << error.message;
    m_running = false;
    m_retry.stop();
    m_socket->abort();
    setState(State::Offline);
    emit failed(error);
}

void Session::loginFailed(const Error &error)
{
    if (!isRetriedAtLogin(error.code))
        return giveUp(error);
    qCInfo(lcClient) << "login cut short, trying again:" << error.message;
    // A lost connection is in onDisconnected already, which retries; the server's trouble closes
    // this one to retry with the same backoff.
    m_socket->abort();
}

void Session::sendFrame(const QString &type, const QCborMap &body, Reply reply)
{
    const qint64 id = reply ? m_nextRequest++ : 0;
    const QByteArray bytes = FrameCodec::encode({type, id, body});
    // The server would close the connection on it, and the next connection would send it again:
    // refused here instead. Batches are cut to fit, so only a record over the limits ends here.
    if (const qsizetype size = bytes.size() - FrameCodec::headerSize; size > m_limits.maxFrameBytes) {
        qCWarning(lcClient) << "not sending a" << type << "frame of" << size << "bytes, over the server's limit";
        if (reply)
            reply(fail(ErrorCode::FrameTooLarge, u"a %1 frame of %2 bytes is over the server's limit of %3"_s.arg(type)
                                                     .arg(size)
                                                     .arg(m_limits.maxFrameBytes)));
        return;
    }
    if (reply)
        m_replies.insert(id, std::move(reply));
    m_socket->write(bytes);
}

void Session::request(const QString &type, const QCborMap &body, Reply reply)
{
    if (m_state != State::Online) {
        reply(fail(ErrorCode::NetworkFailure, u"not connected to the server"_s));
        return;
    }
    sendFrame(type, body, std::move(reply));
}

void Session::onReadyRead()
{
    m_codec.append(m_socket->readAll());
    for (;;) {
        auto next = m_codec.next();
        if (!next) {
            qCWarning(lcClient) << "the server sent what is not a frame:" << next.error().message;
            m_socket->abort();
            return;
        }
        if (!next->has_value())
            return;
        onFrame(**next);
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            return;
    }
}

void Session::onFrame(const Frame &frame)
{
    if (frame.requestId != 0) {
        Reply reply = m_replies.take(frame.requestId);
        if (reply)
            reply(frame.type == wire::error ? Result<QCborMap>(std::unexpected(wire::errorOf(frame)))
                                            : Result<QCborMap>(frame.body));
        return;
    }
    if (frame.type == wire::deliver) {
        onDeliver(frame.body);
    } else if (frame.type == wire::ping) {
        sendFrame(wire::pong, {}, {}); // or the server takes this quiet connection for a dead one
    } else if (frame.type == wire::presence) {
        const QString user = frame.body.value(u"user"_s).toString();
        const bool online = frame.body.value(u"online"_s).toBool();
        for (wire::ContactEntry &contact : m_contacts)
            if (contact.user == user)
                contact.online = online;
        emit presenceChanged(user, online);
    } else if (frame.type == wire::contact) {
        const wire::ContactEntry entry = wire::contactFromCbor(frame.body);
        m_contacts.removeIf([&](const wire::ContactEntry &contact) { return contact.user == entry.user; });
        if (!frame.body.value(u"removed"_s).toBool())
            m_contacts.append(entry);
        emit contactsChanged();
    } else if (frame.type == wire::delivered) {
        QList<QUuid> ids;
        for (const QCborValue &id : frame.body.value(u"ids"_s).toArray())
            ids.append(QUuid::fromRfc4122(id.toByteArray()));
        const qint64 at = frame.body.value(u"at"_s).toInteger();
        // Receipts are for messages this account wrote: a contact's under the same id is not one.
        if (auto marked = m_profile.history().markDelivered(m_profile.user(), ids, at); !marked)
            qCWarning(lcClient) << "could not keep a receipt:" << marked.error().message; // only a tick is lost
        emit messagesDelivered(ids, at);
    } else if (frame.type == wire::terminal) {
        const QString device = frame.body.value(u"device"_s).toString();
        m_terminal = device.isEmpty() ? std::nullopt : std::optional(device);
        m_isTerminal = device == m_profile.device().id;
        setTerminals(frame.body);
        emit terminalChanged(m_terminal);
    } else if (frame.type == wire::collect) {
        m_collector.start(frame.body.value(u"terminal"_s).toString(), frame.body.value(u"since"_s).toInteger(),
                          frame.body.value(u"again"_s).toBool());
    } else if (frame.type == wire::linkIncoming) {
        m_links.expectTicket(frame.body);
    } else if (frame.type == wire::forwarding) {
        if (auto policy = wire::forwardingPolicyFromCbor(frame.body))
            m_forwarder.setPolicy(*policy);
    } else if (frame.type == wire::collected) {
        m_collector.report(frame.body);
    } else if (frame.type == wire::error) {
        // The server closes after this; the reason decides whether to retry.
        const Error error = wire::errorOf(frame);
        if (!m_running)
            return; // stopping: after signOut, say, whose answer came first
        if (error.code == ErrorCode::BadCredentials) // signed out from another device
            if (auto forgotten = forgetCredential(); !forgotten)
                qCWarning(lcClient) << "could not forget the revoked credential:" << forgotten.error().message;
        if (isFinal(error.code))
            giveUp(error);
        else
            qCInfo(lcClient) << "the server closed the connection:" << error.message;
    }
}

void Session::onDeliver(const QCborMap &body)
{
    for (const QCborValue &item : body.value(u"records"_s).toArray()) {
        auto record = RecordCbor::fromCbor(item.toMap().value(u"record"_s).toMap());
        if (!record || record->account != m_profile.user()) {
            qCWarning(lcClient) << "dropping a delivered record that is not valid here";
            continue; // not acked: it stays on the server for a fixed client
        }
        m_delivered.records.append(*record);
        m_delivered.seqs.append(item.toMap().value(u"seq"_s));
    }
    for (const QCborValue &device : body.value(u"devices"_s).toArray())
        m_delivered.devices.append(wire::deviceInfoFromCbor(device.toMap()));
    m_delivered.remaining = body.value(u"remaining"_s).toInteger();
    if (m_delivered.records.size() >= maxMergeBatch) {
        mergeDelivered();
    } else if (!m_mergeScheduled) {
        m_mergeScheduled = true;
        QTimer::singleShot(0, this, &Session::mergeDelivered);
    }
}

void Session::mergeDelivered()
{
    m_mergeScheduled = false;
    const Delivered delivered = std::exchange(m_delivered, {});
    // Acked only once the store has committed them: a crash before that leaves them on the server.
    auto merged = m_profile.history().merge(delivered.records, delivered.devices);
    if (!merged)
        return giveUp(merged.error());
    // A connection lost meanwhile takes the ack's seqs with it; the server sends them again. The
    // primary acks only once what it merged is held for its secondaries (claim 4): a crash between
    // the two leaves the records on the server, to be merged (as duplicates) and sent on again.
    const bool synchronise = synchronises();
    QList<Record> added; // a record can come twice (a secondary, a collection): it is new once
    added.reserve(merged->addedAt.size());
    for (const qsizetype index : std::as_const(merged->addedAt))
        added.append(delivered.records.at(index));
    emit recordsMerged(added, delivered.remaining);
    // Caught up only once the ack is written, so that a client that stops then (huiji-cli sync)
    // does not leave a primary's batch unacked behind its synchronisation.
    m_synchronizer.forward(synchronise ? delivered.records : QList<Record>{},
                           [this, seqs = delivered.seqs, last = delivered.remaining == 0] {
                               if (m_socket->isEncrypted())
                                   sendFrame(wire::ack, QCborMap{{u"seqs"_s, seqs}}, {});
                               if (last)
                                   emit caughtUp();
                           });
}

bool Session::synchronises() const
{
    return m_role == wire::TerminalRole::Primary && (m_terminals.size() > 1 || m_serverArchives);
}

void Session::setTerminals(const QCborMap &body)
{
    m_terminals = wire::terminalsFromCbor(body.value(u"terminals"_s).toArray());
    m_serverArchives = body.value(u"archive"_s).toBool();
    m_role = wire::TerminalRole::None;
    QStringList targets; // what the primary synchronises: the secondaries and the server's archive
    for (const wire::TerminalEntry &terminal : std::as_const(m_terminals)) {
        if (terminal.device == m_profile.device().id)
            m_role = terminal.role;
        else if (terminal.role == wire::TerminalRole::Secondary)
            targets.append(terminal.device);
    }
    if (m_serverArchives)
        targets.append(u"server"_s);
    targets.sort();
    if (m_role == wire::TerminalRole::Primary && !targets.isEmpty() && targets != m_profile.syncedTerminals()) {
        const QStringList known = m_profile.syncedTerminals();
        if (std::ranges::any_of(targets, [&](const QString &target) { return !known.contains(target); }))
            m_synchronizer.forwardStore(targets);
        else
            m_profile.setSyncedTerminals(targets); // one went: nothing to send
    }
    emit terminalsChanged();
}

void Session::onDisconnected()
{
    if (m_socket->state() != QAbstractSocket::UnconnectedState && m_socket->state() != QAbstractSocket::ClosingState)
        return;
    m_collector.connectionLost(); // first: the failed replies below must not start anything
    const auto replies = std::exchange(m_replies, {});
    for (const Reply &reply : replies)
        reply(fail(ErrorCode::NetworkFailure, u"the connection to the server was lost"_s));
    m_sending.clear();
    if (!m_running) {
        setState(State::Offline);
        return;
    }
    if (m_retry.isActive())
        return;
    // Exponential backoff with jitter, so that clients cut off together do not return together.
    const int delay = m_nextRetryMs / 2 + static_cast<int>(QRandomGenerator::global()->bounded(m_nextRetryMs / 2 + 1));
    m_nextRetryMs = std::min(m_nextRetryMs * 2, m_maxRetryMs);
    setState(State::WaitingToRetry);
    emit retryScheduled(delay);
    m_retry.start(delay);
}

Result<Record> Session::sendMessage(const QString &contact, const QString &text)
{
    if (auto fits = m_limits.checkBody(text); !fits)
        return std::unexpected(fits.error());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Record record;
    record.id = RecordId::create(now);
    record.account = m_profile.user();
    record.contact = contact;
    record.direction = Direction::Outgoing;
    record.sender = m_profile.user();
    record.body = text;
    record.originDevice = m_profile.device().id;
    record.deviceTime = now;
    record.arrival = m_links.isOpen(contact) ? Arrival::Direct : Arrival::Local;
    if (auto valid = validate(record); !valid)
        return std::unexpected(valid.error());
    // One transaction: a crash can leave neither a message relayed that the history lacks nor one
    // in the history that nothing will send.
    HistoryStore &history = m_profile.history();
    if (auto written = history.transaction([&]() -> Result<void> {
            if (auto merged = history.merge({record}, {m_profile.device()}); !merged)
                return std::unexpected(merged.error());
            return history.outbox().add(record);
        });
        !written)
        return std::unexpected(written.error());
    // It stays in the outbox until the link acks it, so a link that drops, or a crash, relays it.
    // Without a link this one goes through the server, and the next ones direct once one is made.
    if (record.arrival != Arrival::Direct && m_profile.directLinks() && isOnline(contact))
        m_links.openUnlessFailedLately(contact);
    if (record.arrival == Arrival::Direct) {
        if (m_links.send(record)) {
            m_onLink.insert(record.id);
        } else { // the link went between the two calls
            record.arrival = Arrival::Local;
            if (auto relabelled = m_profile.history().setArrival(RecordKey::of(record), record.arrival); !relabelled)
                return std::unexpected(relabelled.error());
        }
    }
    flushOutbox();
    return record;
}

bool Session::isOnline(const QString &contact) const
{
    return std::ranges::any_of(m_contacts, [&](const wire::ContactEntry &entry) {
        return entry.user == contact && entry.state == wire::ContactState::Accepted && entry.online;
    });
}

Result<void> Session::storeDirect(const Record &record)
{
    if (auto merged = m_profile.history().merge({record}, {m_profile.device()}); !merged)
        return std::unexpected(merged.error());
    return queueForForwarding(record);
}

Result<void> Session::queueForForwarding(const Record &record)
{
    // The storage terminal keeps its own direct records (claim 1 step 2); a primary with
    // secondaries queues them all the same, for them (claim 4): nothing else brings them there.
    if (m_isTerminal && !synchronises())
        return {};
    if (auto queued = m_profile.forwardQueue().add(record); !queued)
        return queued;
    m_forwarder.queued();
    return {};
}

Result<void> Session::setDirectLinks(bool enabled)
{
    m_profile.setDirectLinks(enabled);
    return m_links.applySetting();
}

void Session::finish()
{
    if (m_state != State::Online)
        return stop();
    m_forwarder.flush([this] { stop(); });
}

void Session::flushOutbox()
{
    if (m_state != State::Online)
        return;
    auto pending = m_profile.outbox().pending();
    if (!pending) {
        emit failed(pending.error());
        return;
    }
    for (const Record &record : std::as_const(*pending)) {
        if (m_sending.contains(record.id) || m_onLink.contains(record.id))
            continue;
        m_sending.insert(record.id);
        sendFrame(wire::send, QCborMap{{u"record"_s, RecordCbor::toCbor(record)}}, [this, id = record.id](Result<QCborMap> answer) {
            m_sending.remove(id);
            if (!answer) {
                // A refusal for good leaves the outbox, or it would be refused at every login
                // from then on. Anything else stays: the server's own trouble (its disk, say) is
                // retried while online, a lost connection at the next login.
                const ErrorCode code = answer.error().code;
                if (!isTransient(code)) {
                    refuse(id, answer.error());
                } else if (code == ErrorCode::ServerFailure || code == ErrorCode::Busy || code == ErrorCode::RateLimited) {
                    // No sooner than the server said it might take it.
                    if (!m_outboxRetry.isActive())
                        m_outboxRetry.start(std::chrono::milliseconds(std::max<qint64>(m_firstRetryMs, answer.error().retryAfter * 1000)));
                    emit messageDeferred(id);
                }
                return;
            }
            if (auto removed = m_profile.outbox().remove(own(id)); !removed)
                emit failed(removed.error());
            emit messageStored(id, answer->value(u"serverTime"_s).toInteger());
        });
    }
}

void Session::refuse(const QUuid &id, const Error &error)
{
    // Out of the outbox and marked failed at once, so that a crash cannot lose the one or send the
    // other again.
    HistoryStore &history = m_profile.history();
    if (auto marked = history.transaction([&]() -> Result<void> {
            if (auto failure = history.setFailure(own(id), error); !failure)
                return failure;
            return history.outbox().remove(own(id));
        });
        !marked)
        return emit failed(marked.error());
    qCInfo(lcClient) << "the server refused message" << id << "for good:" << error.message;
    emit messageRefused(id, error);
}

Result<void> Session::retryMessage(const QUuid &id)
{
    HistoryStore &history = m_profile.history();
    if (auto queued = history.transaction([&]() -> Result<void> {
            auto stored = history.record(own(id));
            if (!stored)
                return std::unexpected(stored.error());
            if (!stored->failure || stored->record.originDevice != m_profile.device().id)
                return fail(ErrorCode::InvalidArgument, u"only a message of this device that the server refused can be sent again"_s);
            if (auto cleared = history.setFailure(own(id), std::nullopt); !cleared)
                return cleared;
            return history.outbox().add(stored->record);
        });
        !queued)
        return queued;
    emit messageRetried(id);
    flushOutbox();
    return {};
}

RecordKey Session::own(const QUuid &id) const
{
    return {m_profile.user(), id};
}

} // namespace huiji

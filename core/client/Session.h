#pragma once

#include "client/Collector.h"
#include "client/Synchronizer.h"
#include "client/DirectLinks.h"
#include "client/Forwarder.h"

#include "store/HistoryTypes.h"

#include "protocol/Error.h"
#include "protocol/Frame.h"
#include "protocol/FrameCodec.h"
#include "protocol/Record.h"
#include "protocol/Wire.h"

#include <QCborMap>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

class QSslSocket;

namespace huiji {

class Profile;

// The client engine (DESIGN.md): one device's connection to the server over TLS, with the
// certificate pinned on first use once the user confirmed it, login (S210-S260) with this device's
// own credential (kept in the keychain) or the password, reconnection with backoff, the outbox, and
// everything the server delivers merged into the profile's store before it is acked. Used by the
// desktop app, huiji-cli and the tests alike; it knows nothing about widgets.
class Session : public QObject
{
    Q_OBJECT

public:
    enum class State { Offline, Connecting, LoggingIn, Online, WaitingToRetry };
    Q_ENUM(State)
    using Reply = std::function<void(Result<QCborMap>)>;

    explicit Session(Profile &profile, QObject *parent = nullptr);
    ~Session() override;

    // Connects to the profile's server and logs in with this device's credential from the keychain
    // or, when there is none or the server refuses it, with the password (which earns the device a
    // new credential). With createAccount the account is first registered. Nothing secret is sent
    // to a server whose certificate is not pinned: certificateUnconfirmed asks first. Retries on
    // network failures until stop().
    void start(const QByteArray &password, bool createAccount = false);
    // The same with the password only, whatever the keychain holds (a login the user asked for): on
    // success the device gets a new credential and the server revokes its old one.
    void startWithPassword(const QByteArray &password, bool createAccount = false);
    void stop();
    // Trusts this server certificate from now on (after certificateUnconfirmed or certificateChanged).
    void acceptFingerprint(const QString &fingerprint);
    // The fingerprint the user was given for this server (huijid fingerprint prints it): a
    // certificate that has it is pinned without asking, any other refused before anything is sent.
    void expectFingerprint(const QString &fingerprint);
    // "AB:CD:…" as huijid prints it, from upper or lower case, with or without colons; empty when
    // the text is not a SHA-256 fingerprint.
    static QString normalizedFingerprint(const QString &text);
    // This device's credential: whether the keychain has one, the entry it is kept under, and
    // forgetting it here (the server still honours it until it is signed out or expires).
    bool hasCredential() const;
    QString credentialKey() const;
    Result<void> forgetCredential();
    // Logs this device out: the server revokes its credential and closes the connection, the
    // keychain forgets it, and the session stops. Fails at once when not online.
    void signOut(std::function<void(Result<void>)> done);
    void setRetryDelays(int firstMs, int maxMs);

    Profile &profile() const { return m_profile; }
    State state() const { return m_state; }
    // The server's message and frame limits, from its last `hello` answer (the defaults before
    // one): every frame this session sends is bounded by them, and it takes frames up to them.
    wire::Limits limits() const { return m_limits; }
    bool isStorageTerminal() const { return m_isTerminal; } // the primary one
    // Several storage terminals (claims 2-5): this device's role, every terminal of the account,
    // and whether the server keeps an archive of the account's history.
    wire::TerminalRole role() const { return m_role; }
    QList<wire::TerminalEntry> terminals() const { return m_terminals; }
    bool serverArchives() const { return m_serverArchives; }
    // Whether this device is the primary and has secondaries or the server archive to keep in sync.
    bool synchronises() const;
    std::optional<QString> terminalDevice() const { return m_terminal; }
    QList<wire::ContactEntry> contacts() const { return m_contacts; }
    // Collection requests (claim 13): what this device hands over when the server asks, and on the
    // storage terminal the reports of the others.
    Collector &collector() { return m_collector; }
    // Direct links to contacts' devices (claim 11) and the forwarding of what they carried (claim 12).
    DirectLinks &links() { return m_links; }
    Forwarder &forwarder() { return m_forwarder; }
    // Turns direct links on or off in the profile; the server hears of it at the next login.
    Result<void> setDirectLinks(bool enabled);
    // Forwards what the forward queue holds, then stops (the on-close policy; any other policy's
    // records go too rather than wait for the next start).
    void finish();

    // Writes a message: into the local store and the outbox in one transaction, then over the
    // direct link to the contact when one is open (the record's arrival is then Direct), else to
    // the server when online. A message the link does not ack is relayed with the same id when the
    // link closes. With direct links on and no link to an online contact, it asks for one for what
    // comes next. A text over the server's message size (limits()) is refused at once,
    // InvalidRecord; what the server refuses for good leaves the outbox (messageRefused).
    Result<Record> sendMessage(const QString &contact, const QString &text);
    // Sends a message of this device that the server refused (messageRefused) again, with the same
    // id, once the user has changed what it was refused for (added the contact, say): back into
    // the outbox, its failure cleared. Fails for any other message: NotFound when this account
    // wrote none under the id (a contact's message may have it), InvalidArgument when it was not
    // refused or another device of the account wrote it.
    Result<void> retryMessage(const QUuid &id);
    // A record seen on a direct link: stored, and queued for forwarding unless this device is the
    // storage terminal (the primary with secondaries queues it for them). Fails when the store
    // cannot take it (then it is not acked).
    Result<void> storeDirect(const Record &record);
    // Any request of docs/protocol.md, answered once; fails at once when not online.
    void request(const QString &type, const QCborMap &body, Reply reply);

signals:
    void stateChanged(huiji::Session::State state);
    // A failure the user has to act on (wrong password, a changed certificate, a full disk);
    // network failures are retried instead and only change the state.
    void failed(const huiji::Error &error);
    void certificateChanged(const QString &pinned, const QString &presented);
    // The first connection to this server: no certificate is pinned yet, so the session stopped
    // before sending anything. acceptFingerprint(presented) and start again to go on.
    void certificateUnconfirmed(const QString &presented);
    void ready(bool isTerminal, qint64 pending);     // logged in, device known (S260)
    // A delivery was merged: the records new to the store (none when all were there already),
    // and how many the server still holds for this device.
    void recordsMerged(const QList<huiji::Record> &records, qint64 remaining);
    void caughtUp();                                  // everything waiting on the server has arrived
    void messageStored(const QUuid &id, qint64 serverTime);
    void messageDeferred(const QUuid &id); // the server could not store it now; it is sent again
    // The server refused a message of this device for good (not a contact, too large): it has left
    // the outbox and is marked failed in the history, with why. Nothing else is affected.
    void messageRefused(const QUuid &id, const huiji::Error &error);
    void messageRetried(const QUuid &id); // a refused message is back in the outbox (retryMessage)
    void messagesDelivered(const QList<QUuid> &ids, qint64 at); // a device of the recipient has them
    void contactsChanged();
    void presenceChanged(const QString &user, bool online);
    void terminalChanged(const std::optional<QString> &deviceId);
    void terminalsChanged(); // a terminal or the server archive was set or removed
    void retryScheduled(int delayMs);
    void messageSentDirect(const QUuid &id); // acked by the contact's device on a direct link

private:
    void setState(State state);
    void begin(const QByteArray &password, bool createAccount, bool withKeptCredential);
    void connectNow();
    void onEncrypted();
    void onReadyRead();
    void onDisconnected();
    void sendFrame(const QString &type, const QCborMap &body, Reply reply);
    void onFrame(const Frame &frame);
    void onDeliver(const QCborMap &body);
    void mergeDelivered();
    void loginStep(const QString &type);
    bool checkCertificate(); // before anything is sent; gives up when it is not to be trusted
    void keepCredential(const QString &token);
    // The server refused this device's credential (signed out, expired): forgotten, and the login
    // goes on with the password when there is one, or gives up.
    void credentialRefused(bool atLogin);
    void giveUp(const Error &error);
    // A login step was answered with an error: a refusal stops the session, a connection lost
    // meanwhile or the server's own trouble is retried as after any dropped connection.
    void loginFailed(const Error &error);
    void flushOutbox();
    void refuse(const QUuid &id, const Error &error); // the server will never take this message
    void setTerminals(const QCborMap &body); // the `terminals` and `archive` of a device answer or push
    Result<void> queueForForwarding(const Record &record);
    bool isOnline(const QString &contact) const; // an accepted contact with a device connected
    // A message this account wrote: the outbox's, and every id the server answers a send with or
    // sends a receipt for. A contact's message may carry the same id (ids are unique per sender).
    RecordKey own(const QUuid &id) const;

    Profile &m_profile;
    QSslSocket *m_socket;
    FrameCodec m_codec;
    wire::Limits m_limits;
    QTimer m_retry;
    QTimer m_outboxRetry; // after the server failed to store a message
    int m_firstRetryMs = 1000;
    int m_maxRetryMs = 60'000;
    int m_nextRetryMs = 1000;
    State m_state = State::Offline;
    bool m_running = false;
    bool m_createAccount = false;
    bool m_registrationCutOff = false; // a registration was sent and its answer never came
    QByteArray m_password; // kept only until the device has a credential
    QString m_token;       // this device's credential, as the keychain keeps it
    QString m_tokenKey;    // the keychain entry it came from (profiles change server or user)
    bool m_withCredential = false; // this connection logged in with the credential
    QString m_expectedFingerprint;
    qint64 m_nextRequest = 1;
    QHash<qint64, Reply> m_replies;
    QSet<QUuid> m_sending;
    bool m_isTerminal = false;
    std::optional<QString> m_terminal;
    wire::TerminalRole m_role = wire::TerminalRole::None;
    QList<wire::TerminalEntry> m_terminals;
    bool m_serverArchives = false;
    QList<wire::ContactEntry> m_contacts;
    qint64 m_pending = 0;
    // Deliveries read in this turn of the event loop, merged in one transaction at its end: when
    // the server streams a backlog, several frames wait in the socket and one commit serves them.
    struct Delivered {
        QList<Record> records;
        QCborArray seqs;
        QList<DeviceInfo> devices;
        qint64 remaining = 0;
    };
    Delivered m_delivered;
    bool m_mergeScheduled = false;
    Collector m_collector{*this};
    Synchronizer m_synchronizer{*this};
    DirectLinks m_links{*this};
    Forwarder m_forwarder{*this};
    QSet<QUuid> m_onLink; // outbox messages sent over a direct link and not acked yet
};

} // namespace huiji

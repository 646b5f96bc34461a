#pragma once

#include "protocol/Error.h"
#include "protocol/Frame.h"
#include "protocol/FrameCodec.h"
#include "protocol/Record.h"

#include <QCborMap>
#include <QHash>
#include <QSet>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QUuid>

#include <functional>

class QSslServer;
class QSslSocket;

namespace huiji {

class Session;

// Direct links between devices of two contacts (claim 11). The server brokers a link (link-offer):
// the connecting side gets the peer's address, port, the fingerprint of its listener certificate
// and a one-time ticket; the peer gets the same ticket (link-incoming). The link is TLS; the
// connecting side accepts only the vouched-for fingerprint, and its first frame (link-hello)
// presents the ticket, which the listening side takes once and only before it expires. Each
// message is then a link-message request whose answer is the receiver's ack, sent after its store
// committed the record. What goes over a link never passes through the server.
class DirectLinks : public QObject
{
    Q_OBJECT

public:
    // How long a link-hello may wait for its ticket to arrive from the server (the two race).
    static constexpr int ticketWaitMs = 10'000;
    // An incoming connection that has not presented a ticket this long after its handshake is
    // closed, and until it has, its frames may be this large at most (a link-hello is far smaller).
    static constexpr int helloWaitMs = 5'000;
    static constexpr qsizetype maxFrameSizeBeforeHello = 4 * 1024;

    explicit DirectLinks(Session &session);
    ~DirectLinks() override;

    // Starts the listener when the profile has direct links on (stops it when off).
    Result<void> applySetting();
    // What the device step announces: {port, fingerprint}, empty when links are off.
    QCborMap announcement() const;

    // Asks the server for a link to a device of the contact; linkOpened or linkFailed follows,
    // unless a link to the contact is open or being made already.
    void open(const QString &contact);
    // What sending does on its own: open(), unless a link to the contact failed in the last
    // retryAfterMs (a contact whose devices take no links would cost a request per message).
    void openUnlessFailedLately(const QString &contact);
    static constexpr qint64 retryAfterMs = 60'000;
    bool isOpen(const QString &contact) const;
    // Sends a record over the open link to its contact; false when there is none.
    bool send(const Record &record);
    void closeAll();

    // From the session: the server gave this device a ticket (link-incoming).
    void expectTicket(const QCborMap &body);
    // The clock tickets expire by (the tests inject one).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

signals:
    void linkOpened(const QString &contact);
    void linkFailed(const QString &contact, const huiji::Error &error);
    // The link closed; `unacked` were sent on it and never acked.
    void linkClosed(const QString &contact, const QList<QUuid> &unacked);
    void acked(const QUuid &id);
    // A record came over a link (as this account sees it) and was committed to the store.
    void received(const huiji::Record &record);
    void refused(const huiji::Error &error); // an incoming link presented a bad ticket

private:
    struct Ticket {
        QString user;
        QString device;
        qint64 expires = 0;
    };
    struct Link {
        QSslSocket *socket = nullptr;
        FrameCodec codec;
        QString contact; // empty until the hello is done
        bool outgoing = false;
        QString ticket;  // outgoing: to present; incoming: waiting for it
        qint64 nextRequest = 1;
        QHash<qint64, QUuid> pending; // link-message requests without an ack
        Error failure{ErrorCode::NetworkFailure, QStringLiteral("the direct link could not be made")};
    };
    qint64 now() const;
    void onNewConnection();
    void watch(Link *link);
    void onReadyRead(Link *link);
    void onFrame(Link *link, const Frame &frame);
    void onHello(Link *link, const Frame &frame);
    void onMessage(Link *link, const Frame &frame);
    void finishHello(Link *link, const Frame &frame); // listening side, once the ticket is known
    void drop(Link *link);

    Session &m_session;
    QSslServer *m_server = nullptr;
    QSslCertificate m_certificate;
    QSslKey m_key;
    QString m_fingerprint;
    QHash<QString, Ticket> m_tickets;
    QList<Link *> m_links;
    QHash<Link *, Frame> m_waiting; // hellos whose ticket has not arrived yet
    QSet<QString> m_opening;        // contacts this device asked a link to, not open or failed yet
    QHash<QString, qint64> m_failed; // when a link to a contact last failed
    std::function<qint64()> m_clock;
};

} // namespace huiji

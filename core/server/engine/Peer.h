#pragma once

#include "server/db/DeviceRegistry.h"
#include "server/engine/DeliveryStream.h"
#include "server/engine/RequestBudget.h"

#include <QByteArray>
#include <QString>

namespace huiji {

class Connection;

// One connection as the engine sees it: how far it got through login, whose it is, and what is
// being delivered to it. Lives in the SessionRegistry, on the hub's thread.
struct Peer {
    enum class Stage { New, Greeted, Authenticated, Ready };

    Peer() = default; // QHash needs it
    Peer(Connection *socket, QString from) : connection(socket), address(std::move(from)) {}

    Connection *connection = nullptr;
    QString address;
    Stage stage = Stage::New;
    QString account;
    DeviceRegistry::Device device;
    bool busy = false;              // a login's or registration's password hash is running
    QByteArray credential;          // the hash of the credential it logged in with; empty after a password
    QString credentialDevice;       // the device id that credential is bound to
    bool reauthenticating = false;  // the password sent with a sensitive request is being checked
    bool archiveUnlocked = false;   // a restore with the password ran on this connection
    DeliveryStream stream;
    quint16 linkPort = 0;           // where this device takes direct links (claim 11); 0: it does not
    QString linkFingerprint;        // of its link listener's certificate, as it announced it
    qint64 offersSince = 0;         // the start of the minute its link offers are counted in
    int offers = 0;
    qint64 lastSent = 0;            // the server time of this device's last message: the next one is later
    RequestBudget requests;         // control requests
    bool backedUp = false;          // its connection has much output unread: deliveries wait
    int deliveriesInTransit = 0;    // deliver frames posted to its connection, not written yet
};

} // namespace huiji

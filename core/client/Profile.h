#pragma once

#include "store/HistoryStore.h"

#include "protocol/DeviceInfo.h"

#include <QSettings>
#include <QHash>
#include <QString>

#include <memory>

namespace huiji {

// How far this device has handed its stored records over to a storage terminal (claim 13), kept
// so that a collection cut off halfway resumes after the last batch the server acked, and one
// that is complete is not sent again to the same terminal.
struct CollectionProgress {
    QString terminal;  // the storage terminal's device id
    qint64 since = 0;  // when it became the terminal (the server's clock)
    qint64 cursor = 0; // the store position of the last record read into an acked batch
    bool complete = false;

    friend bool operator==(const CollectionProgress &, const CollectionProgress &) = default;
};

// One account on one device: a folder with the device's identity, its settings (server, user,
// the pinned server certificate) and its history store, which holds the outbox too. Several
// profiles let several devices live on one machine. Passwords are never kept here (see
// CredentialStore).
class Profile
{
public:
    // Opens the profile folder, creating it and the device's identity when it does not exist yet.
    // The outbox and forward queue files of older profiles are taken over into the store.
    static Result<std::unique_ptr<Profile>> open(const QString &directory);
    ~Profile();

    // The folder the desktop client and huiji-cli use when none is given (XDG data home).
    static QString defaultDirectory();

    QString directory() const { return m_directory; }
    HistoryStore &history() { return *m_history; }
    // Messages written here that the server has not acked yet, in the store's file.
    RecordQueue &outbox() { return m_history->outbox(); }
    // Records seen on direct links that the server has not acked as forwarded yet (claim 12): the
    // same kind of table as the outbox, so they survive a crash and are resent.
    RecordQueue &forwardQueue() { return m_history->forwardQueue(); }

    // The device (DESIGN.md, Identity): a stable id made at first run, a name (the host name until
    // renamed), the platform, and a salted hash of the MAC address, never the address itself.
    DeviceInfo device() const;
    QString macHash() const;
    void setDeviceName(const QString &name);

    QString serverHost() const;
    quint16 serverPort() const;
    QString user() const;
    void setServer(const QString &host, quint16 port, const QString &user);
    QString pinnedFingerprint() const; // empty until the first connection
    void pinFingerprint(const QString &fingerprint);

    // Direct links to contacts' devices (claim 11): off means no listener and no offers taken.
    bool directLinks() const;
    void setDirectLinks(bool enabled);
    // The listener's self-signed certificate and key (made on first use, kept with the profile).
    QString linkCertificatePath() const;
    QString linkKeyPath() const;

    CollectionProgress collectionProgress() const;
    void setCollectionProgress(const CollectionProgress &progress); // written to disk before it returns
    // Where a restore from the server's archive stands (the cursor of the last page merged, as the
    // server gave it; empty: from the start), so that one cut off resumes there.
    QByteArray restoreCursor() const;
    void setRestoreCursor(const QByteArray &cursor); // written to disk before it returns
    // On the primary storage terminal: the secondaries (device ids, "server" for the server's
    // archive) that were sent this store's whole history, so that only a new one is sent it again.
    QStringList syncedTerminals() const;
    void setSyncedTerminals(const QStringList &terminals); // written to disk before it returns
    // The colour each device was given (an index into the desktop's hues), so that a device keeps
    // its colour in every window and every run.
    QHash<QString, int> deviceHues() const;
    void setDeviceHues(const QHash<QString, int> &hues);

private:
    Profile(QString directory, std::unique_ptr<HistoryStore> history);
    Result<void> adoptQueueFiles(); // the outbox and forward queue files of older profiles

    QString m_directory;
    std::unique_ptr<HistoryStore> m_history;
    std::unique_ptr<QSettings> m_settings;
};

} // namespace huiji

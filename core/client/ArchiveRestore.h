#pragma once

#include "protocol/Error.h"

#include <QObject>

namespace huiji {

class Session;

// Fills this device's store from the server's archive of the account (claim 5: "restore"), page
// by page, oldest first: each page is merged and committed before the next is asked for, and the
// position after it is kept in the profile, so a restore cut off resumes there.
class ArchiveRestore : public QObject
{
    Q_OBJECT

public:
    explicit ArchiveRestore(Session &session, QObject *parent = nullptr);

    // Starts, or resumes where the last restore of this profile stopped; `fromStart` reads the
    // whole archive again (the store drops what it has). The server reads its archive out only
    // with the account's password (re-authentication): it goes with the first page, and is
    // forgotten once that is sent.
    void start(const QByteArray &password, bool fromStart = false);

signals:
    void progress(qint64 merged, qint64 added); // records of this run so far, and of them new here
    void finished(qint64 merged, qint64 added);
    void failed(const huiji::Error &error);

private:
    void askNext();

    Session &m_session;
    QByteArray m_password; // until the first page is asked for
    qint64 m_merged = 0;
    qint64 m_added = 0;
};

} // namespace huiji

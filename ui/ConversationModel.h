#pragma once

#include "store/HistoryTypes.h"

#include "protocol/Error.h"
#include "protocol/Record.h"

#include <QAbstractListModel>
#include <QSet>
#include <QUuid>

namespace huiji {

class Session;

// The chat's view of one conversation in the profile's history, oldest at the top as people read
// it: the newest page at once, older pages through fetchMore (keyset paging with
// HistoryStore::older), and records that land later (sent here, relayed, merged at the storage
// terminal, seen on a direct link) inserted in their place as they arrive. Own messages carry
// their delivery state, kept live from the session (a message the server refused for good is
// failed, with why, and whether sending it again can help), and every message whether it went
// directly between the devices (claim 11) or through the server.
//
// Day separators are a role (DaySeparatorRole) that the delegate draws above a row, not rows of
// their own: rows stay one per record, so paging, inserting in the middle and the item tester need
// no bookkeeping of fake rows, and a separator that moves when an older page arrives is one
// dataChanged.
class ConversationModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class DeliveryState {
        None,      // not an own message of this device: nothing to track
        Sending,   // still in this device's outbox
        Stored,    // the server has it
        Delivered, // a device of the recipient has it
        Failed,    // the server refused it for good (FailureRole says why)
    };
    Q_ENUM(DeliveryState)

    enum Role {
        IdRole = Qt::UserRole + 1, // QUuid
        PositionRole,              // qint64, the record's place in the store
        OutgoingRole,              // bool: written by this account (any of its devices)
        TimeRole,                  // QDateTime, local time, of the order time
        DeliveryStateRole,         // DeliveryState (as int)
        OtherDeviceLabelRole,      // "Laptop" when another device of this account wrote it, else empty
        DeviceIdRole,              // the origin device's id, for DeviceColors
        DaySeparatorRole,          // QDate when a day starts at this row, else a null QDate
        DirectRole,                // bool: went device to device on a direct link, not through the server
        FailureRole,               // QString: why the server refused it, empty unless Failed
        CanRetryRole,              // bool: Failed, and sending it again may go through (not too long, say)
    };
    Q_ENUM(Role)

    explicit ConversationModel(Session &session, QObject *parent = nullptr);

    // Shows the conversation with this contact (empty: none) from its newest page.
    void setContact(const QString &contact);
    QString contact() const { return m_contact; }
    void setPageSize(int records) { m_pageSize = records; }

    // Records just written or merged; those of this conversation appear in order. The model
    // already follows the session's merges; the chat calls this for what it sends itself.
    void addRecords(const QList<huiji::Record> &records);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void failed(const huiji::Error &error); // the history could not be read

private:
    HistoryScope scope() const;
    DeliveryState stateOf(const StoredRecord &stored) const;
    bool isDirect(const StoredRecord &stored) const;
    QString accessibleText(const StoredRecord &stored) const;
    void reloadSending();
    void insertInOrder(const QList<StoredRecord> &records);
    int rowOfId(const QUuid &id) const;
    void onStored(const QUuid &id);
    void onDelivered(const QList<QUuid> &ids, qint64 at);
    void onSentDirect(const QUuid &id);
    void onRefused(const QUuid &id, const Error &error);
    void onRetried(const QUuid &id);
    // The delivery state of this row changed, and everything that shows it.
    void stateChanged(int row);
    // An own message left the outbox, over a link or through the server.
    void settle(const QUuid &id, Arrival arrival);

    Session &m_session;
    QString m_contact;
    QString m_thisDevice;
    int m_pageSize = 50;
    QList<StoredRecord> m_rows; // oldest first
    bool m_hasOlder = false;
    bool m_busy = false; // changing rows: a fetchMore asked meanwhile is not nested in the change
    QSet<QUuid> m_sending; // ids in the outbox
};

} // namespace huiji

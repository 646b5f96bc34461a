#pragma once

#include "protocol/Error.h"
#include "protocol/Record.h"
#include "protocol/Wire.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QSettings>

#include <optional>

namespace huiji {

class Session;

// The chat's contact list: the account's contacts from the session with their presence and the
// requests still open, plus the people this history has conversations with (so the list is there
// before login and offline), each with its unread count, last message and last activity.
//
// Unread means incoming records after the last one read. Where that is, per contact, lives in the
// profile folder in ui.ini, beside the store rather than in it: it is this desktop's reading
// state, not history. The last contact list seen is kept there too, for starting offline. A contact seen for the first time starts with its history read, so a
// freshly imported history does not arrive thousands unread.
class ContactListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Kind {
        Contact,         // accepted
        IncomingRequest, // they asked; this account can accept
        OutgoingRequest, // this account asked; waiting for them
        HistoryOnly,     // not (or not yet) a contact, but there is a conversation
    };
    Q_ENUM(Kind)

    enum Role {
        UserRole = Qt::UserRole + 1, // QString
        KindRole,                    // Kind (as int)
        OnlineRole,                  // bool
        UnreadRole,                  // int
        PreviewRole,                 // QString, the last message on one line, "You: " for own
        LastActivityRole,            // QDateTime of the last message, invalid when there is none
    };
    Q_ENUM(Role)

    explicit ContactListModel(Session &session, QObject *parent = nullptr);

    int rowOf(const QString &user) const;
    int unreadTotal() const { return m_unreadTotal; }
    // Everything in this conversation up to now counts as read.
    void markRead(const QString &user);
    // Records just written or merged; their contacts' previews and counts follow. The model
    // already follows the session's merges; the chat calls this for what it sends itself.
    void addRecords(const QList<huiji::Record> &records);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void unreadTotalChanged(int total);
    void failed(const huiji::Error &error); // the history could not be read

private:
    struct Row {
        QString user;
        Kind kind = Kind::HistoryOnly;
        bool online = false;
        int unread = 0;
        QString preview;
        QDateTime lastActivity;
    };

    void loadConversations();
    void loadCachedContacts();
    void onContactsChanged();
    void onPresenceChanged(const QString &user, bool online);
    int ensureRow(const QString &user, Kind kind);
    // Reads the row's last message and unread count from the store; true when they changed.
    bool refresh(Row &row);
    void updateUnreadTotal();
    QString lastReadKey(const QString &user) const;
    std::optional<qint64> newestPosition(const QString &user);

    Session &m_session;
    QSettings m_settings;
    QList<Row> m_rows;
    int m_unreadTotal = 0;
};

} // namespace huiji

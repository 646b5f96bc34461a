#pragma once

#include "store/HistoryStore.h"

#include <QAbstractListModel>

namespace huiji {

// The conversations of the merged history, most recent first: the history viewer's contact list.
// One row per (account, contact) from HistoryStore::conversations(), which reads a summary table,
// so it stays small and quick however long the conversations are.
class HistoryConversationModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        ContactRole = Qt::UserRole + 1,
        AccountRole,
        RecordCountRole, // qint64
        LastTimeRole,    // QDateTime of the newest record, local time
    };
    Q_ENUM(Role)

    explicit HistoryConversationModel(HistoryStore &store, QObject *parent = nullptr);

    Result<void> reload();
    // The row of a conversation, or -1.
    int rowOf(const QString &account, const QString &contact) const;
    const ConversationSummary &conversationAt(int row) const { return m_conversations.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    HistoryStore &m_store;
    QList<ConversationSummary> m_conversations;
    bool m_severalAccounts = false;
};

} // namespace huiji

#include "ui/HistoryConversationModel.h"

#include "store/Position.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <climits>

namespace huiji {

HistoryConversationModel::HistoryConversationModel(HistoryStore &store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
}

Result<void> HistoryConversationModel::reload()
{
    auto conversations = m_store.conversations();
    if (!conversations)
        return std::unexpected(conversations.error());
    beginResetModel();
    m_conversations = std::move(*conversations);
    // A profile holds one account; an imported history may bring more, and then the account
    // tells apart two conversations with the same contact.
    m_severalAccounts = std::any_of(m_conversations.cbegin(), m_conversations.cend(),
                                    [this](const ConversationSummary &summary) {
                                        return summary.account != m_conversations.first().account;
                                    });
    endResetModel();
    return {};
}

int HistoryConversationModel::rowOf(const QString &account, const QString &contact) const
{
    for (qsizetype row = 0; row < m_conversations.size(); ++row)
        if (m_conversations.at(row).account == account && m_conversations.at(row).contact == contact)
            return static_cast<int>(row);
    return -1;
}

int HistoryConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_conversations.size());
}

QVariant HistoryConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationSummary &summary = m_conversations.at(index.row());
    const QDateTime last = QDateTime::fromMSecsSinceEpoch(position::timeOf(summary.lastPosition));
    switch (role) {
    case Qt::DisplayRole:
        return m_severalAccounts ? tr("%1 (%2)").arg(summary.contact, summary.account) : summary.contact;
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole:
        return tr("%n record(s), the last on %1", nullptr, static_cast<int>(qMin<qint64>(summary.recordCount, INT_MAX)))
            .arg(QLocale().toString(last, QLocale::ShortFormat));
    case ContactRole:
        return summary.contact;
    case AccountRole:
        return summary.account;
    case RecordCountRole:
        return summary.recordCount;
    case LastTimeRole:
        return last;
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryConversationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(QHash<int, QByteArray>{{ContactRole, "contact"},
                                        {AccountRole, "account"},
                                        {RecordCountRole, "recordCount"},
                                        {LastTimeRole, "lastTime"}});
    return names;
}

} // namespace huiji

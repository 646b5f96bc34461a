#include "ui/ContactListModel.h"

#include "client/Profile.h"
#include "client/Session.h"

#include <QDir>
#include <QSet>

#include <limits>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// The last message as one line of a list, long enough for any width the list takes.
constexpr qsizetype previewLength = 160;

ContactListModel::Kind kindOf(wire::ContactState state)
{
    switch (state) {
    case wire::ContactState::Accepted:
        return ContactListModel::Kind::Contact;
    case wire::ContactState::Outgoing:
        return ContactListModel::Kind::OutgoingRequest;
    case wire::ContactState::Incoming:
        return ContactListModel::Kind::IncomingRequest;
    }
    return ContactListModel::Kind::HistoryOnly;
}

} // namespace

ContactListModel::ContactListModel(Session &session, QObject *parent)
    : QAbstractListModel(parent), m_session(session),
      m_settings(QDir(session.profile().directory()).filePath(u"ui.ini"_s), QSettings::IniFormat)
{
    loadConversations();
    // Before the first login of this run the session knows no contacts: the last list seen
    // stands in for it, so that the user can write (to the outbox) while offline.
    if (!session.contacts().isEmpty() || session.state() == Session::State::Online)
        onContactsChanged();
    else
        loadCachedContacts();
    connect(&session, &Session::contactsChanged, this, &ContactListModel::onContactsChanged);
    connect(&session, &Session::presenceChanged, this, &ContactListModel::onPresenceChanged);
    connect(&session, &Session::recordsMerged, this, [this](const QList<Record> &records) { addRecords(records); });
    // Presence is only known while connected: offline, nobody is shown online.
    connect(&session, &Session::stateChanged, this, [this] {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0), index(rowCount() - 1), {OnlineRole, Qt::AccessibleTextRole});
    });
}

QString ContactListModel::lastReadKey(const QString &user) const
{
    return u"lastRead/"_s + user;
}

void ContactListModel::loadConversations()
{
    auto conversations = m_session.profile().history().conversations();
    if (!conversations) {
        emit failed(conversations.error());
        return;
    }
    const QString account = m_session.profile().user();
    for (const ConversationSummary &conversation : std::as_const(*conversations)) {
        if (conversation.account != account)
            continue;
        // The first time this desktop shows a conversation, what it already holds counts as read.
        if (!m_settings.contains(lastReadKey(conversation.contact)))
            m_settings.setValue(lastReadKey(conversation.contact), conversation.lastPosition);
        ensureRow(conversation.contact, Kind::HistoryOnly);
    }
    updateUnreadTotal();
}

void ContactListModel::loadCachedContacts()
{
    m_settings.beginGroup(u"contacts"_s);
    const QStringList users = m_settings.childKeys();
    for (const QString &user : users) {
        const auto state = wire::contactStateFromName(m_settings.value(user).toString());
        if (!state)
            continue;
        const int row = ensureRow(user, kindOf(*state));
        m_rows[row].kind = kindOf(*state);
    }
    m_settings.endGroup();
    updateUnreadTotal();
}

int ContactListModel::rowOf(const QString &user) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).user == user)
            return static_cast<int>(row);
    return -1;
}

int ContactListModel::ensureRow(const QString &user, Kind kind)
{
    if (const int row = rowOf(user); row >= 0)
        return row;
    Row added;
    added.user = user;
    added.kind = kind;
    refresh(added);
    const auto row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(added);
    endInsertRows();
    return row;
}

std::optional<qint64> ContactListModel::newestPosition(const QString &user)
{
    auto page = m_session.profile().history().older({m_session.profile().user(), user, {}}, std::nullopt, 1);
    if (!page) {
        emit failed(page.error());
        return std::nullopt;
    }
    return page->records.isEmpty() ? 0 : page->records.first().position;
}

bool ContactListModel::refresh(Row &row)
{
    const HistoryScope scope{m_session.profile().user(), row.user, {}};
    const HistoryStore &history = m_session.profile().history();
    auto page = history.older(scope, std::nullopt, 1);
    auto unread = history.countIncoming(scope, m_settings.value(lastReadKey(row.user), 0).toLongLong());
    if (!page || !unread) {
        emit failed(!page ? page.error() : unread.error());
        return false;
    }
    QString preview;
    QDateTime lastActivity;
    if (!page->records.isEmpty()) {
        const Record &last = page->records.first().record;
        const QString line = last.body.simplified().left(previewLength);
        preview = last.direction == Direction::Outgoing ? tr("You: %1").arg(line) : line;
        lastActivity = QDateTime::fromMSecsSinceEpoch(last.orderTime());
    }
    const int count = static_cast<int>(std::min<qint64>(*unread, std::numeric_limits<int>::max()));
    const bool changed = preview != row.preview || lastActivity != row.lastActivity || count != row.unread;
    row.preview = preview;
    row.lastActivity = lastActivity;
    row.unread = count;
    return changed;
}

void ContactListModel::onContactsChanged()
{
    QSet<QString> listed;
    const QList<wire::ContactEntry> contacts = m_session.contacts();
    m_settings.remove(u"contacts"_s);
    for (const wire::ContactEntry &entry : contacts)
        m_settings.setValue(u"contacts/"_s + entry.user, wire::contactStateName(entry.state));
    for (const wire::ContactEntry &entry : contacts) {
        listed.insert(entry.user);
        const int row = ensureRow(entry.user, kindOf(entry.state));
        Row &current = m_rows[row];
        if (current.kind != kindOf(entry.state) || current.online != entry.online) {
            current.kind = kindOf(entry.state);
            current.online = entry.online;
            emit dataChanged(index(row), index(row));
        }
    }
    // Someone no longer a contact stays while there is a conversation to read.
    for (auto row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
        Row &current = m_rows[row];
        if (listed.contains(current.user) || current.kind == Kind::HistoryOnly)
            continue;
        if (current.lastActivity.isValid()) {
            current.kind = Kind::HistoryOnly;
            current.online = false;
            emit dataChanged(index(row), index(row));
        } else {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    updateUnreadTotal();
}

void ContactListModel::onPresenceChanged(const QString &user, bool online)
{
    const int row = rowOf(user);
    if (row < 0 || m_rows.at(row).online == online)
        return;
    m_rows[row].online = online;
    emit dataChanged(index(row), index(row), {OnlineRole, Qt::AccessibleTextRole});
}

void ContactListModel::addRecords(const QList<Record> &records)
{
    const QString account = m_session.profile().user();
    QSet<QString> touched;
    for (const Record &record : records)
        if (record.account == account)
            touched.insert(record.contact);
    for (const QString &user : std::as_const(touched)) {
        const int row = rowOf(user);
        if (row < 0)
            ensureRow(user, Kind::HistoryOnly); // a new row is read fresh
        else if (refresh(m_rows[row]))
            emit dataChanged(index(row), index(row));
    }
    updateUnreadTotal();
}

void ContactListModel::markRead(const QString &user)
{
    const int row = rowOf(user);
    const auto newest = newestPosition(user);
    if (row < 0 || !newest)
        return;
    m_settings.setValue(lastReadKey(user), *newest);
    if (m_rows.at(row).unread != 0) {
        m_rows[row].unread = 0;
        emit dataChanged(index(row), index(row), {UnreadRole, Qt::AccessibleTextRole});
    }
    updateUnreadTotal();
}

void ContactListModel::updateUnreadTotal()
{
    int total = 0;
    for (const Row &row : std::as_const(m_rows))
        total += row.unread;
    if (total == m_unreadTotal)
        return;
    m_unreadTotal = total;
    emit unreadTotalChanged(total);
}

int ContactListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ContactListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const bool online = row.online && m_session.state() == Session::State::Online;
    switch (role) {
    case Qt::DisplayRole:
    case UserRole:
        return row.user;
    case Qt::AccessibleTextRole: {
        QStringList parts{row.user};
        if (row.kind == Kind::IncomingRequest)
            parts.append(tr("wants to be your contact"));
        else if (row.kind == Kind::OutgoingRequest)
            parts.append(tr("request sent, waiting"));
        else if (row.kind == Kind::Contact)
            parts.append(online ? tr("online") : tr("offline"));
        if (row.unread > 0)
            parts.append(tr("%n unread", nullptr, row.unread));
        if (!row.preview.isEmpty())
            parts.append(row.preview);
        return parts.join(u", "_s);
    }
    case KindRole:
        return static_cast<int>(row.kind);
    case OnlineRole:
        return online;
    case UnreadRole:
        return row.unread;
    case PreviewRole:
        return row.preview;
    case LastActivityRole:
        return row.lastActivity;
    default:
        return {};
    }
}

QHash<int, QByteArray> ContactListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{UserRole, "user"},
                  {KindRole, "kind"},
                  {OnlineRole, "online"},
                  {UnreadRole, "unread"},
                  {PreviewRole, "preview"},
                  {LastActivityRole, "lastActivity"}});
    return names;
}

} // namespace huiji

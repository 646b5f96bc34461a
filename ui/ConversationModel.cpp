#include "ui/ConversationModel.h"

#include "ui/ChatStyle.h"

#include "client/Profile.h"
#include "client/Session.h"
#include "store/Position.h"

#include <QDateTime>
#include <QLocale>
#include <QScopedValueRollback>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

QDateTime localTime(const StoredRecord &stored)
{
    return QDateTime::fromMSecsSinceEpoch(stored.record.orderTime());
}

bool positionBefore(const StoredRecord &stored, qint64 position)
{
    return stored.position < position;
}

// A message refused for what it is (too long, an id used before for another message) is refused
// again as it is; one refused for what the account may do (not a contact, a quota) can go once
// that has changed.
bool retryCanHelp(const Error &failure)
{
    switch (failure.code) {
    case ErrorCode::InvalidRecord:
    case ErrorCode::FrameTooLarge:
    case ErrorCode::IdConflict:
        return false;
    default:
        return true;
    }
}

} // namespace

ConversationModel::ConversationModel(Session &session, QObject *parent)
    : QAbstractListModel(parent), m_session(session), m_thisDevice(session.profile().device().id)
{
    connect(&session, &Session::recordsMerged, this, [this](const QList<Record> &records) { addRecords(records); });
    connect(&session, &Session::messageStored, this, &ConversationModel::onStored);
    connect(&session, &Session::messagesDelivered, this, &ConversationModel::onDelivered);
    connect(&session, &Session::messageSentDirect, this, &ConversationModel::onSentDirect);
    connect(&session, &Session::messageRefused, this, &ConversationModel::onRefused);
    connect(&session, &Session::messageRetried, this, &ConversationModel::onRetried);
    connect(&session.links(), &DirectLinks::received, this, [this](const Record &record) { addRecords({record}); });
}

HistoryScope ConversationModel::scope() const
{
    return {m_session.profile().user(), m_contact, {}};
}

void ConversationModel::setContact(const QString &contact)
{
    const QScopedValueRollback busy(m_busy, true);
    beginResetModel();
    m_contact = contact;
    m_rows.clear();
    m_hasOlder = false;
    if (!contact.isEmpty()) {
        auto page = m_session.profile().history().older(scope(), std::nullopt, m_pageSize);
        if (page) {
            m_rows = page->records;
            std::reverse(m_rows.begin(), m_rows.end());
            m_hasOlder = page->hasOlder;
        } else {
            emit failed(page.error());
        }
    }
    reloadSending();
    endResetModel();
}

void ConversationModel::reloadSending()
{
    m_sending.clear();
    auto pending = m_session.profile().outbox().pending();
    if (!pending) {
        emit failed(pending.error());
        return;
    }
    for (const Record &record : std::as_const(*pending))
        m_sending.insert(record.id);
}

void ConversationModel::addRecords(const QList<Record> &records)
{
    if (m_contact.isEmpty())
        return;
    const QString account = m_session.profile().user();
    std::optional<qint64> earliest;
    int count = 0;
    for (const Record &record : records) {
        if (record.account != account || record.contact != m_contact)
            continue;
        // A record's position is its order time followed by a tie-break, so it is at or after this.
        const qint64 from = position::atTime(record.orderTime());
        earliest = earliest ? std::min(*earliest, from) : from;
        ++count;
    }
    if (!earliest)
        return;
    qint64 from = *earliest;
    // Records older than every loaded row, while older pages remain, arrive with those pages.
    if (m_hasOlder && !m_rows.isEmpty())
        from = std::max(from, m_rows.first().position + 1);
    // One keyset range from there reads the new records with the loaded rows between them (which
    // insertInOrder skips), instead of guessing the positions the store gave each record.
    const auto loadedAfter = static_cast<int>(m_rows.cend() - std::lower_bound(m_rows.cbegin(), m_rows.cend(), from, positionBefore));
    QList<StoredRecord> found;
    qint64 cursor = from - 1;
    for (;;) {
        auto page = m_session.profile().history().newer(scope(), cursor, loadedAfter + count);
        if (!page) {
            emit failed(page.error());
            return;
        }
        found += page->records;
        if (!page->hasNewer || page->records.isEmpty())
            break;
        cursor = page->records.first().position;
    }
    std::sort(found.begin(), found.end(), [](const StoredRecord &a, const StoredRecord &b) { return a.position < b.position; });
    insertInOrder(found);
}

void ConversationModel::insertInOrder(const QList<StoredRecord> &records)
{
    const QScopedValueRollback busy(m_busy, true);
    bool ownMessage = false;
    qsizetype next = 0;
    while (next < records.size()) {
        const auto at = std::lower_bound(m_rows.cbegin(), m_rows.cend(), records[next].position, positionBefore);
        if (at != m_rows.cend() && at->position == records[next].position) {
            ++next; // already shown
            continue;
        }
        // The run of new records that all go before the same loaded row is inserted at once.
        const auto row = static_cast<int>(at - m_rows.cbegin());
        const qint64 limit = at == m_rows.cend() ? position::newest : at->position;
        qsizetype end = next;
        while (end < records.size() && records[end].position < limit)
            ++end;
        beginInsertRows({}, row, row + static_cast<int>(end - next) - 1);
        for (qsizetype i = next; i < end; ++i) {
            m_rows.insert(row + (i - next), records[i]);
            ownMessage |= records[i].record.originDevice == m_thisDevice && records[i].record.direction == Direction::Outgoing;
        }
        endInsertRows();
        const int after = row + static_cast<int>(end - next);
        if (after < m_rows.size()) // the row after the run may no longer start a day
            emit dataChanged(index(after), index(after), {DaySeparatorRole});
        next = end;
    }
    if (ownMessage)
        reloadSending();
}

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

bool ConversationModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasOlder;
}

void ConversationModel::fetchMore(const QModelIndex &parent)
{
    // Whoever listens to the rows changing may ask for more right then (QAbstractItemModelTester
    // does); the page after this one is read once this one is in.
    if (m_busy || !canFetchMore(parent))
        return;
    const QScopedValueRollback busy(m_busy, true);
    auto page = m_session.profile().history().older(scope(), m_rows.first().position, m_pageSize);
    if (!page) {
        emit failed(page.error());
        return;
    }
    m_hasOlder = page->hasOlder;
    if (page->records.isEmpty())
        return;
    const auto added = static_cast<int>(page->records.size());
    beginInsertRows({}, 0, added - 1);
    QList<StoredRecord> rows = page->records;
    std::reverse(rows.begin(), rows.end());
    m_rows = rows + m_rows;
    endInsertRows();
    if (added < m_rows.size()) // the former first row starts a day only if the page ended on another
        emit dataChanged(index(added), index(added), {DaySeparatorRole});
}

ConversationModel::DeliveryState ConversationModel::stateOf(const StoredRecord &stored) const
{
    const Record &record = stored.record;
    if (record.direction != Direction::Outgoing)
        return DeliveryState::None;
    if (stored.failure)
        return DeliveryState::Failed;
    if (stored.deliveredAt)
        return DeliveryState::Delivered;
    if (record.originDevice == m_thisDevice && m_sending.contains(record.id))
        return DeliveryState::Sending;
    // A link's ack comes from the contact's device once its store has the message.
    if (record.arrival == Arrival::Direct)
        return DeliveryState::Delivered;
    return DeliveryState::Stored;
}

bool ConversationModel::isDirect(const StoredRecord &stored) const
{
    // A message of this device still waiting for the link's ack may yet go through the server.
    return stored.record.arrival == Arrival::Direct && stateOf(stored) != DeliveryState::Sending;
}

QString ConversationModel::accessibleText(const StoredRecord &stored) const
{
    const QString time = QLocale().toString(localTime(stored).date(), QLocale::ShortFormat) + u' '
                         + chatStyle::shortTime(localTime(stored).time());
    if (stored.record.direction == Direction::Incoming)
        return isDirect(stored) ? tr("%1 at %2, directly: %3").arg(stored.record.sender, time, stored.record.body)
                                : tr("%1 at %2: %3").arg(stored.record.sender, time, stored.record.body);
    QString state;
    switch (stateOf(stored)) {
    case DeliveryState::Sending:
        state = tr("sending");
        break;
    case DeliveryState::Stored:
        state = tr("stored on the server");
        break;
    case DeliveryState::Delivered:
        state = isDirect(stored) ? tr("delivered directly") : tr("delivered");
        break;
    case DeliveryState::Failed:
        state = tr("not sent (%1)").arg(stored.failure->message);
        break;
    case DeliveryState::None:
        break;
    }
    return tr("You at %1, %2: %3").arg(time, state, stored.record.body);
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoredRecord &stored = m_rows.at(index.row());
    const Record &record = stored.record;
    const bool otherDevice = record.direction == Direction::Outgoing && record.originDevice != m_thisDevice;
    switch (role) {
    case Qt::DisplayRole:
        return record.body;
    case Qt::ToolTipRole: {
        const QString time = QLocale().toString(localTime(stored), QLocale::LongFormat);
        if (stored.failure)
            return time + u'\n' + tr("Not sent: the server refused it (%1).").arg(stored.failure->message);
        if (!isDirect(stored))
            return time;
        return time + u'\n'
               + (record.direction == Direction::Outgoing ? tr("Sent directly to %1's device, not through the server")
                                                          : tr("Came directly from %1's device, not through the server"))
                     .arg(record.contact);
    }
    case Qt::AccessibleTextRole:
        return accessibleText(stored);
    case IdRole:
        return record.id;
    case PositionRole:
        return stored.position;
    case OutgoingRole:
        return record.direction == Direction::Outgoing;
    case TimeRole:
        return localTime(stored);
    case DeliveryStateRole:
        return static_cast<int>(stateOf(stored));
    case OtherDeviceLabelRole:
        return otherDevice ? stored.deviceLabel : QString();
    case DeviceIdRole:
        return record.originDevice;
    case DirectRole:
        return isDirect(stored);
    case FailureRole:
        return stored.failure ? stored.failure->message : QString();
    case CanRetryRole:
        return stored.failure && retryCanHelp(*stored.failure) && record.originDevice == m_thisDevice;
    case DaySeparatorRole: {
        const QDate day = localTime(stored).date();
        if (index.row() == 0 || localTime(m_rows.at(index.row() - 1)).date() != day)
            return day;
        return QDate();
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"},
                  {PositionRole, "position"},
                  {OutgoingRole, "outgoing"},
                  {TimeRole, "time"},
                  {DeliveryStateRole, "deliveryState"},
                  {OtherDeviceLabelRole, "otherDeviceLabel"},
                  {DeviceIdRole, "deviceId"},
                  {DaySeparatorRole, "daySeparator"},
                  {DirectRole, "direct"},
                  {FailureRole, "failure"},
                  {CanRetryRole, "canRetry"}});
    return names;
}

int ConversationModel::rowOfId(const QUuid &id) const
{
    // Only messages this account wrote change state; a contact's may carry the same id.
    const QString account = m_session.profile().user();
    // What changes state is almost always among the newest rows.
    for (auto row = m_rows.size() - 1; row >= 0; --row)
        if (m_rows.at(row).record.id == id && m_rows.at(row).record.sender == account)
            return static_cast<int>(row);
    return -1;
}

void ConversationModel::onStored(const QUuid &id)
{
    // The server stored it: a link that was to carry it closed first, and it was relayed.
    settle(id, Arrival::Local);
}

void ConversationModel::onDelivered(const QList<QUuid> &ids, qint64 at)
{
    for (const QUuid &id : ids) {
        const int row = rowOfId(id);
        if (row < 0 || m_rows.at(row).deliveredAt)
            continue;
        m_rows[row].deliveredAt = at;
        emit dataChanged(index(row), index(row), {DeliveryStateRole, Qt::AccessibleTextRole});
    }
}

void ConversationModel::onSentDirect(const QUuid &id)
{
    settle(id, Arrival::Direct);
}

void ConversationModel::settle(const QUuid &id, Arrival arrival)
{
    m_sending.remove(id);
    const int row = rowOfId(id);
    if (row < 0)
        return;
    m_rows[row].record.arrival = arrival;
    stateChanged(row);
}

void ConversationModel::onRefused(const QUuid &id, const Error &error)
{
    m_sending.remove(id);
    const int row = rowOfId(id);
    if (row < 0)
        return;
    m_rows[row].failure = error;
    stateChanged(row);
}

void ConversationModel::onRetried(const QUuid &id)
{
    m_sending.insert(id); // back in the outbox
    const int row = rowOfId(id);
    if (row < 0)
        return;
    m_rows[row].failure.reset();
    stateChanged(row);
}

void ConversationModel::stateChanged(int row)
{
    emit dataChanged(index(row), index(row),
                     {DeliveryStateRole, DirectRole, FailureRole, CanRetryRole, Qt::ToolTipRole, Qt::AccessibleTextRole});
}

} // namespace huiji

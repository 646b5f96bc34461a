#include "store/HistoryReader.h"

#include "store/Position.h"
#include "store/RecordRow.h"
#include "sql/SqlDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

Result<void> checkLimit(int limit)
{
    if (limit < 0)
        return fail(ErrorCode::InvalidArgument, u"a page cannot hold %1 records"_s.arg(limit));
    return {};
}

} // namespace

HistoryReader::HistoryReader(const SqlDatabase &database) : m_database(database) {}

Result<HistoryReader::Filter> HistoryReader::filter(const HistoryScope &scope) const
{
    Filter result;
    if (!scope.account.isEmpty() || !scope.contact.isEmpty()) {
        QStringList match;
        QVariantList values;
        for (const auto &[column, value] : {std::pair{u"account"_s, scope.account}, {u"contact"_s, scope.contact}}) {
            if (!value.isEmpty()) {
                match.append(column + u" = ?"_s);
                values.append(value);
            }
        }
        auto conversations = m_database.prepare(u"SELECT id FROM conversations WHERE "_s + match.join(u" AND "_s));
        if (!conversations)
            return std::unexpected(conversations.error());
        for (qsizetype i = 0; i < values.size(); ++i)
            conversations->bindValue(static_cast<int>(i), values.at(i));
        if (auto done = m_database.exec(*conversations); !done)
            return std::unexpected(done.error());
        QStringList placeholders;
        while (conversations->next()) {
            placeholders.append(u"?"_s);
            result.values.append(conversations->value(0));
            result.conversations.append(conversations->value(0).toLongLong());
        }
        if (placeholders.isEmpty())
            result.matchesNothing = true;
        else
            result.condition += u" AND r.conversation IN (%1)"_s.arg(placeholders.join(u','));
    }
    if (!scope.device.isEmpty()) {
        auto device = m_database.prepare(u"SELECT id FROM devices WHERE device_id = ?"_s);
        if (!device)
            return std::unexpected(device.error());
        device->bindValue(0, scope.device);
        if (auto done = m_database.exec(*device); !done)
            return std::unexpected(done.error());
        if (device->next()) {
            result.condition += u" AND r.device = ?"_s;
            result.values.append(device->value(0));
            result.device = device->value(0).toLongLong();
        } else {
            result.matchesNothing = true;
        }
    }
    return result;
}

Result<QList<StoredRecord>> HistoryReader::range(const Filter &filter, Towards towards, qint64 cursor,
                                                 int limit) const
{
    if (filter.matchesNothing || limit == 0)
        return QList<StoredRecord>();
    const bool older = towards == Towards::Older;
    auto select = m_database.prepare(u"SELECT %1 FROM %2 WHERE r.position %3 ?%4 ORDER BY r.position %5 LIMIT ?"_s
                                         .arg(recordRow::columns(), recordRow::joins(),
                                              older ? u"<"_s : u">="_s, filter.condition,
                                              older ? u"DESC"_s : u"ASC"_s));
    if (!select)
        return std::unexpected(select.error());
    int at = 0;
    select->bindValue(at++, cursor);
    for (const QVariant &value : filter.values)
        select->bindValue(at++, value);
    select->bindValue(at, limit);
    if (auto done = m_database.exec(*select); !done)
        return std::unexpected(done.error());
    QList<StoredRecord> records;
    while (select->next())
        records.append(recordRow::decode(*select));
    return records;
}

Result<qint64> HistoryReader::countIncoming(const HistoryScope &scope, qint64 after) const
{
    auto matching = filter(scope);
    if (!matching)
        return std::unexpected(matching.error());
    if (matching->matchesNothing)
        return 0;
    auto count = m_database.prepare(u"SELECT COUNT(*) FROM %1 WHERE r.position > ? AND r.direction = ?%2"_s
                                        .arg(recordRow::joins(), matching->condition));
    if (!count)
        return std::unexpected(count.error());
    int at = 0;
    count->bindValue(at++, after);
    count->bindValue(at++, static_cast<int>(Direction::Incoming));
    for (const QVariant &value : matching->values)
        count->bindValue(at++, value);
    if (auto done = m_database.exec(*count); !done)
        return std::unexpected(done.error());
    return count->next() ? count->value(0).toLongLong() : 0;
}

Result<bool> HistoryReader::exists(const Filter &filter, Towards towards, qint64 cursor) const
{
    auto found = range(filter, towards, cursor, 1);
    if (!found)
        return std::unexpected(found.error());
    return !found->isEmpty();
}

Result<HistoryPage> HistoryReader::older(const HistoryScope &scope, std::optional<qint64> before,
                                         int limit) const
{
    if (auto valid = checkLimit(limit); !valid)
        return std::unexpected(valid.error());
    const auto where = filter(scope);
    if (!where)
        return std::unexpected(where.error());
    const qint64 cursor = before.value_or(position::newest);
    auto records = range(*where, Towards::Older, cursor, limit + 1);
    if (!records)
        return std::unexpected(records.error());
    HistoryPage page;
    page.hasOlder = records->size() > limit;
    if (page.hasOlder)
        records->removeLast();
    page.records = std::move(*records);
    if (before) {
        const auto newer = exists(*where, Towards::Newer, cursor);
        if (!newer)
            return std::unexpected(newer.error());
        page.hasNewer = *newer;
    }
    return page;
}

Result<HistoryPage> HistoryReader::newer(const HistoryScope &scope, qint64 after, int limit) const
{
    if (auto valid = checkLimit(limit); !valid)
        return std::unexpected(valid.error());
    const auto where = filter(scope);
    if (!where)
        return std::unexpected(where.error());
    auto records = range(*where, Towards::Newer, after + 1, limit + 1);
    if (!records)
        return std::unexpected(records.error());
    HistoryPage page;
    page.hasNewer = records->size() > limit;
    if (page.hasNewer)
        records->removeLast();
    std::reverse(records->begin(), records->end());
    page.records = std::move(*records);
    const auto olderExists = exists(*where, Towards::Older, after + 1);
    if (!olderExists)
        return std::unexpected(olderExists.error());
    page.hasOlder = *olderExists;
    return page;
}

Result<HistoryPage> HistoryReader::around(const HistoryScope &scope, qint64 anchor, int before,
                                          int after) const
{
    if (auto valid = checkLimit(qMin(before, after)); !valid)
        return std::unexpected(valid.error());
    const auto where = filter(scope);
    if (!where)
        return std::unexpected(where.error());
    auto newerPart = range(*where, Towards::Newer, anchor, after + 1);
    if (!newerPart)
        return std::unexpected(newerPart.error());
    auto olderPart = range(*where, Towards::Older, anchor, before + 1);
    if (!olderPart)
        return std::unexpected(olderPart.error());

    HistoryPage page;
    page.hasNewer = newerPart->size() > after;
    if (page.hasNewer)
        newerPart->removeLast();
    page.hasOlder = olderPart->size() > before;
    if (page.hasOlder)
        olderPart->removeLast();
    std::reverse(newerPart->begin(), newerPart->end());
    page.anchorIndex = static_cast<int>(newerPart->size()) - 1;
    page.records = std::move(*newerPart) + std::move(*olderPart);
    return page;
}

Result<qint64> HistoryReader::positionOf(const RecordKey &key) const
{
    auto found = record(key);
    if (!found)
        return std::unexpected(found.error());
    return found->position;
}

Result<StoredRecord> HistoryReader::record(const RecordKey &key) const
{
    auto find = m_database.prepare(
        u"SELECT %1 FROM %2 WHERE r.uid = ? AND r.sender = ?"_s.arg(recordRow::columns(), recordRow::joins()));
    if (!find)
        return std::unexpected(find.error());
    find->bindValue(0, key.id.toRfc4122());
    find->bindValue(1, key.sender);
    if (auto done = m_database.exec(*find); !done)
        return std::unexpected(done.error());
    if (!find->next())
        return fail(ErrorCode::NotFound, u"no record %1 from %2 in this history"_s.arg(key.id.toString(QUuid::WithoutBraces),
                                                                                    key.sender));
    return recordRow::decode(*find);
}

Result<QList<DeviceSummary>> HistoryReader::devices() const
{
    QSqlQuery select = m_database.query();
    if (!select.exec(u"SELECT device_id, name, platform, record_count FROM devices"
                     " ORDER BY record_count DESC, device_id"_s))
        return std::unexpected(m_database.error(select.lastError(), u"list devices"_s));
    QList<DeviceSummary> devices;
    while (select.next()) {
        DeviceSummary summary;
        summary.device = {select.value(0).toString(), select.value(1).toString(), select.value(2).toString()};
        summary.label = summary.device.name.isEmpty() ? recordRow::fallbackLabel(summary.device.id)
                                                      : summary.device.name;
        summary.recordCount = select.value(3).toLongLong();
        devices.append(summary);
    }
    return devices;
}

Result<QList<ConversationSummary>> HistoryReader::conversations() const
{
    QSqlQuery select = m_database.query();
    if (!select.exec(u"SELECT account, contact, record_count, last_position FROM conversations"
                     " WHERE record_count > 0 ORDER BY last_position DESC"_s))
        return std::unexpected(m_database.error(select.lastError(), u"list conversations"_s));
    QList<ConversationSummary> conversations;
    while (select.next())
        conversations.append({select.value(0).toString(), select.value(1).toString(),
                              select.value(2).toLongLong(), select.value(3).toLongLong()});
    return conversations;
}

} // namespace huiji

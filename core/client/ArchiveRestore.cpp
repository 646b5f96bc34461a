#include "client/ArchiveRestore.h"

#include "client/Profile.h"
#include "client/Session.h"

#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

#include <QCborArray>
#include <QCborValue>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

ArchiveRestore::ArchiveRestore(Session &session, QObject *parent) : QObject(parent), m_session(session) {}

void ArchiveRestore::start(const QByteArray &password, bool fromStart)
{
    m_password = password;
    m_merged = 0;
    m_added = 0;
    if (fromStart)
        m_session.profile().setRestoreCursor({});
    askNext();
}

void ArchiveRestore::askNext()
{
    Profile &profile = m_session.profile();
    QCborMap body;
    if (const QByteArray cursor = profile.restoreCursor(); !cursor.isEmpty())
        body.insert(u"after"_s, QCborValue::fromCbor(cursor));
    if (!m_password.isEmpty())
        body.insert(u"password"_s, QString::fromUtf8(std::exchange(m_password, {})));
    m_session.request(wire::archiveRestore, body, [this](Result<QCborMap> answer) {
        if (!answer) {
            emit failed(answer.error());
            return;
        }
        Profile &own = m_session.profile();
        QList<Record> records;
        for (const QCborValue &value : answer->value(u"records"_s).toArray()) {
            auto record = RecordCbor::fromCbor(value.toMap());
            if (!record || record->account != own.user()) {
                emit failed({ErrorCode::InvalidRecord, u"the server's archive sent a record that is not this account's"_s});
                return;
            }
            records.append(*record);
        }
        QList<DeviceInfo> devices;
        for (const QCborValue &device : answer->value(u"devices"_s).toArray())
            devices.append(wire::deviceInfoFromCbor(device.toMap()));
        auto merged = own.history().merge(records, devices);
        if (!merged) {
            emit failed(merged.error());
            return;
        }
        m_merged += records.size();
        m_added += merged->added;
        const bool done = answer->value(u"done"_s).toBool();
        // Kept only after the page is committed: a crash before repeats the page, never skips it.
        own.setRestoreCursor(done ? QByteArray() : answer->value(u"next"_s).toCbor());
        emit progress(m_merged, m_added);
        if (done)
            emit finished(m_merged, m_added);
        else
            askNext();
    });
}

} // namespace huiji

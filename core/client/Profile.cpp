#include "client/Profile.h"

#include "sql/PrivateFiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QSysInfo>
#include <QUuid>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// The first real interface's hardware address, or nothing on machines without one.
QString macAddress()
{
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces())
        if (!interface.flags().testFlag(QNetworkInterface::IsLoopBack) && !interface.hardwareAddress().isEmpty()
            && interface.hardwareAddress() != u"00:00:00:00:00:00"_s)
            return interface.hardwareAddress();
    return {};
}

} // namespace

Profile::Profile(QString directory, std::unique_ptr<HistoryStore> history)
    : m_directory(std::move(directory)), m_history(std::move(history)),
      m_settings(std::make_unique<QSettings>(QDir(m_directory).filePath(u"profile.ini"_s), QSettings::IniFormat))
{
    if (m_settings->value(u"device/id"_s).toString().isEmpty()) {
        m_settings->setValue(u"device/id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_settings->setValue(u"device/name"_s, QHostInfo::localHostName());
        QByteArray salt(16, Qt::Uninitialized);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), 4);
        m_settings->setValue(u"device/salt"_s, salt.toHex());
        m_settings->sync();
    }
}

Profile::~Profile() = default;

Result<std::unique_ptr<Profile>> Profile::open(const QString &directory)
{
    const QString path = QDir(directory).absolutePath();
    // The user's alone (0700), with its files 0600 (the stores do theirs when they open them).
    if (!PrivateFiles::makeFolder(path) || !PrivateFiles::makeFile(QDir(path).filePath(u"profile.ini"_s)))
        return fail(ErrorCode::ReadOnly, u"cannot create the profile folder %1 for this user alone"_s.arg(path));
    auto history = HistoryStore::open(QDir(path).filePath(u"history.sqlite"_s));
    if (!history)
        return std::unexpected(history.error());
    std::unique_ptr<Profile> profile(new Profile(path, std::move(*history)));
    if (auto adopted = profile->adoptQueueFiles(); !adopted)
        return std::unexpected(adopted.error());
    return profile;
}

Result<void> Profile::adoptQueueFiles()
{
    // Profiles of before store schema 4 kept each queue in a file of its own, and wrote a message
    // to the outbox before the history: one that a crash cut off between the two is in the outbox
    // only, and goes into the history as it is taken over.
    const QDir folder(m_directory);
    if (const QString old = folder.filePath(u"outbox.sqlite"_s); QFile::exists(old)) {
        if (auto adopted = outbox().adopt(old); !adopted)
            return adopted;
        auto pending = outbox().pending();
        if (!pending)
            return std::unexpected(pending.error());
        if (auto merged = m_history->merge(*pending, {device()}); !merged)
            return std::unexpected(merged.error());
    }
    if (const QString old = folder.filePath(u"forward.sqlite"_s); QFile::exists(old))
        return forwardQueue().adopt(old);
    return {};
}

QString Profile::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(u"huiji/default"_s);
}

DeviceInfo Profile::device() const
{
    return {m_settings->value(u"device/id"_s).toString(), m_settings->value(u"device/name"_s).toString(),
            QSysInfo::productType()};
}

QString Profile::macHash() const
{
    const QByteArray salt = QByteArray::fromHex(m_settings->value(u"device/salt"_s).toByteArray());
    return QString::fromLatin1(
        QCryptographicHash::hash(salt + macAddress().toLatin1(), QCryptographicHash::Sha256).toHex());
}

void Profile::setDeviceName(const QString &name)
{
    m_settings->setValue(u"device/name"_s, name);
    m_settings->sync();
}

QString Profile::serverHost() const
{
    return m_settings->value(u"server/host"_s).toString();
}

quint16 Profile::serverPort() const
{
    return static_cast<quint16>(m_settings->value(u"server/port"_s, 7468).toUInt());
}

QString Profile::user() const
{
    return m_settings->value(u"server/user"_s).toString();
}

void Profile::setServer(const QString &host, quint16 port, const QString &user)
{
    if (host != serverHost() || port != serverPort())
        m_settings->remove(u"server/fingerprint"_s); // another server: pin its certificate afresh
    m_settings->setValue(u"server/host"_s, host);
    m_settings->setValue(u"server/port"_s, port);
    m_settings->setValue(u"server/user"_s, user);
    m_settings->sync();
}

QString Profile::pinnedFingerprint() const
{
    return m_settings->value(u"server/fingerprint"_s).toString();
}

void Profile::pinFingerprint(const QString &fingerprint)
{
    m_settings->setValue(u"server/fingerprint"_s, fingerprint);
    m_settings->sync();
}

bool Profile::directLinks() const
{
    return m_settings->value(u"links/enabled"_s, false).toBool();
}

void Profile::setDirectLinks(bool enabled)
{
    m_settings->setValue(u"links/enabled"_s, enabled);
    m_settings->sync();
}

QString Profile::linkCertificatePath() const
{
    return QDir(m_directory).filePath(u"link-certificate.pem"_s);
}

QString Profile::linkKeyPath() const
{
    return QDir(m_directory).filePath(u"link-key.pem"_s);
}

CollectionProgress Profile::collectionProgress() const
{
    return {m_settings->value(u"collection/terminal"_s).toString(),
            m_settings->value(u"collection/since"_s).toLongLong(),
            m_settings->value(u"collection/cursor"_s).toLongLong(),
            m_settings->value(u"collection/complete"_s).toBool()};
}

void Profile::setCollectionProgress(const CollectionProgress &progress)
{
    m_settings->setValue(u"collection/terminal"_s, progress.terminal);
    m_settings->setValue(u"collection/since"_s, progress.since);
    m_settings->setValue(u"collection/cursor"_s, progress.cursor);
    m_settings->setValue(u"collection/complete"_s, progress.complete);
    m_settings->sync();
}

QStringList Profile::syncedTerminals() const
{
    return m_settings->value(u"sync/terminals"_s).toStringList();
}

void Profile::setSyncedTerminals(const QStringList &terminals)
{
    m_settings->setValue(u"sync/terminals"_s, terminals);
    m_settings->sync();
}

QHash<QString, int> Profile::deviceHues() const
{
    QHash<QString, int> hues;
    const QVariantMap kept = m_settings->value(u"devices/hues"_s).toMap();
    for (auto it = kept.cbegin(); it != kept.cend(); ++it)
        hues.insert(it.key(), it.value().toInt());
    return hues;
}

void Profile::setDeviceHues(const QHash<QString, int> &hues)
{
    QVariantMap kept;
    for (auto it = hues.cbegin(); it != hues.cend(); ++it)
        kept.insert(it.key(), it.value());
    m_settings->setValue(u"devices/hues"_s, kept);
    m_settings->sync();
}

QByteArray Profile::restoreCursor() const
{
    return m_settings->value(u"restore/cursor"_s).toByteArray();
}

void Profile::setRestoreCursor(const QByteArray &cursor)
{
    m_settings->setValue(u"restore/cursor"_s, cursor);
    m_settings->sync();
}

} // namespace huiji

#include "client/CredentialStore.h"

#include <QEventLoop>

#include <qt6keychain/keychain.h>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

const QString service = u"Huiji"_s;

// Runs a keychain job to its end and turns its error into ours.
Result<void> run(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound)
        return {};
    return fail(ErrorCode::StorageFailure, u"the keychain refused: %1"_s.arg(job.errorString()));
}

} // namespace

QString CredentialStore::keyFor(const QString &user, const QString &host, quint16 port)
{
    return u"%1@%2:%3"_s.arg(user, host).arg(port);
}

QString CredentialStore::deviceKeyFor(const QString &user, const QString &host, quint16 port, const QString &deviceId)
{
    return u"%1 device %2"_s.arg(keyFor(user, host, port), deviceId);
}

Result<std::optional<QByteArray>> CredentialStore::read(const QString &key)
{
    QKeychain::ReadPasswordJob job(service);
    job.setKey(key);
    if (auto done = run(job); !done)
        return std::unexpected(done.error());
    if (job.error() == QKeychain::EntryNotFound)
        return std::nullopt;
    return job.binaryData();
}

Result<void> CredentialStore::write(const QString &key, const QByteArray &password)
{
    QKeychain::WritePasswordJob job(service);
    job.setKey(key);
    job.setBinaryData(password);
    return run(job);
}

Result<void> CredentialStore::remove(const QString &key)
{
    QKeychain::DeletePasswordJob job(service);
    job.setKey(key);
    return run(job);
}

} // namespace huiji

#pragma once

// An in-process huijid on port 0 and client devices with their own profiles, for the tests of the
// client engine against a real server. Header-only: each suite is one executable.

#include "client/Profile.h"
#include "client/Session.h"
#include "server/net/Server.h"

#include "protocol/RecordId.h"
#include "protocol/Wire.h"

#include "../common/TestVerify.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

// Network steps here finish in milliseconds; the generous limit only matters when one hangs.
inline constexpr int networkTimeoutMs = 30'000;

class TestServer
{
public:
    explicit TestServer(const QString &directory, ServerConfig config = {})
    {
        config.dataDirectory = directory;
        config.address = QHostAddress::LocalHost;
        config.port = m_port;
        m_config = config;
    }

    bool start()
    {
        auto server = Server::start(m_config);
        if (!server) {
            qWarning("server did not start: %s", qPrintable(server.error().message));
            return false;
        }
        m_server = std::move(*server);
        m_config.port = m_server->port(); // a restart comes back on the same port
        return true;
    }
    void stop() { m_server.reset(); }

    Server &server() { return *m_server; }
    quint16 port() const { return m_config.port; }
    ServerConfig &config() { return m_config; }

private:
    ServerConfig m_config;
    quint16 m_port = 0;
    std::unique_ptr<Server> m_server;
};

// One device of one account: a profile folder and a session.
class TestDevice
{
public:
    // With the server's fingerprint, the profile trusts it from the start, as a user who was given
    // it does; without, the first logIn() trusts what it is shown.
    TestDevice(const QString &directory, const QString &name, const QString &user, quint16 port,
               const QString &fingerprint = {})
    {
        auto profile = Profile::open(directory);
        if (!profile)
            qFatal("cannot open the profile: %s", qPrintable(profile.error().message));
        m_profile = std::move(*profile);
        m_profile->setDeviceName(name);
        m_profile->setServer(u"127.0.0.1"_s, port, user);
        if (!fingerprint.isEmpty() && m_profile->pinnedFingerprint().isEmpty())
            m_profile->pinFingerprint(fingerprint);
        m_session = std::make_unique<Session>(*m_profile);
        m_session->setRetryDelays(50, 400);
        // The person at this device looks at the first certificate and trusts it; the tests of a
        // changed certificate pin their own.
        QObject::connect(m_session.get(), &Session::certificateUnconfirmed, m_session.get(),
                         [this](const QString &presented) { m_session->acceptFingerprint(presented); });
    }

    Profile &profile() { return *m_profile; }
    Session &session() { return *m_session; }
    QString id() const { return m_profile->device().id; }

    // Logs in (registering first when asked) and waits until the device step is done.
    bool logIn(const QByteArray &password, bool createAccount = false)
    {
        QSignalSpy ready(m_session.get(), &Session::ready);
        QSignalSpy failed(m_session.get(), &Session::failed);
        m_session->start(password, createAccount);
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, networkTimeoutMs))
            return false;
        if (ready.isEmpty() && failed.first().first().value<Error>().code == ErrorCode::CertificateUnconfirmed) {
            failed.clear(); // confirmed now: again, and this time the password goes
            m_session->start(password, createAccount);
            if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, networkTimeoutMs))
                return false;
        }
        if (!failed.isEmpty())
            qWarning("login failed: %s", qPrintable(failed.first().first().value<Error>().message));
        return !ready.isEmpty();
    }

    // Sends a request and waits for its answer.
    Result<QCborMap> ask(const QString &type, const QCborMap &body = {})
    {
        std::optional<Result<QCborMap>> answer;
        m_session->request(type, body, [&](Result<QCborMap> result) { answer = std::move(result); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, networkTimeoutMs))
            return fail(ErrorCode::NetworkFailure, u"no answer"_s);
        return *answer;
    }

    bool goOffline()
    {
        m_session->stop();
        return QTest::qWaitFor([&] { return m_session->state() == Session::State::Offline; }, networkTimeoutMs);
    }

private:
    std::unique_ptr<Profile> m_profile;
    std::unique_ptr<Session> m_session;
};

// One test function's world: a temporary folder with the server's data and each device's
// profile, and a server started in it on port 0. Stop it after the devices are gone.
class TestSite
{
public:
    bool start(ServerConfig config = {})
    {
        m_directory = std::make_unique<QTemporaryDir>();
        if (!m_directory->isValid())
            return false;
        m_server = std::make_unique<TestServer>(path(u"server"_s), std::move(config));
        return m_server->start();
    }
    void stop()
    {
        m_server.reset();
        m_directory.reset();
    }

    QString path(const QString &name) const { return m_directory->filePath(name); }
    TestServer &server() { return *m_server; }
    // A device whose profile is the folder `name`: the same name is the same device again.
    std::unique_ptr<TestDevice> device(const QString &name, const QString &user) const
    {
        return std::make_unique<TestDevice>(path(name), name, user, m_server->port(),
                                            m_server->server().fingerprint());
    }

private:
    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TestServer> m_server;
};

// A password of this run only, so that no test leans on a known one.
inline QByteArray testPassword(const char *user)
{
    return QByteArray(user) + '-' + QByteArray::number(QRandomGenerator::global()->generate());
}

// A request body with the account password again, as the sensitive requests take it.
inline QCborMap withPassword(QCborMap body, const QByteArray &password)
{
    body.insert(u"password"_s, QString::fromUtf8(password));
    return body;
}

// What alice wrote to bob just now, as a device of hers would hand it over or send it.
inline Record aliceToBob(const QString &body, const QString &device)
{
    Record record;
    record.deviceTime = QDateTime::currentMSecsSinceEpoch();
    record.id = RecordId::create(record.deviceTime);
    record.account = u"alice"_s;
    record.contact = u"bob"_s;
    record.sender = u"alice"_s;
    record.body = body;
    record.originDevice = device;
    return record;
}

// Everything a device's store holds for its account (with one contact only, when given), oldest first.
inline QList<StoredRecord> storedRecords(TestDevice &device, const QString &contact = {})
{
    auto page = device.profile().history().older({device.profile().user(), contact, {}}, std::nullopt, 1'000'000);
    if (!page)
        return {};
    QList<StoredRecord> records = page->records;
    std::reverse(records.begin(), records.end());
    return records;
}

inline QList<QUuid> idsOf(const QList<StoredRecord> &records)
{
    QList<QUuid> ids;
    for (const StoredRecord &stored : records)
        ids.append(stored.record.id);
    return ids;
}

inline bool hasContact(TestDevice &device, const QString &user, wire::ContactState state)
{
    const QList<wire::ContactEntry> contacts = device.session().contacts();
    return std::ranges::any_of(contacts, [&](const wire::ContactEntry &entry) {
        return entry.user == user && entry.state == state;
    });
}

// `from` asks, `to` accepts, and both devices see the result pushed.
inline void makeContacts(TestDevice &from, TestDevice &to)
{
    const QString fromUser = from.profile().user();
    const QString toUser = to.profile().user();
    auto asked = from.ask(wire::contactAdd, QCborMap{{u"user"_s, toUser}});
    HUIJI_VERIFY_OK(asked);
    QCOMPARE(asked->value(u"state"_s).toString(), u"outgoing"_s);
    QTRY_VERIFY_WITH_TIMEOUT(hasContact(to, fromUser, wire::ContactState::Incoming), networkTimeoutMs);
    auto accepted = to.ask(wire::contactAccept, QCborMap{{u"user"_s, fromUser}});
    HUIJI_VERIFY_OK(accepted);
    QTRY_VERIFY_WITH_TIMEOUT(hasContact(from, toUser, wire::ContactState::Accepted), networkTimeoutMs);
}

} // namespace huiji

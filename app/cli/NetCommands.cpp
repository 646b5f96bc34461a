#include "NetCommands.h"

#include "CollectionReport.h"
#include "CollectionRound.h"
#include "TerminalPassword.h"

#include "client/CredentialStore.h"
#include "client/Profile.h"
#include "client/Session.h"
#include "protocol/Wire.h"

#include <QAbstractEventDispatcher>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

NetCommands::NetCommands(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

bool NetCommands::waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    // What done() reads changes only in the handlers of events, so it is asked each time the loop
    // has handled what there was and is about to sleep: the process sleeps in the kernel until the
    // next packet or timer instead of polling (processEvents with a time does not wait at all).
    QEventLoop loop;
    QObject::connect(QAbstractEventDispatcher::instance(loop.thread()), &QAbstractEventDispatcher::aboutToBlock, &loop,
                     [&] {
                         if (done())
                             loop.quit();
                     });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    if (timeoutMs != noDeadline)
        deadline.start(timeoutMs);
    loop.exec();
    return done();
}

QString NetCommands::localTime(qint64 millis)
{
    return QDateTime::fromMSecsSinceEpoch(millis).toString(u"yyyy-MM-dd HH:mm"_s);
}

bool NetCommands::handles(const QString &command)
{
    static const QStringList commands = {u"register"_s, u"login"_s,   u"logout"_s, u"contacts"_s, u"send"_s,
                                         u"listen"_s,   u"sync"_s,    u"devices"_s,          u"storage-terminal"_s,
                                         u"server-fingerprint"_s, u"collect"_s,
                                         u"archive"_s,  u"restore"_s, u"direct"_s, u"forwarding"_s};
    return commands.contains(command);
}

QString NetCommands::usage()
{
    return tr("  register --server HOST[:PORT] --user NAME [--name DEVICE] [--fingerprint FP] [--remember]\n"
              "                            create an account on a server and log this profile in\n"
              "  login --server HOST[:PORT] --user NAME [--name DEVICE] [--fingerprint FP] [--remember]\n"
              "                            log this profile (one device) in; it gets a sign-in of its own,\n"
              "                            kept in the keychain, and later commands need no password\n"
              "  logout                    sign this device out: the server revokes its sign-in and the\n"
              "                            keychain forgets it (and the saved password)\n"
              "  contacts [add|accept|remove USER]\n"
              "  send CONTACT TEXT...      send a message (kept in the outbox until the server has it;\n"
              "                            one it refuses, to a non-contact say, is kept as not sent);\n"
              "                            with direct links on, over a link to the contact's device\n"
              "                            when one opens within 5 seconds, and says which way it went\n"
              "  listen [--count N]        print messages as they arrive (with direct links on, also\n"
              "                            those a contact's device sends over a link, marked direct)\n"
              "  sync                      receive everything the server holds for this device, and hand\n"
              "                            over what the storage terminal may lack when the server asks\n"
              "  collect                   on the storage terminal: ask the account's online devices for\n"
              "                            what they hold; elsewhere: hand it over if the server asks\n"
              "  devices [--sort frequency|recency] [--window DAYS]\n"
              "                            this account's devices as the server knows them\n"
              "  devices revoke ID | --others\n"
              "                            sign another device (or every other one) out at once\n"
              "  storage-terminal show | set --this|--device ID [--secondary] | promote --this|--device ID\n"
              "                   | remove --this|--device ID | clear\n"
              "                            the primary and secondary storage terminals (promote: make a\n"
              "                            secondary, or any device, the primary)\n"
              "  archive [show] | on [--retention DAYS] | off\n"
              "                            the server as a secondary storage terminal (0 days: forever)\n"
              "  restore [--from-start]    fill this device's store from the server's archive (resumes)\n"
              "  server-fingerprint        the pinned certificate fingerprint of this profile's server\n"
              "  direct [on|off]           direct links to contacts' devices (send, listen, and every\n"
              "                            command while it runs, from the next login)\n"
              "  forwarding [at-once | interval MINUTES | threshold CHARACTERS | on-close]\n"
              "                            when devices that are not the storage terminal forward what\n"
              "                            direct links carried (an account setting)\n"
              "Passwords come from the keychain (saved with --remember), --password-file FILE, or a prompt.\n"
              "storage-terminal set, promote, remove and clear, archive on and off, restore, and devices\n"
              "revoke need the password again: from --password-file FILE or a prompt, never the keychain.\n"
              "The first connection to a server trusts its certificate only with --fingerprint FP (huijid\n"
              "fingerprint prints it on the server) or when you confirm it on a terminal.\n");
}

int NetCommands::run(const CliRequest &request)
{
    using Command = int (NetCommands::*)(const CliRequest &);
    const std::pair<QString, Command> commands[] = {
        {u"register"_s, &NetCommands::logIn},          {u"login"_s, &NetCommands::logIn},
        {u"logout"_s, &NetCommands::logOut},
        {u"contacts"_s, &NetCommands::contacts},       {u"send"_s, &NetCommands::send},
        {u"listen"_s, &NetCommands::listen},           {u"sync"_s, &NetCommands::sync},
        {u"collect"_s, &NetCommands::collect},
        {u"devices"_s, &NetCommands::devices},         {u"storage-terminal"_s, &NetCommands::storageTerminal},
        {u"server-fingerprint"_s, &NetCommands::serverFingerprint},
        {u"archive"_s, &NetCommands::archive},         {u"restore"_s, &NetCommands::restore},
        {u"direct"_s, &NetCommands::direct},           {u"forwarding"_s, &NetCommands::forwarding},
    };
    for (const auto &[name, command] : commands)
        if (name == request.command)
            return (this->*command)(request);
    return Usage;
}

int NetCommands::exitCodeFor(const Error &error)
{
    m_err << error.message << '\n';
    switch (error.code) {
    case ErrorCode::BadCredentials:
    case ErrorCode::RegistrationClosed:
    case ErrorCode::AlreadyExists:
        return AuthFailure;
    case ErrorCode::NetworkFailure:
    case ErrorCode::UnsupportedVersion:
        return NetworkFailure;
    case ErrorCode::CertificateChanged:
    case ErrorCode::CertificateUnconfirmed:
        return Untrusted;
    case ErrorCode::RateLimited: // the message says how long to wait
    case ErrorCode::Busy:
        return Throttled;
    case ErrorCode::InvalidArgument:
        return Usage;
    default:
        return Failure;
    }
}

void NetCommands::print(const CliRequest &request, const QJsonObject &json, const QString &text)
{
    if (request.json)
        m_out << QJsonDocument(json).toJson(QJsonDocument::Compact) << '\n';
    else
        m_out << text;
}

int NetCommands::online(const CliRequest &request, bool createAccount, const Body &body,
                        const std::function<void(Session &)> &before)
{
    auto profile = Profile::open(request.profile);
    if (!profile)
        return exitCodeFor(profile.error());
    if ((*profile)->serverHost().isEmpty() || (*profile)->user().isEmpty()) {
        m_err << tr("This profile has no server yet: run huiji-cli login --server HOST --user NAME first.") << '\n';
        return Usage;
    }
    Session session(**profile);
    session.setRetryDelays(500, 2000);
    if (!request.fingerprint.isEmpty()) {
        const QString expected = Session::normalizedFingerprint(request.fingerprint);
        if (expected.isEmpty()) {
            m_err << tr("--fingerprint takes the SHA-256 fingerprint that huijid fingerprint prints.") << '\n';
            return Usage;
        }
        session.expectFingerprint(expected);
    }
    // login and register log in with the password, whatever the keychain holds.
    const bool withPassword = createAccount || request.command == u"login"_s;
    const QString key = CredentialStore::keyFor((*profile)->user(), (*profile)->serverHost(), (*profile)->serverPort());
    Result<QByteArray> password = QByteArray(); // none needed: this device logs in with its credential
    if (!request.passwordFile.isEmpty()) {
        password = TerminalPassword::fromFile(request.passwordFile);
    } else if (withPassword || !session.hasCredential()) {
        auto saved = createAccount ? Result<std::optional<QByteArray>>(std::nullopt) : CredentialStore::read(key);
        if (saved && *saved)
            password = **saved;
        else
            password = TerminalPassword::prompt(tr("Password for %1: ").arg((*profile)->user()));
    }
    if (!password)
        return exitCodeFor(password.error());

    std::optional<Error> failure;
    bool ready = false;
    QObject::connect(&session, &Session::failed, [&](const Error &error) { failure = error; });
    QObject::connect(&session, &Session::ready, [&] { ready = true; });
    QString unconfirmed;
    QObject::connect(&session, &Session::certificateUnconfirmed, [&](const QString &presented) { unconfirmed = presented; });
    QObject::connect(&session, &Session::retryScheduled, [&] {
        failure = Error{ErrorCode::NetworkFailure,
                        tr("cannot reach the server at %1 port %2").arg((*profile)->serverHost()).arg((*profile)->serverPort())};
    });
    if (before)
        before(session);
    const auto start = [&] {
        if (withPassword)
            session.startWithPassword(*password, createAccount);
        else
            session.start(*password);
    };
    start();
    if (!waitUntil([&] { return ready || failure.has_value(); }))
        failure = Error{ErrorCode::NetworkFailure, tr("the server did not answer")};
    if (!ready && failure && failure->code == ErrorCode::CertificateUnconfirmed) {
        if (!confirmCertificate(session, unconfirmed)) {
            failure = Error{ErrorCode::CertificateUnconfirmed,
                            tr("Not connected: this profile has not trusted the server's certificate yet, and nothing "
                               "was sent to it. Give --fingerprint FP (huijid fingerprint prints it on the server), or "
                               "run this on a terminal to compare it yourself.")};
        } else {
            failure.reset();
            start();
            if (!waitUntil([&] { return ready || failure.has_value(); }))
                failure = Error{ErrorCode::NetworkFailure, tr("the server did not answer")};
        }
    }
    if (!ready) {
        session.stop();
        return exitCodeFor(*failure);
    }
    if (request.remember && !password->isEmpty())
        if (auto saved = CredentialStore::write(key, *password); !saved)
            m_err << tr("Logged in, but the password was not saved: %1").arg(saved.error().message) << '\n';
    password->fill('\0');
    const int code = body(session, **profile);
    // Forwards what direct links carried (claim 12), then writes what is pending (acks) and closes.
    session.finish();
    waitUntil([&] { return session.state() == Session::State::Offline; });
    return code;
}

bool NetCommands::confirmCertificate(Session &session, const QString &presented)
{
    const auto trusted = TerminalPassword::confirm(
        tr("This profile has not connected to this server before. Its certificate's SHA-256 fingerprint is\n"
           "  %1\nCompare it with what huijid fingerprint prints on the server. Trust it and log in? [y/N] ")
            .arg(presented));
    if (!trusted || !*trusted)
        return false;
    session.acceptFingerprint(presented);
    return true;
}

Result<QString> NetCommands::reauthPassword(const CliRequest &request)
{
    auto typed = !request.passwordFile.isEmpty()
                     ? TerminalPassword::fromFile(request.passwordFile)
                     : TerminalPassword::prompt(tr("This needs your account password again: "));
    if (!typed && request.passwordFile.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("this command needs the account password again: give "
                                                   "--password-file FILE, or run it on a terminal"));
    if (!typed)
        return std::unexpected(typed.error());
    const QString password = QString::fromUtf8(*typed);
    typed->fill('\0');
    return password;
}

Result<QCborMap> NetCommands::ask(Session &session, const QString &type, const QCborMap &body)
{
    std::optional<Result<QCborMap>> answer;
    session.request(type, body, [&](Result<QCborMap> result) { answer = std::move(result); });
    if (!waitUntil([&] { return answer.has_value(); }))
        return fail(ErrorCode::NetworkFailure, tr("the server did not answer"));
    return *answer;
}

std::optional<Error> NetCommands::finishCollection(const CollectionReport &report)
{
    while (!report.isDone()) {
        const qint64 acked = report.batches();
        if (!waitUntil([&] { return report.isDone() || report.batches() != acked; }))
            return Error{ErrorCode::NetworkFailure, tr("the server stopped answering while records were handed over")};
    }
    return report.error();
}

int NetCommands::logIn(const CliRequest &request)
{
    if (request.server.isEmpty() || request.user.isEmpty()) {
        m_err << tr("%1 needs --server HOST[:PORT] and --user NAME.").arg(request.command) << '\n';
        return Usage;
    }
    const qsizetype colon = request.server.lastIndexOf(u':');
    bool portOk = true;
    const quint16 port = colon < 0 ? quint16{7468} : request.server.mid(colon + 1).toUShort(&portOk);
    if (!portOk || port == 0) {
        m_err << tr("The port in --server must be a number from 1 to 65535.") << '\n';
        return Usage;
    }
    {
        auto profile = Profile::open(request.profile);
        if (!profile)
            return exitCodeFor(profile.error());
        (*profile)->setServer(colon < 0 ? request.server : request.server.left(colon), port, request.user);
        if (!request.deviceName.isEmpty())
            (*profile)->setDeviceName(request.deviceName);
    }
    std::unique_ptr<CollectionReport> report;
    const auto watch = [&](Session &session) {
        report = std::make_unique<CollectionReport>(session, request.json ? nullptr : &m_err);
    };
    return online(
        request, request.command == u"register"_s,
        [&](Session &session, Profile &profile) {
            if (!session.hasCredential())
                m_err << tr("Logged in, but the keychain did not keep this device's sign-in: the next command "
                            "needs the password again.")
                      << '\n';
            const std::optional<Error> failed = finishCollection(*report);
            QJsonObject json{{u"user"_s, profile.user()},
                             {u"device"_s, profile.device().id},
                             {u"storageTerminal"_s, session.isStorageTerminal()},
                             {u"fingerprint"_s, profile.pinnedFingerprint()}};
            if (report->ran())
                json.insert(u"collection"_s, report->json());
            print(request, json,
                  tr("Logged in as %1 on %2 (this device: %3, %4).\nServer certificate: %5\n")
                          .arg(profile.user(), profile.serverHost(), profile.device().name,
                               session.isStorageTerminal() ? tr("the storage terminal") : tr("not the storage terminal"),
                               profile.pinnedFingerprint())
                      + (report->ran() ? report->text() : QString()));
            return failed ? exitCodeFor(*failed) : int(Ok);
        },
        watch);
}

int NetCommands::logOut(const CliRequest &request)
{
    bool signedIn = false;
    {
        auto profile = Profile::open(request.profile);
        if (!profile)
            return exitCodeFor(profile.error());
        signedIn = Session(**profile).hasCredential();
    }
    // Without a sign-in here there is nothing to revoke, and no password is asked for.
    const int code = !signedIn ? int(Ok) : online(request, false, [&](Session &session, Profile &) {
        std::optional<Result<void>> signedOut;
        session.signOut([&](Result<void> done) { signedOut = std::move(done); });
        if (!waitUntil([&] { return signedOut.has_value(); }))
            signedOut = fail(ErrorCode::NetworkFailure, tr("the server did not answer"));
        return *signedOut ? int(Ok) : exitCodeFor(signedOut->error());
    });
    // Forgotten here whatever the server said: what could not be revoked there still ends here.
    auto profile = Profile::open(request.profile);
    if (!profile)
        return exitCodeFor(profile.error());
    Session forgetting(**profile);
    const Result<void> credential = forgetting.forgetCredential();
    const Result<void> password = CredentialStore::remove(
        CredentialStore::keyFor((*profile)->user(), (*profile)->serverHost(), (*profile)->serverPort()));
    if (!credential || !password)
        m_err << tr("The keychain did not forget this device's sign-in: %1")
                     .arg((credential ? password.error() : credential.error()).message)
              << '\n';
    if (!signedIn)
        print(request, {{u"loggedOut"_s, true}, {u"revoked"_s, false}},
              tr("This device was not signed in here; the saved password, if any, is forgotten.\n"));
    else if (code == Ok)
        print(request, {{u"loggedOut"_s, true}, {u"revoked"_s, true}},
              tr("Logged out: the server revoked this device's sign-in, and the keychain forgot it.\n"));
    else
        print(request, {{u"loggedOut"_s, true}, {u"revoked"_s, false}},
              tr("This device's sign-in was forgotten here, but the server was not told: it stays valid until "
                 "another device signs this one out, or it expires.\n"));
    return code;
}

int NetCommands::contacts(const CliRequest &request)
{
    const QString action = request.arguments.value(0);
    static const QHash<QString, QString> types = {{u"add"_s, wire::contactAdd}, {u"accept"_s, wire::contactAccept},
                                                  {u"remove"_s, wire::contactRemove}};
    if (!action.isEmpty() && (!types.contains(action) || request.arguments.size() != 2)) {
        m_err << tr("contacts takes no argument, or add, accept or remove and a user.") << '\n';
        return Usage;
    }
    return online(request, false, [&](Session &session, Profile &) {
        if (!action.isEmpty()) {
            auto answer = ask(session, types[action], QCborMap{{u"user"_s, request.arguments[1]}});
            if (!answer)
                return exitCodeFor(answer.error());
            const QString state = answer->value(u"state"_s).toString(u"removed"_s);
            print(request, {{u"user"_s, request.arguments[1]}, {u"state"_s, state}},
                  tr("%1: %2\n").arg(request.arguments[1], state));
            return int(Ok);
        }
        QJsonArray list;
        QString text;
        for (const wire::ContactEntry &contact : session.contacts()) {
            const QString state = wire::contactStateName(contact.state);
            list.append(QJsonObject{{u"user"_s, contact.user}, {u"state"_s, state}, {u"online"_s, contact.online}});
            text += u"%1  %2%3\n"_s.arg(contact.user, state, contact.online ? tr(", online") : QString());
        }
        print(request, {{u"contacts"_s, list}}, text.isEmpty() ? tr("No contacts yet.\n") : text);
        return int(Ok);
    });
}

int NetCommands::sync(const CliRequest &request)
{
    qint64 merged = 0;
    QSet<QString> devices;
    bool caughtUp = false;
    std::unique_ptr<CollectionReport> report;
    const auto watch = [&](Session &session) {
        report = std::make_unique<CollectionReport>(session, request.json ? nullptr : &m_err);
        QObject::connect(&session, &Session::recordsMerged, [&](const QList<Record> &records, qint64 remaining) {
            merged += records.size();
            for (const Record &record : records)
                devices.insert(record.originDevice);
            if (!request.json)
                m_err << tr("\rmerged %1, %2 to go").arg(merged).arg(remaining) << Qt::flush;
        });
        QObject::connect(&session, &Session::caughtUp, [&] { caughtUp = true; });
    };
    return online(
        request, false,
        [&](Session &session, Profile &) {
            if (!waitUntil([&] { return caughtUp || session.state() != Session::State::Online; }))
                return exitCodeFor({ErrorCode::NetworkFailure, tr("the server stopped sending before everything arrived")});
            if (!request.json && merged > 0)
                m_err << '\n';
            const std::optional<Error> failed = finishCollection(*report);
            QJsonObject json{{u"merged"_s, merged}, {u"devices"_s, devices.size()},
                             {u"storageTerminal"_s, session.isStorageTerminal()}};
            if (report->ran())
                json.insert(u"collection"_s, report->json());
            print(request, json,
                  tr("Merged %1 records from %2 devices.\n").arg(merged).arg(devices.size())
                      + (report->ran() ? report->text() : QString()));
            return failed ? exitCodeFor(*failed) : int(Ok);
        },
        watch);
}

int NetCommands::collect(const CliRequest &request)
{
    std::unique_ptr<CollectionReport> report;
    std::unique_ptr<CollectionRound> round;
    const auto watch = [&](Session &session) {
        report = std::make_unique<CollectionReport>(session, request.json ? nullptr : &m_err);
        round = std::make_unique<CollectionRound>(session);
    };
    return online(
        request, false,
        [&](Session &session, Profile &) {
            if (session.isStorageTerminal())
                return collectNow(request, session, *round);
            if (const std::optional<Error> failed = finishCollection(*report))
                return exitCodeFor(*failed);
            if (report->ran()) {
                print(request, {{u"collection"_s, report->json()}}, report->text());
            } else {
                print(request, {{u"collection"_s, QJsonValue()}},
                      session.terminalDevice()
                          ? tr("Nothing to hand over: the storage terminal has had this device's records. "
                               "It can ask again with huiji-cli collect.\n")
                          : tr("No storage terminal is set: there is nothing to collect for.\n"));
            }
            return int(Ok);
        },
        watch);
}

int NetCommands::collectNow(const CliRequest &request, Session &session, CollectionRound &round)
{
    auto answer = ask(session, wire::collectNow, {});
    if (!answer)
        return exitCodeFor(answer.error());
    const qint64 asked = answer->value(u"asked"_s).toInteger();
    // Each asked device reports after every batch; a device that stops reporting (gone offline)
    // is left to finish when the server asks it again.
    const auto connected = [&] { return session.state() == Session::State::Online; };
    while (!round.isComplete(asked) && connected()) {
        const qint64 seen = round.reports();
        if (!waitUntil([&] { return round.isComplete(asked) || round.reports() != seen || !connected(); }))
            break;
    }
    // The device list names the devices, and its answer comes after the deliveries of the new
    // records sent before it; those are merged on the next pass of the event loop, then the rest
    // is waited for.
    if (auto devices = ask(session, wire::devices, {})) {
        QHash<QString, QString> names;
        for (const QCborValue &entry : devices->value(u"devices"_s).toArray()) {
            const DeviceInfo info = wire::deviceEntryFromCbor(entry.toMap()).info;
            names.insert(info.id, info.name);
        }
        round.setDeviceNames(names);
    }
    bool settled = false;
    QTimer::singleShot(0, &session, [&settled] { settled = true; });
    waitUntil([&] { return settled; });
    waitUntil([&] { return round.isCaughtUp() || !connected(); });
    print(request, round.json(asked), round.text(asked));
    return int(Ok);
}

int NetCommands::revoke(const CliRequest &request)
{
    const QString deviceId = request.arguments.value(1);
    if (request.arguments.size() > 2 || request.others == !deviceId.isEmpty()) {
        m_err << tr("devices revoke takes a device id, or --others.") << '\n';
        return Usage;
    }
    auto password = reauthPassword(request);
    if (!password)
        return exitCodeFor(password.error());
    QCborMap body{{u"password"_s, *password}};
    if (request.others)
        body.insert(u"others"_s, true);
    else
        body.insert(u"device"_s, deviceId);
    return online(request, false, [&](Session &session, Profile &profile) {
        if (deviceId == profile.device().id) {
            m_err << tr("That is this device: huiji-cli logout signs it out.") << '\n';
            return int(Usage);
        }
        auto answer = ask(session, wire::deviceRevoke, body);
        if (!answer)
            return exitCodeFor(answer.error());
        QJsonArray ids;
        for (const QCborValue &id : answer->value(u"devices"_s).toArray())
            ids.append(id.toString());
        const qint64 revoked = answer->value(u"revoked"_s).toInteger();
        print(request, {{u"revoked"_s, revoked}, {u"devices"_s, ids}},
              tr("Signed out: %1 device(s) disconnected; each logs in again only with the password.\n").arg(revoked));
        return int(Ok);
    });
}

int NetCommands::devices(const CliRequest &request)
{
    if (request.arguments.value(0) == u"revoke"_s)
        return revoke(request);
    if (!request.arguments.isEmpty()) {
        m_err << tr("devices takes no argument, or revoke.") << '\n';
        return Usage;
    }
    if (!wire::deviceOrderFromName(request.sort) || request.window < 1) {
        m_err << tr("--sort is frequency or recency, and --window a number of days.") << '\n';
        return Usage;
    }
    return online(request, false, [&](Session &session, Profile &profile) {
        auto answer = ask(session, wire::devices, QCborMap{{u"sort"_s, request.sort}, {u"window"_s, request.window}});
        if (!answer)
            return exitCodeFor(answer.error());
        QJsonArray list;
        QString text = tr("%1 by %2 (uses in the last %3 days):\n").arg(profile.user(), request.sort).arg(request.window);
        for (const QCborValue &value : answer->value(u"devices"_s).toArray()) {
            const wire::DeviceEntry entry = wire::deviceEntryFromCbor(value.toMap());
            const bool mine = entry.info.id == profile.device().id;
            const QString role = wire::terminalRoleName(entry.role);
            list.append(QJsonObject{{u"id"_s, entry.info.id}, {u"name"_s, entry.info.name},
                                    {u"platform"_s, entry.info.platform}, {u"uses"_s, entry.uses},
                                    {u"firstSeen"_s, entry.firstSeen}, {u"lastSeen"_s, entry.lastSeen},
                                    {u"role"_s, role}, {u"online"_s, entry.online}, {u"this"_s, mine},
                                    {u"signedIn"_s, entry.signedIn}});
            text += u"%1 %2  %3  %4 uses, last %5%6%7%8\n  %9\n"_s.arg(mine ? u"*"_s : u" "_s, entry.info.name, entry.info.platform)
                        .arg(entry.uses)
                        .arg(localTime(entry.lastSeen),
                             entry.role == wire::TerminalRole::None ? QString() : tr(", %1 storage terminal").arg(role),
                             entry.online ? tr(", online") : QString(), entry.signedIn ? QString() : tr(", signed out"),
                             entry.info.id);
        }
        print(request, {{u"devices"_s, list}}, text);
        return int(Ok);
    });
}

int NetCommands::serverFingerprint(const CliRequest &request)
{
    auto profile = Profile::open(request.profile);
    if (!profile)
        return exitCodeFor(profile.error());
    const QString pinned = (*profile)->pinnedFingerprint();
    if (pinned.isEmpty()) {
        m_err << tr("This profile has not connected to a server yet.") << '\n';
        return Failure;
    }
    print(request, {{u"server"_s, (*profile)->serverHost()}, {u"port"_s, (*profile)->serverPort()}, {u"fingerprint"_s, pinned}},
          pinned + u'\n');
    return Ok;
}

int NetCommands::direct(const CliRequest &request)
{
    const QString action = request.arguments.value(0, u"show"_s);
    if (action != u"show"_s && action != u"on"_s && action != u"off"_s) {
        m_err << tr("direct takes on, off or nothing.") << '\n';
        return Usage;
    }
    auto profile = Profile::open(request.profile);
    if (!profile)
        return exitCodeFor(profile.error());
    if (action != u"show"_s)
        (*profile)->setDirectLinks(action == u"on"_s);
    const bool enabled = (*profile)->directLinks();
    print(request, {{u"direct"_s, enabled}},
          enabled ? tr("Direct links are on: send tries a link to the contact's device first, and contacts' "
                       "devices may connect to this one while a command runs.\n")
                  : tr("Direct links are off: every message goes through the server.\n"));
    return Ok;
}

int NetCommands::forwarding(const CliRequest &request)
{
    const QString mode = request.arguments.value(0);
    QCborMap wanted{{u"mode"_s, mode}};
    if (request.arguments.size() > 1) {
        bool isNumber = false;
        wanted.insert(u"amount"_s, request.arguments.at(1).toLongLong(&isNumber));
        if (!isNumber) {
            m_err << tr("forwarding interval and threshold take a whole number.") << '\n';
            return Usage;
        }
    }
    if (!mode.isEmpty())
        if (auto valid = wire::forwardingPolicyFromCbor(wanted); !valid)
            return exitCodeFor(valid.error());
    return online(request, false, [&](Session &session, Profile &) {
        auto answer = mode.isEmpty() ? ask(session, wire::forwardingGet, {}) : ask(session, wire::forwardingSet, wanted);
        if (!answer)
            return exitCodeFor(answer.error());
        auto policy = wire::forwardingPolicyFromCbor(*answer);
        if (!policy)
            return exitCodeFor(policy.error());
        QString text;
        switch (policy->mode) {
        case wire::ForwardingPolicy::Mode::AtOnce: text = tr("Direct-link records are forwarded at once.\n"); break;
        case wire::ForwardingPolicy::Mode::Interval:
            text = tr("Direct-link records are forwarded every %1 minutes.\n").arg(policy->amount);
            break;
        case wire::ForwardingPolicy::Mode::Threshold:
            text = tr("Direct-link records are forwarded once %1 characters have gathered.\n").arg(policy->amount);
            break;
        case wire::ForwardingPolicy::Mode::OnClose: text = tr("Direct-link records are forwarded when the client closes.\n"); break;
        }
        print(request, {{u"mode"_s, wire::forwardingModeName(policy->mode)}, {u"amount"_s, policy->amount}}, text);
        return int(Ok);
    });
}

} // namespace huiji

// The huiji-cli commands of several storage terminals (claims 2-5): set a primary or a secondary,
// promote, remove, the server's archive and a restore from it. Part of NetCommands, in a file of
// its own so that each stays readable.

#include "NetCommands.h"

#include "client/ArchiveRestore.h"
#include "client/Profile.h"
#include "client/Session.h"

#include "protocol/Wire.h"

#include <QJsonArray>
#include <QJsonObject>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int restoreTimeoutMs = 10 * 60 * 1000; // a large archive, page by page
constexpr int pushTimeoutMs = 5000;               // the terminals pushed after a change

} // namespace

int NetCommands::storageTerminal(const CliRequest &request)
{
    const QString action = request.arguments.value(0, u"show"_s);
    const bool namesDevice = action == u"set"_s || action == u"promote"_s || action == u"remove"_s;
    if (!namesDevice && action != u"show"_s && action != u"clear"_s) {
        m_err << tr("storage-terminal takes show, set, promote, remove or clear.") << '\n';
        return Usage;
    }
    if (namesDevice && request.thisDevice == !request.device.isEmpty()) {
        m_err << tr("storage-terminal %1 takes --this or --device ID.").arg(action) << '\n';
        return Usage;
    }
    // Every change needs the password again (the server's re-authentication), asked before connecting.
    Result<QString> password = QString();
    if (action != u"show"_s)
        password = reauthPassword(request);
    if (!password)
        return exitCodeFor(password.error());
    const auto withPassword = [&password](QCborMap body) {
        body.insert(u"password"_s, *password);
        return body;
    };
    return online(request, false, [&](Session &session, Profile &profile) {
        const QString device = request.thisDevice ? profile.device().id : request.device;
        Result<QCborMap> answer = QCborMap{};
        if (action == u"set"_s || action == u"promote"_s) {
            const bool secondary = action == u"set"_s && request.secondary;
            answer = ask(session, wire::terminalSet,
                         withPassword({{u"device"_s, device}, {u"role"_s, secondary ? u"secondary"_s : u"primary"_s}}));
        } else if (action == u"remove"_s) {
            answer = ask(session, wire::terminalRemove, withPassword({{u"device"_s, device}}));
        } else if (action == u"clear"_s) {
            answer = ask(session, wire::terminalClear, withPassword({}));
        }
        if (!answer)
            return exitCodeFor(answer.error());
        // The push that follows a change brings the new list; wait for it rather than guess.
        if (action != u"show"_s) {
            bool pushed = false;
            QObject context; // the connection lasts as long as this wait
            QObject::connect(&session, &Session::terminalsChanged, &context, [&] { pushed = true; });
            waitUntil([&] { return pushed; }, pushTimeoutMs);
        }
        QJsonArray list;
        QString text;
        for (const wire::TerminalEntry &terminal : session.terminals()) {
            const bool mine = terminal.device == profile.device().id;
            list.append(QJsonObject{{u"device"_s, terminal.device}, {u"role"_s, wire::terminalRoleName(terminal.role)},
                                    {u"this"_s, mine}});
            text += tr("%1 storage terminal: %2%3\n")
                        .arg(terminal.role == wire::TerminalRole::Primary ? tr("Primary") : tr("Secondary"),
                             terminal.device, mine ? tr(" (this device)") : QString());
        }
        if (session.serverArchives())
            text += tr("The server keeps an archive of this account's history (archive show).\n");
        if (list.isEmpty() && !session.serverArchives())
            text = tr("No storage terminal is set: the server keeps nothing for later.\n");
        const std::optional<QString> primary = session.terminalDevice();
        print(request, {{u"device"_s, primary ? QJsonValue(*primary) : QJsonValue()},
                        {u"this"_s, session.isStorageTerminal()},
                        {u"role"_s, wire::terminalRoleName(session.role())},
                        {u"terminals"_s, list},
                        {u"archive"_s, session.serverArchives()}},
              text);
        return int(Ok);
    });
}

int NetCommands::archive(const CliRequest &request)
{
    const QString action = request.arguments.value(0, u"show"_s);
    if (action != u"show"_s && action != u"on"_s && action != u"off"_s) {
        m_err << tr("archive takes show, on or off.") << '\n';
        return Usage;
    }
    if (request.retentionDays < 0) {
        m_err << tr("--retention takes a number of days (0: forever).") << '\n';
        return Usage;
    }
    QCborMap change{{u"enabled"_s, action == u"on"_s}, {u"retentionDays"_s, request.retentionDays}};
    if (action != u"show"_s) { // turning it on or off needs the password again
        const Result<QString> password = reauthPassword(request);
        if (!password)
            return exitCodeFor(password.error());
        change.insert(u"password"_s, *password);
    }
    return online(request, false, [&](Session &session, Profile &) {
        auto answer = action == u"show"_s ? ask(session, wire::archive, {}) : ask(session, wire::archiveSet, change);
        if (!answer)
            return exitCodeFor(answer.error());
        const bool enabled = answer->value(u"enabled"_s).toBool();
        const qint64 days = answer->value(u"retentionDays"_s).toInteger();
        const qint64 records = answer->value(u"records"_s).toInteger();
        QString text = !enabled ? tr("The server keeps no archive of this account.\n")
                       : days == 0
                           ? tr("The server archives this account's history for good; it holds %1 records.\n").arg(records)
                           : tr("The server archives this account's history for %1 days; it holds %2 records.\n")
                                 .arg(days)
                                 .arg(records);
        print(request, {{u"enabled"_s, enabled}, {u"retentionDays"_s, days}, {u"records"_s, records}}, text);
        return int(Ok);
    });
}

int NetCommands::restore(const CliRequest &request)
{
    const Result<QString> password = reauthPassword(request); // the archive is the whole history
    if (!password)
        return exitCodeFor(password.error());
    return online(request, false, [&](Session &session, Profile &) {
        ArchiveRestore restoring(session);
        std::optional<Error> failure;
        std::optional<std::pair<qint64, qint64>> done;
        QObject::connect(&restoring, &ArchiveRestore::failed, [&](const Error &error) { failure = error; });
        QObject::connect(&restoring, &ArchiveRestore::finished,
                         [&](qint64 merged, qint64 added) { done = std::pair(merged, added); });
        restoring.start(password->toUtf8(), request.fromStart);
        waitUntil([&] { return failure || done; }, restoreTimeoutMs);
        if (failure)
            return exitCodeFor(*failure);
        if (!done)
            return exitCodeFor({ErrorCode::NetworkFailure, tr("the restore did not finish; run it again to resume")});
        print(request, {{u"received"_s, done->first}, {u"new"_s, done->second}},
              tr("Restored from the server's archive: %1 records, %2 new here.\n").arg(done->first).arg(done->second));
        return int(Ok);
    });
}

} // namespace huiji

// The huiji-cli commands that carry messages: send and listen. With direct links on (claim 11),
// send asks for a link to the contact first and says whether the message went over it or through
// the server; listen takes links and marks what came over one. Part of NetCommands, in a file of
// its own so that each stays readable.

#include "NetCommands.h"

#include "client/Profile.h"
#include "client/Session.h"
#include "protocol/HistoryFile.h"

#include <QJsonObject>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

std::optional<Error> NetCommands::openLink(Session &session, const QString &contact)
{
    if (session.links().isOpen(contact))
        return std::nullopt;
    bool opened = false;
    std::optional<Error> failure;
    QObject context; // the connections last as long as this wait
    QObject::connect(&session.links(), &DirectLinks::linkOpened, &context, [&](const QString &to) {
        opened = opened || to == contact;
    });
    QObject::connect(&session.links(), &DirectLinks::linkFailed, &context, [&](const QString &to, const Error &error) {
        if (to == contact)
            failure = error;
    });
    session.links().open(contact);
    // A peer that does not answer must not hold the message up: it goes through the server then.
    if (!waitUntil([&] { return opened || failure.has_value(); }, linkTimeoutMs))
        return Error{ErrorCode::NetworkFailure, tr("the direct link did not open within %1 seconds").arg(linkTimeoutMs / 1000)};
    return failure;
}

int NetCommands::send(const CliRequest &request)
{
    if (request.arguments.size() < 2) {
        m_err << tr("send needs a contact and the text.") << '\n';
        return Usage;
    }
    const QString contact = request.arguments[0];
    return online(request, false, [&](Session &session, Profile &profile) {
        std::optional<Error> noLink;
        if (profile.directLinks()) {
            noLink = openLink(session, contact);
            if (noLink && !request.json)
                m_err << tr("No direct link to %1 (%2): the message goes through the server.").arg(contact, noLink->message)
                      << '\n';
        }
        std::optional<qint64> stored;
        bool direct = false;
        std::optional<Error> refused;
        // Only this message's answers count: an older one in the outbox that the server refuses
        // is marked failed in the history and changes nothing here.
        QUuid mine;
        QObject context; // the connections last as long as this command
        QObject::connect(&session, &Session::failed, &context, [&](const Error &error) { refused = error; });
        QObject::connect(&session, &Session::messageRefused, &context, [&](const QUuid &id, const Error &error) {
            if (id == mine)
                refused = Error{error.code, tr("the server refused the message: %1").arg(error.message)};
        });
        QObject::connect(&session, &Session::messageStored, &context, [&](const QUuid &id, qint64 serverTime) {
            if (id == mine)
                stored = serverTime;
        });
        // The contact's device acks on the link; one that closes first leaves it to the server.
        QObject::connect(&session, &Session::messageSentDirect, &context, [&](const QUuid &id) { direct = direct || id == mine; });
        auto record = session.sendMessage(contact, request.arguments.mid(1).join(u' '));
        if (!record)
            return exitCodeFor(record.error());
        mine = record->id;
        if (!waitUntil([&] { return direct || stored.has_value() || refused.has_value(); }))
            refused = Error{ErrorCode::NetworkFailure, tr("the server did not confirm; the message stays in the outbox")};
        if (refused)
            return exitCodeFor(*refused);
        QJsonObject json{{u"id"_s, record->id.toString(QUuid::WithoutBraces)}, {u"via"_s, direct ? u"direct"_s : u"server"_s}};
        if (stored)
            json.insert(u"serverTime"_s, *stored);
        if (noLink)
            json.insert(u"linkError"_s, noLink->message);
        print(request, json,
              direct ? tr("Sent to %1 from %2 directly: the server did not carry it.\n").arg(contact, profile.device().name)
                     : tr("Sent to %1 from %2 through the server at %3.\n")
                           .arg(contact, profile.device().name, localTime(*stored)));
        return int(Ok);
    });
}

int NetCommands::listen(const CliRequest &request)
{
    int seen = 0;
    const auto show = [&](const Record &record) {
        ++seen;
        const bool direct = record.arrival == Arrival::Direct;
        print(request, HistoryFile::recordToJson(record),
              u"%1  %2 → %3: %4%5\n"_s.arg(localTime(record.orderTime()), record.sender,
                                           record.direction == Direction::Outgoing ? record.contact : record.account,
                                           record.body, direct ? tr("  (direct)") : QString()));
        m_out.flush();
    };
    const auto watch = [&](Session &session) {
        QObject::connect(&session, &Session::recordsMerged, [&](const QList<Record> &records) {
            for (const Record &record : records)
                show(record);
        });
        QObject::connect(&session.links(), &DirectLinks::received, show);
    };
    return online(
        request, false,
        [&](Session &session, Profile &profile) {
            // On stderr, so that what scripts read stays one record a line; also how they know
            // the listener is there before they send.
            m_err << (profile.directLinks()
                          ? tr("Listening as %1 on %2; contacts' devices may send directly.").arg(profile.user(), profile.device().name)
                          : tr("Listening as %1 on %2.").arg(profile.user(), profile.device().name))
                  << '\n'
                  << Qt::flush;
            waitUntil([&] { return (request.count > 0 && seen >= request.count) || session.state() == Session::State::Offline; },
                      noDeadline);
            return int(Ok);
        },
        watch);
}

} // namespace huiji

#include "CliCommands.h"

#include "NetCommands.h"

#include "client/Profile.h"
#include "protocol/HistoryFile.h"
#include "store/Position.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// Imports go to the store in batches the size the server delivers them in.
constexpr qsizetype importBatch = 1000;

QString localTime(qint64 millis)
{
    return QDateTime::fromMSecsSinceEpoch(millis).toString(u"yyyy-MM-dd HH:mm"_s);
}

// A record as the history file writes it, with where it stands and its device's label.
QJsonObject toJson(const StoredRecord &stored)
{
    QJsonObject object = HistoryFile::recordToJson(stored.record);
    object.insert(u"position", QString::number(stored.position));
    object.insert(u"deviceLabel", stored.deviceLabel);
    if (stored.failure) // written here and refused by the server: never sent
        object.insert(u"failed", stored.failure->message);
    return object;
}

} // namespace

CliCommands::CliCommands(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

QString CliCommands::usage()
{
    return tr("Commands:\n"
              "  import FILE...            merge history files (JSON, as exported) into the profile\n"
              "  history CONTACT           the merged conversation with CONTACT, oldest first\n"
              "          [--device ID] [--search TEXT] [--limit N]\n"
              "  history --search TEXT     search every conversation\n"
              "  history-devices           the devices this history came from\n"
              "  rename-device ID NAME     change the label of a device's records\n")
           + NetCommands::usage();
}

int CliCommands::run(const CliRequest &request)
{
    using Command = int (CliCommands::*)(const CliRequest &);
    const std::pair<QString, Command> commands[] = {
        {u"import"_s, &CliCommands::import},
        {u"history"_s, &CliCommands::history},
        {u"history-devices"_s, &CliCommands::devices},
        {u"rename-device"_s, &CliCommands::renameDevice},
    };
    for (const auto &[name, command] : commands)
        if (name == request.command)
            return (this->*command)(request);
    if (NetCommands::handles(request.command))
        return NetCommands(m_out, m_err).run(request);
    m_err << tr("Unknown command \"%1\".").arg(request.command) << '\n' << usage();
    return Usage;
}

int CliCommands::import(const CliRequest &request)
{
    if (request.arguments.isEmpty()) {
        m_err << tr("import needs at least one file.") << '\n';
        return Usage;
    }
    auto profile = Profile::open(request.profile);
    if (!profile) {
        m_err << profile.error().message << '\n';
        return Failure;
    }
    for (const QString &path : request.arguments) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            m_err << tr("Cannot read %1: %2").arg(path, file.errorString()) << '\n';
            return Failure;
        }
        const auto history = HistoryFile::fromJson(file.readAll());
        if (!history) {
            m_err << tr("%1: %2").arg(path, history.error().message) << '\n';
            return Failure;
        }
        MergeResult total;
        // At least one merge, so that a file of devices without records still registers them.
        qsizetype from = 0;
        do {
            const auto merged = (*profile)->history().merge(history->records.mid(from, importBatch),
                                                            history->devices);
            if (!merged) {
                m_err << tr("%1: %2").arg(path, merged.error().message) << '\n';
                return Failure;
            }
            total.added += merged->added;
            total.duplicates += merged->duplicates;
            from += importBatch;
        } while (from < history->records.size());
        if (request.json)
            m_out << QJsonDocument(QJsonObject{{u"file"_s, path},
                                               {u"added"_s, total.added},
                                               {u"duplicates"_s, total.duplicates}})
                         .toJson(QJsonDocument::Compact)
                  << '\n';
        else
            m_out << tr("%1: %2 new records, %3 duplicates").arg(path).arg(total.added).arg(total.duplicates)
                  << '\n';
    }
    return Ok;
}

int CliCommands::history(const CliRequest &request)
{
    const QString contact = request.arguments.value(0);
    if (contact.isEmpty() && request.search.isEmpty()) {
        m_err << tr("history needs a contact, or --search TEXT.") << '\n';
        return Usage;
    }
    if (request.limit <= 0) {
        m_err << tr("--limit must be a positive number.") << '\n';
        return Usage;
    }
    auto profile = Profile::open(request.profile);
    if (!profile) {
        m_err << profile.error().message << '\n';
        return Failure;
    }
    if (!request.device.isEmpty()) {
        const auto devices = (*profile)->history().devices();
        if (!devices) {
            m_err << devices.error().message << '\n';
            return Failure;
        }
        if (std::ranges::none_of(*devices, [&](const DeviceSummary &known) { return known.device.id == request.device; })) {
            m_err << tr("No device %1 in this profile's history; huiji-cli history-devices lists them.").arg(request.device)
                  << '\n';
            return Usage;
        }
    }
    const HistoryScope scope{{}, contact, request.device};
    QList<StoredRecord> records;
    QList<QString> snippets;
    if (request.search.isEmpty()) {
        const auto page = (*profile)->history().older(scope, std::nullopt, request.limit);
        if (!page) {
            m_err << page.error().message << '\n';
            return Failure;
        }
        records = page->records;
        std::reverse(records.begin(), records.end()); // read like a conversation: oldest first
    } else {
        SearchQuery query;
        query.text = request.search;
        query.scope = scope;
        query.limit = request.limit;
        const auto hits = (*profile)->history().search(query);
        if (!hits) {
            m_err << hits.error().message << '\n';
            return request.search.trimmed().isEmpty() ? Usage : Failure;
        }
        for (const SearchHit &hit : *hits) {
            records.append(hit.stored);
            snippets.append(hit.snippet);
        }
    }

    if (request.json) {
        QJsonArray array;
        for (const StoredRecord &stored : records)
            array.append(toJson(stored));
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return Ok;
    }
    if (records.isEmpty())
        m_out << tr("No records.") << '\n';
    // Across conversations a line names whom it was with: the sender of what came in, "me → them"
    // of what went out.
    const auto who = [&](const Record &record) {
        return contact.isEmpty() && record.sender != record.contact ? u"%1 → %2"_s.arg(record.sender, record.contact)
                                                                    : record.sender;
    };
    qsizetype labelWidth = 0;
    qsizetype whoWidth = 10;
    for (const StoredRecord &stored : records) {
        labelWidth = qMax(labelWidth, stored.deviceLabel.size());
        whoWidth = qMax(whoWidth, who(stored.record).size());
    }
    for (qsizetype i = 0; i < records.size(); ++i) {
        const StoredRecord &stored = records.at(i);
        const Record &record = stored.record;
        m_out << localTime(record.orderTime()) << "  " << who(record).leftJustified(whoWidth) << " ["
              << stored.deviceLabel.leftJustified(labelWidth) << "]  "
              << (snippets.isEmpty() ? record.body : snippets.at(i))
              << (stored.failure ? tr("  (not sent: %1)").arg(stored.failure->message) : QString()) << '\n';
    }
    return Ok;
}

int CliCommands::devices(const CliRequest &request)
{
    auto profile = Profile::open(request.profile);
    if (!profile) {
        m_err << profile.error().message << '\n';
        return Failure;
    }
    const auto devices = (*profile)->history().devices();
    if (!devices) {
        m_err << devices.error().message << '\n';
        return Failure;
    }
    if (request.json) {
        QJsonArray array;
        for (const DeviceSummary &summary : *devices)
            array.append(QJsonObject{{u"id"_s, summary.device.id},
                                     {u"label"_s, summary.label},
                                     {u"platform"_s, summary.device.platform},
                                     {u"records"_s, summary.recordCount}});
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return Ok;
    }
    for (const DeviceSummary &summary : *devices)
        m_out << summary.label.leftJustified(16) << summary.device.platform.leftJustified(10)
              << tr("%n record(s)", nullptr, static_cast<int>(summary.recordCount)).leftJustified(14)
              << summary.device.id << '\n';
    return Ok;
}

int CliCommands::renameDevice(const CliRequest &request)
{
    if (request.arguments.size() != 2) {
        m_err << tr("rename-device needs a device id and a name.") << '\n';
        return Usage;
    }
    auto profile = Profile::open(request.profile);
    if (!profile) {
        m_err << profile.error().message << '\n';
        return Failure;
    }
    if (auto renamed = (*profile)->history().renameDevice(request.arguments.at(0), request.arguments.at(1));
        !renamed) {
        m_err << renamed.error().message << '\n';
        return renamed.error().code == ErrorCode::NotFound ? Usage : Failure;
    }
    if (request.json)
        m_out << QJsonDocument(QJsonObject{{u"id"_s, request.arguments.at(0)}, {u"label"_s, request.arguments.at(1)}})
                     .toJson(QJsonDocument::Indented);
    else
        m_out << tr("The records of %1 are labelled \"%2\" now.").arg(request.arguments.at(0), request.arguments.at(1))
              << '\n';
    return Ok;
}

} // namespace huiji

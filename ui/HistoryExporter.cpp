#include "ui/HistoryExporter.h"

#include "ui/HistoryHtmlWriter.h"
#include "ui/HistoryJsonWriter.h"
#include "ui/HistoryTextWriter.h"

#include <QSaveFile>

#include <algorithm>
#include <memory>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

std::unique_ptr<HistoryWriter> writerFor(HistoryExporter::Format format)
{
    switch (format) {
    case HistoryExporter::Format::Html:
        return std::make_unique<HistoryHtmlWriter>();
    case HistoryExporter::Format::Json:
        return std::make_unique<HistoryJsonWriter>();
    case HistoryExporter::Format::Text:
        break;
    }
    return std::make_unique<HistoryTextWriter>();
}

// What went wrong with the file, as an error people can act on; a full disk has its own code.
Error fileError(const QSaveFile &file)
{
    const ErrorCode code = file.error() == QFileDevice::ResourceError ? ErrorCode::DiskFull
                           : file.error() == QFileDevice::PermissionsError ? ErrorCode::ReadOnly
                                                                           : ErrorCode::StorageFailure;
    return {code, HistoryExporter::tr("Could not write %1: %2").arg(file.fileName(), file.errorString())};
}

} // namespace

HistoryExporter::HistoryExporter(HistoryStore &store) : m_store(store) {}

QString HistoryExporter::suffix(Format format)
{
    switch (format) {
    case Format::Html:
        return u"html"_s;
    case Format::Json:
        return u"json"_s;
    case Format::Text:
        break;
    }
    return u"txt"_s;
}

Result<qint64> HistoryExporter::exportConversation(const QString &account, const QString &contact, Format format,
                                                   const QString &path, const Progress &progress)
{
    auto conversations = m_store.conversations();
    if (!conversations)
        return std::unexpected(conversations.error());
    const auto found = std::find_if(conversations->cbegin(), conversations->cend(),
                                    [&](const ConversationSummary &summary) {
                                        return summary.account == account && summary.contact == contact;
                                    });
    if (found == conversations->cend())
        return fail(ErrorCode::NotFound, tr("There is no conversation of %1 with %2.").arg(account, contact));
    return write({*found}, format, path, progress);
}

Result<qint64> HistoryExporter::exportEverything(Format format, const QString &path, const Progress &progress)
{
    auto conversations = m_store.conversations();
    if (!conversations)
        return std::unexpected(conversations.error());
    return write(*conversations, format, path, progress);
}

Result<qint64> HistoryExporter::write(const QList<ConversationSummary> &conversations, Format format,
                                      const QString &path, const Progress &progress)
{
    const auto devices = m_store.devices();
    if (!devices)
        return std::unexpected(devices.error());
    qint64 total = 0;
    for (const ConversationSummary &conversation : conversations)
        total += conversation.recordCount;

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return std::unexpected(fileError(file));
    // Stops at the first failure; the QSaveFile's destructor then throws the partial file away.
    const auto put = [&file](const QByteArray &bytes) { return file.write(bytes) == bytes.size(); };

    const std::unique_ptr<HistoryWriter> writer = writerFor(format);
    const auto header = writer->header(*devices);
    if (!header)
        return std::unexpected(header.error());
    if (!put(*header))
        return std::unexpected(fileError(file));
    qint64 done = 0;
    for (const ConversationSummary &conversation : conversations) {
        if (!put(writer->conversationStart(conversation)))
            return std::unexpected(fileError(file));
        const HistoryScope scope{conversation.account, conversation.contact, {}};
        // Forward from before the first position, a page at a time: oldest first, as people read.
        qint64 after = -1;
        for (bool more = true; more;) {
            auto page = m_store.newer(scope, after, m_pageSize);
            if (!page)
                return std::unexpected(page.error());
            if (page->records.isEmpty())
                break;
            std::reverse(page->records.begin(), page->records.end());
            if (!put(writer->records(page->records)))
                return std::unexpected(fileError(file));
            after = page->records.last().position;
            more = page->hasNewer;
            done += page->records.size();
            if (progress)
                progress(done, total);
        }
        if (!put(writer->conversationEnd()))
            return std::unexpected(fileError(file));
    }
    if (!put(writer->footer()) || !file.commit())
        return std::unexpected(fileError(file));
    return done;
}

} // namespace huiji

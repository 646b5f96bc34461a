#include "ui/HistoryHtmlWriter.h"

#include "ui/DeviceColors.h"

#include <QDateTime>
#include <QLocale>
#include <QPalette>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// System colours (Canvas, CanvasText, GrayText) rather than fixed ones; only the devices' colours
// are given, as in the viewer.
const QString style = uR"(
:root { color-scheme: light; line-height: 1.45;
  font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
body { max-width: 50rem; margin: 2rem auto; padding: 0 1rem; background: Canvas; color: CanvasText; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin-top: 2.5rem; padding-bottom: .3rem; border-bottom: 1px solid GrayText; }
.meta, .day, time { color: GrayText; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1rem; padding: 0; list-style: none; }
.day { text-align: center; font-size: .85rem; margin: 1.2rem 0 .4rem; }
.r { border-left: .25rem solid; padding: .15rem .7rem; margin: .4rem 0; }
.h { font-size: .85rem; }
.h time, .h b { margin-right: .5rem; }
.d { color: Canvas; border-radius: .7rem; padding: 0 .5rem; font-size: .75rem; font-weight: 600; }
.b { margin: .1rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
)"_s;

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QString HistoryHtmlWriter::colorOf(const QString &deviceId)
{
    auto found = m_colors.constFind(deviceId);
    if (found == m_colors.cend()) {
        // The light variant whatever the desktop's theme: the page is a light document.
        static const QPalette light(Qt::white);
        found = m_colors.insert(deviceId, DeviceColors::of(deviceId, light).name());
    }
    return *found;
}

Result<QByteArray> HistoryHtmlWriter::header(const QList<DeviceSummary> &devices)
{
    const QString title = tr("Huiji history");
    QString out = u"<!DOCTYPE html>\n<html lang=\"%1\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"Huiji\">\n<title>%2</title>\n<style>%3</style>\n"
                  "</head>\n<body>\n<h1>%2</h1>\n"_s.arg(QLocale().bcp47Name(), escaped(title), style);
    out += u"<p class=\"meta\">%1</p>\n"_s.arg(
        escaped(tr("Exported on %1").arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::LongFormat))));
    out += u"<ul class=\"legend\" aria-label=\"%1\">\n"_s.arg(escaped(tr("Devices")));
    for (const DeviceSummary &summary : devices)
        out += u"<li><span class=\"d\" style=\"background:%1\">%2</span> %3</li>\n"_s.arg(
            colorOf(summary.device.id), escaped(summary.label), escaped(summary.device.platform));
    out += u"</ul>\n"_s;
    return out.toUtf8();
}

QByteArray HistoryHtmlWriter::conversationStart(const ConversationSummary &conversation)
{
    m_day = QDate();
    return u"<section>\n<h2>%1</h2>\n"_s
        .arg(escaped(tr("Conversation of %1 with %2").arg(conversation.account, conversation.contact)))
        .toUtf8();
}

QByteArray HistoryHtmlWriter::records(const QList<StoredRecord> &oldestFirst)
{
    QString out;
    for (const StoredRecord &stored : oldestFirst) {
        const Record &record = stored.record;
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(record.orderTime());
        if (time.date() != m_day) {
            m_day = time.date();
            out += u"<p class=\"day\">%1</p>\n"_s.arg(escaped(QLocale().toString(m_day, QLocale::LongFormat)));
        }
        const QString color = colorOf(record.originDevice);
        out += u"<div class=\"r\" style=\"border-color:%1\"><div class=\"h\"><time datetime=\"%2\">%3</time>"
               "<b>%4</b><span class=\"d\" style=\"background:%1\">%5</span></div>"
               "<p class=\"b\">%6</p></div>\n"_s.arg(color, time.toString(Qt::ISODateWithMs),
                                                     time.toString(u"HH:mm:ss"_s), escaped(record.sender),
                                                     escaped(stored.deviceLabel), escaped(record.body));
    }
    return out.toUtf8();
}

QByteArray HistoryHtmlWriter::conversationEnd()
{
    return "</section>\n";
}

QByteArray HistoryHtmlWriter::footer()
{
    return "</body>\n</html>\n";
}

} // namespace huiji

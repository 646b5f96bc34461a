// Writes the seed corpora (corpus/<target>/) and the dictionaries (cbor.dict, json.dict) of the
// fuzz targets from real frames and files, made with the same encoders the programs use, so that
// the fuzzers start from inputs that reach every decoder. Deterministic: run it again after a
// change of the wire and commit what changed (docs/fuzzing.md).
//   fuzz_seeds tests/fuzz

#include "protocol/FrameCodec.h"
#include "protocol/HistoryFile.h"
#include "protocol/RecordCbor.h"
#include "protocol/Wire.h"

#include <QCborArray>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>
#include <cstdio>

using namespace huiji;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 someTime = 1'717'171'717'171; // 2024-05-31, any fixed time will do

Record sampleRecord(int n, Arrival arrival = Arrival::Relayed)
{
    Record record;
    record.id = QUuid::fromString(u"0190d1e2-3f4a-7b5c-8d6e-%1"_s.arg(n, 12, 10, QLatin1Char('0')));
    record.account = u"alice"_s;
    record.contact = n % 2 ? u"王芳"_s : u"bob"_s;
    record.direction = n % 3 ? Direction::Incoming : Direction::Outgoing;
    record.sender = record.direction == Direction::Incoming ? record.contact : record.account;
    record.body = n % 2 ? u"会议改到十点 🎉 see you"_s : u"hello, see you at 10"_s;
    record.originDevice = u"dev-laptop"_s;
    record.deviceTime = someTime + n;
    if (arrival == Arrival::Relayed || arrival == Arrival::Collected)
        record.serverTime = someTime + n + 5;
    record.arrival = arrival;
    return record;
}

QCborArray recordsOf(std::initializer_list<Record> records)
{
    QCborArray array;
    for (const Record &record : records)
        array.append(RecordCbor::toCbor(record));
    return array;
}

QCborArray devicesOf()
{
    return {wire::toCbor(DeviceInfo{u"dev-laptop"_s, u"Laptop"_s, u"linux"_s}),
            wire::toCbor(DeviceInfo{u"dev-phone"_s, u"手机"_s, u"android"_s})};
}

// The payload of a frame: what follows the 4-byte length on the wire.
QByteArray payloadOf(const Frame &frame)
{
    return FrameCodec::encode(frame).sliced(FrameCodec::headerSize);
}

QList<std::pair<QString, Frame>> sampleFrames()
{
    Record unlabelled = sampleRecord(9, Arrival::Imported);
    unlabelled.id = QUuid();
    const wire::DeviceEntry entry{{u"dev-phone"_s, u"手机"_s, u"android"_s},
                                  someTime - 86'400'000, someTime, 12, wire::TerminalRole::Primary, true, {0, 3, 9}, true};
    QCborMap counts = wire::toCbor(wire::CollectionCounts{4, 1, 2, 1, 1});
    QCborMap upload = counts;
    upload.insert(u"total"_s, wire::toCbor(wire::CollectionCounts{40, 10, 20, 10, 2}));
    upload.insert(u"complete"_s, false);
    QCborMap collected = counts;
    collected.insert(u"device"_s, u"dev-phone"_s);
    collected.insert(u"complete"_s, true);
    const QList<wire::ContactEntry> contacts{{u"bob"_s, wire::ContactState::Accepted, true},
                                             {u"王芳"_s, wire::ContactState::Incoming, false}};
    const QList<wire::TerminalEntry> terminals{{u"dev-laptop"_s, wire::TerminalRole::Primary},
                                               {u"dev-phone"_s, wire::TerminalRole::Secondary}};
    QCborMap helloAnswer = wire::Limits{}.toCbor();
    helloAnswer.insert(u"version"_s, FrameCodec::protocolVersion);
    helloAnswer.insert(u"registration"_s, true);
    QCborArray deliveries;
    for (int n = 0; n < 3; ++n)
        deliveries.append(QCborMap{{u"seq"_s, 100 + n}, {u"record"_s, RecordCbor::toCbor(sampleRecord(n))}});
    return {
        {u"hello"_s, {wire::hello, 1, {{u"version"_s, FrameCodec::protocolVersion}, {u"client"_s, u"huiji 0.1"_s}}}},
        {u"hello-answer"_s, {wire::hello, 1, helloAnswer}},
        {u"login-answer"_s,
         {wire::login, 2,
          {{u"user"_s, u"alice"_s}, {u"contacts"_s, wire::toCbor(contacts)},
           {u"forwarding"_s, wire::toCbor(wire::ForwardingPolicy{wire::ForwardingPolicy::Mode::Threshold, 300})}}}},
        {u"device"_s, {wire::device, 3, wire::toCbor(DeviceInfo{u"dev-laptop"_s, u"Laptop"_s, u"linux"_s})}},
        {u"device-answer"_s,
         {wire::device, 3,
          {{u"isTerminal"_s, true}, {u"role"_s, u"primary"_s}, {u"terminals"_s, wire::toCbor(terminals)},
           {u"pending"_s, 3}}}},
        {u"devices-answer"_s, {wire::devices, 4, {{u"devices"_s, QCborArray{wire::toCbor(entry)}}}}},
        {u"contacts-answer"_s, {wire::contacts, 5, {{u"contacts"_s, wire::toCbor(contacts)}}}},
        {u"contact-push"_s, {wire::contact, 0, wire::toCbor(contacts.last())}},
        {u"terminal-push"_s,
         {wire::terminal, 0,
          {{u"device"_s, u"dev-laptop"_s}, {u"role"_s, u"primary"_s}, {u"terminals"_s, wire::toCbor(terminals)},
           {u"archive"_s, false}}}},
        {u"send"_s, {wire::send, 6, {{u"record"_s, RecordCbor::toCbor(sampleRecord(3, Arrival::Local))}}}},
        {u"deliver"_s,
         {wire::deliver, 0, {{u"records"_s, deliveries}, {u"devices"_s, devicesOf()}, {u"remaining"_s, 7}}}},
        {u"collect-upload"_s,
         {wire::collectUpload, 7,
          {{u"terminal"_s, u"dev-laptop"_s}, {u"since"_s, someTime}, {u"start"_s, true}, {u"done"_s, false},
           {u"records"_s, recordsOf({sampleRecord(4, Arrival::Local), unlabelled})}}}},
        {u"collect-upload-answer"_s, {wire::collectUpload, 7, upload}},
        {u"collected"_s, {wire::collected, 0, collected}},
        {u"forward"_s, {wire::forward, 8, {{u"records"_s, recordsOf({sampleRecord(5, Arrival::Direct)})}}}},
        {u"sync-upload"_s,
         {wire::syncUpload, 9, {{u"records"_s, recordsOf({sampleRecord(6), sampleRecord(7, Arrival::Collected)})}}}},
        {u"archive-restore-answer"_s,
         {wire::archiveRestore, 10,
          {{u"records"_s, recordsOf({sampleRecord(8)})}, {u"devices"_s, devicesOf()},
           {u"next"_s, QCborMap{{u"time"_s, someTime}, {u"key"_s, QByteArray(16, '\x07')}}}, {u"done"_s, false}}}},
        {u"forwarding-set"_s, {wire::forwardingSet, 11, wire::toCbor(wire::ForwardingPolicy{})}},
        {u"forwarding-push"_s,
         {wire::forwarding, 0, wire::toCbor(wire::ForwardingPolicy{wire::ForwardingPolicy::Mode::AtOnce, 0})}},
        {u"error"_s, wire::errorFrame(12, {ErrorCode::RateLimited, u"too many attempts; try again in 30 s"_s, 30})},
        {u"error-push"_s, wire::errorFrame(0, {ErrorCode::FrameTooLarge, u"a frame of 2000000 bytes is over the limit"_s})},
        {u"link-message"_s, {wire::linkMessage, 13, {{u"record"_s, RecordCbor::toCbor(sampleRecord(10, Arrival::Direct))}}}},
        {u"ack"_s, {wire::ack, 0, {{u"seqs"_s, QCborArray{100, 101, 102}}}}},
        {u"delivered"_s, {wire::delivered, 0, {{u"ids"_s, QCborArray{sampleRecord(1).id.toRfc4122()}}, {u"at"_s, someTime}}}},
    };
}

// A framecodec input: the limit until the first frame, the limit after it, then the stream in
// pieces of at most `piece` bytes.
QByteArray streamInput(quint16 limit, const QByteArray &stream, qsizetype piece, quint16 laterLimit = 0xffff)
{
    QByteArray input(4, Qt::Uninitialized);
    qToBigEndian(limit, input.data());
    qToBigEndian(laterLimit, input.data() + 2);
    for (qsizetype at = 0; at < stream.size(); at += piece) {
        const QByteArray part = stream.mid(at, piece);
        input.append(static_cast<char>(part.size()));
        input.append(part);
    }
    return input;
}

QList<std::pair<QString, QByteArray>> frameCodecSeeds(const QList<std::pair<QString, Frame>> &frames)
{
    QByteArray all;
    for (const auto &[name, frame] : frames)
        all += FrameCodec::encode(frame);
    const auto deliverFrame = std::ranges::find(frames, u"deliver"_s, &std::pair<QString, Frame>::first);
    const QByteArray deliver = FrameCodec::encode(deliverFrame->second);
    QByteArray notAMap(FrameCodec::headerSize, Qt::Uninitialized);
    const QByteArray array = QCborValue(QCborArray{1, 2}).toCbor();
    qToBigEndian(static_cast<quint32>(array.size()), notAMap.data());
    return {
        {u"all-frames-whole"_s, streamInput(0xffff, all, 255)},
        // Before login a small limit, raised after the first frame (the server); lowered (a client).
        {u"limit-raised"_s, streamInput(256, all, 97, 0xffff)},
        {u"limit-lowered"_s, streamInput(0xffff, all, 130, 200)},
        {u"all-frames-bytewise"_s, streamInput(0xffff, all.first(600), 1)},
        {u"deliver-in-sevens"_s, streamInput(0xffff, deliver, 7)},
        {u"deliver-over-limit"_s, streamInput(static_cast<quint16>(deliver.size() - 5), deliver, 64)},
        {u"not-a-map"_s, streamInput(0xffff, notAMap + array, 3)},
        {u"trailing-bytes"_s, streamInput(0xffff, FrameCodec::encode(frames.first().second) + "\x00\x00"_ba, 200)},
    };
}

QList<std::pair<QString, QByteArray>> recordSeeds()
{
    QList<std::pair<QString, QByteArray>> seeds;
    const auto add = [&seeds](const QString &name, const Record &record) {
        seeds.append({name, '\0' + QCborValue(RecordCbor::toCbor(record)).toCbor()});
    };
    add(u"relayed"_s, sampleRecord(1));
    add(u"local"_s, sampleRecord(2, Arrival::Local));
    add(u"collected"_s, sampleRecord(3, Arrival::Collected));
    add(u"direct"_s, sampleRecord(4, Arrival::Direct));
    Record imported = sampleRecord(5, Arrival::Imported);
    imported.id = QUuid();
    add(u"imported-without-id"_s, imported);
    // Field by field (FuzzedDataProvider): the id's 16 bytes and the strings, each ended by a
    // backslash, from the front; the choices and the times from the back.
    seeds.append({u"fields"_s, "\x01"_ba + sampleRecord(1).id.toRfc4122() + "alice\\ bob\\ bob\\ hello\\ dev-1\\ "_ba
                                   + "\x01\x8f\xd2\x35\x00\x00\x01\x8f\xd2\x35\x00\x00\x01\x01"_ba});
    return seeds;
}

QList<std::pair<QString, QByteArray>> historySeeds()
{
    HistoryFile file;
    file.devices = {{u"dev-laptop"_s, u"Laptop"_s, u"linux"_s}, {u"dev-phone"_s, u"手机"_s, u"android"_s}};
    file.records = {sampleRecord(1), sampleRecord(2, Arrival::Local), sampleRecord(3, Arrival::Direct)};
    file.records[2].id = QUuid();
    HistoryFile empty;
    return {
        {u"export"_s, file.toJson()},
        {u"empty"_s, empty.toJson()},
        // Written by hand, as another program might: offsets, no arrival, no devices, escapes.
        {u"hand-written"_s,
         R"({"format":"huiji-history","version":1,"records":[
{"account":"alice","contact":"bob","direction":"in","sender":"bob","body":"caf\u00e9 \ud83c\udf89","device":"d1",
 "time":"2024-05-31T08:00:00.123+08:00","serverTime":"2024-05-31T00:00:01Z"},
{"id":"{0190d1e2-3f4a-7b5c-8d6e-000000000042}","account":"alice","contact":"bob","direction":"out",
 "sender":"alice","body":"x","device":"d1","time":"2024-05-31T00:00:02.5Z","arrival":"collected"}]})"_ba},
    };
}

// Dictionary entries: every field name, frame type and enum name the decoders compare with.
QStringList wireWords()
{
    QStringList words{u"type"_s, u"id"_s, u"body"_s, u"code"_s, u"message"_s, u"user"_s, u"state"_s,
                      u"online"_s, u"contacts"_s, u"name"_s, u"platform"_s, u"firstSeen"_s, u"lastSeen"_s,
                      u"uses"_s, u"role"_s, u"daily"_s, u"devices"_s, u"received"_s, u"duplicate"_s, u"new"_s,
                      u"refused"_s, u"total"_s, u"terminals"_s, u"device"_s, u"mode"_s, u"amount"_s,
                      u"forwarding"_s, u"record"_s, u"records"_s, u"seq"_s, u"account"_s, u"contact"_s,
                      u"direction"_s, u"sender"_s, u"time"_s, u"serverTime"_s, u"arrival"_s, u"order"_s,
                      u"retryAfter"_s, u"maxMessageBytes"_s, u"maxFrameBytes"_s, u"signedIn"_s, u"conflicts"_s,
                      wire::hello, wire::login, wire::device, wire::send, wire::contacts, wire::devices,
                      wire::deliver, wire::collectUpload, wire::collected, wire::forward, wire::syncUpload,
                      wire::archiveRestore, wire::forwarding, wire::error, wire::linkMessage};
    // Every error code: they are numbered from 0, and the first number past them has no name.
    for (int code = 0; errorCodeName(static_cast<ErrorCode>(code)) != u"unknown"_s; ++code)
        words.append(errorCodeName(static_cast<ErrorCode>(code)));
    for (const auto state : {wire::ContactState::Accepted, wire::ContactState::Outgoing, wire::ContactState::Incoming})
        words.append(wire::contactStateName(state));
    for (const auto role : {wire::TerminalRole::None, wire::TerminalRole::Primary, wire::TerminalRole::Secondary})
        words.append(wire::terminalRoleName(role));
    for (const auto order : {wire::DeviceOrder::Frequency, wire::DeviceOrder::Recency})
        words.append(wire::deviceOrderName(order));
    using Mode = wire::ForwardingPolicy::Mode;
    for (const auto mode : {Mode::AtOnce, Mode::Interval, Mode::Threshold, Mode::OnClose})
        words.append(wire::forwardingModeName(mode));
    for (const auto direction : {Direction::Incoming, Direction::Outgoing})
        words.append(directionName(direction));
    for (const auto arrival : {Arrival::Local, Arrival::Relayed, Arrival::Collected, Arrival::Direct, Arrival::Imported})
        words.append(arrivalName(arrival));
    return words;
}

// One dictionary line in libFuzzer's syntax: printable ASCII as is, everything else escaped.
QByteArray dictLine(const QByteArray &value)
{
    QByteArray line = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\')
            line += '\\' + QByteArray(1, c);
        else if (c >= 0x20 && c < 0x7f)
            line += c;
        else
            line += "\\x" + QByteArray::number(static_cast<uchar>(c), 16).rightJustified(2, '0');
    }
    return line + "\"\n";
}

QByteArray cborDictionary()
{
    QByteArray dict = "# CBOR heads and the wire's words as CBOR text strings; written by fuzz_seeds.\n";
    for (const char *head : {"\xa1", "\xa3", "\xbf", "\x9f", "\xff", "\x50", "\x1b", "\x3b", "\xf9", "\xfb",
                             "\xf4", "\xf5", "\xf6", "\xf7", "\xc1", "\x7f"})
        dict += dictLine(QByteArray(head, 1));
    for (const QString &word : wireWords())
        dict += dictLine(QCborValue(word).toCbor());
    return dict;
}

QByteArray jsonDictionary()
{
    QByteArray dict = "# The history file's words; written by fuzz_seeds.\n";
    QStringList words = wireWords();
    words << u"format"_s << u"version"_s << u"huiji-history"_s;
    for (const QString &word : words)
        dict += dictLine('"' + word.toUtf8() + '"');
    for (const char *token : {"2024-05-31T08:00:00.123Z", "+08:00", "\\ud83c\\udf89", "\\u0000", "true", "null",
                              "1e999", "-0", "{0190d1e2-3f4a-7b5c-8d6e-000000000042}"})
        dict += dictLine(token);
    return dict;
}

bool write(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    return true;
}

bool writeCorpus(const QDir &root, const QString &target, const QList<std::pair<QString, QByteArray>> &seeds)
{
    const QString folder = root.filePath(u"corpus/"_s + target);
    if (!QDir().mkpath(folder)) {
        std::fprintf(stderr, "cannot make %s\n", qPrintable(folder));
        return false;
    }
    for (const auto &[name, bytes] : seeds)
        if (!write(folder + u'/' + name, bytes))
            return false;
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s TESTS_FUZZ_DIR\n", argv[0]);
        return 2;
    }
    const QDir root(QString::fromLocal8Bit(argv[1]));
    const QList<std::pair<QString, Frame>> frames = sampleFrames();
    QList<std::pair<QString, QByteArray>> payloads;
    for (const auto &[name, frame] : frames)
        payloads.append({name, payloadOf(frame)});
    const bool written = writeCorpus(root, u"framecodec"_s, frameCodecSeeds(frames))
                         && writeCorpus(root, u"wire"_s, payloads) && writeCorpus(root, u"recordcbor"_s, recordSeeds())
                         && writeCorpus(root, u"historyfile"_s, historySeeds())
                         && write(root.filePath(u"cbor.dict"_s), cborDictionary())
                         && write(root.filePath(u"json.dict"_s), jsonDictionary());
    return written ? 0 : 1;
}

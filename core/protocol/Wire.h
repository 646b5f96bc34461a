#pragma once

#include "protocol/DeviceInfo.h"
#include "protocol/Error.h"
#include "protocol/Frame.h"
#include "protocol/FrameCodec.h"
#include "protocol/Record.h"

#include <QCborArray>
#include <QCborMap>
#include <QList>
#include <QString>

#include <optional>

namespace huiji {

// The frame types client and server exchange, and the value types their bodies carry
// (docs/protocol.md lists each frame's fields). Defined once here so that the two sides cannot
// disagree.
namespace wire {

using namespace Qt::Literals::StringLiterals;

// Requests; each answer has the same type and echoes the request id, or is an `error` frame.
inline const QString hello = u"hello"_s;
inline const QString registerAccount = u"register"_s;
inline const QString login = u"login"_s;
inline const QString device = u"device"_s;
inline const QString send = u"send"_s;
inline const QString contacts = u"contacts"_s;
inline const QString contactAdd = u"contact-add"_s;
inline const QString contactAccept = u"contact-accept"_s;
inline const QString contactRemove = u"contact-remove"_s;
inline const QString devices = u"devices"_s;
inline const QString terminalSet = u"terminal-set"_s;
inline const QString terminalClear = u"terminal-clear"_s;
inline const QString deviceRename = u"device-rename"_s;
inline const QString deviceRevoke = u"device-revoke"_s; // sign a device out: its credential and connections end
inline const QString collectNow = u"collect-now"_s;       // the storage terminal asks the other devices (claim 13)
inline const QString collectUpload = u"collect-upload"_s; // a device hands over a batch of its stored records
// Several storage terminals and the server as a secondary (claims 2-5).
inline const QString terminalRemove = u"terminal-remove"_s; // one device stops being a storage terminal
inline const QString syncUpload = u"sync-upload"_s;         // the primary's merged records, for the secondaries
inline const QString archiveSet = u"archive-set"_s;         // the server keeps the account's history, or stops
inline const QString archive = u"archive"_s;                // whether it does, with what retention
inline const QString archiveRestore = u"archive-restore"_s; // a page of the server's archive, oldest first
inline const QString linkOffer = u"link-offer"_s;           // broker a direct link to a contact's device (claim 11)
inline const QString forward = u"forward"_s;                // hand over records seen on direct links (claim 12)
inline const QString forwardingSet = u"forwarding-set"_s;   // the account's forwarding policy
inline const QString forwardingGet = u"forwarding-get"_s;
// From the client, without an answer: records the device has committed.
inline const QString ack = u"ack"_s;
// Keeping a quiet connection: the server pings a logged-in device it has not heard from for a
// while, and the device answers pong at once (both with request id 0 and no body).
inline const QString ping = u"ping"_s;
inline const QString pong = u"pong"_s;
// Pushes from the server (request id 0).
inline const QString deliver = u"deliver"_s;
inline const QString presence = u"presence"_s;
inline const QString contact = u"contact"_s;
inline const QString terminal = u"terminal"_s;
inline const QString delivered = u"delivered"_s; // a device of the recipient has the sender's messages
inline const QString collect = u"collect"_s;     // send what the storage terminal may lack (claim 13)
inline const QString collected = u"collected"_s; // to the storage terminal: how a device's collection went
inline const QString linkIncoming = u"link-incoming"_s; // a contact's device will connect with this ticket
inline const QString forwarding = u"forwarding"_s;       // the account's forwarding policy changed
inline const QString error = u"error"_s;
// Between two devices on a direct link (claim 11): the connecting side's first frame presents
// the ticket, then each message is a request whose answer is its ack.
inline const QString linkHello = u"link-hello"_s;
inline const QString linkMessage = u"link-message"_s;

// An integer field of a body, or `fallback` when the field holds anything else. Never
// QCborValue::toInteger() on what a peer sent: it converts a double, and an unsigned number past
// qint64 (which QCborValue keeps as a double), with undefined behaviour when it does not fit. No
// field of this protocol is a double.
qint64 integerOf(const QCborValue &value, qint64 fallback = 0);

Frame errorFrame(qint64 requestId, const Error &failure);
// The error an `error` frame carries; a code this side does not know becomes ServerFailure.
Error errorOf(const Frame &frame);

enum class ContactState { Accepted, Outgoing, Incoming }; // Outgoing: we asked, they have not accepted
QString contactStateName(ContactState state);
std::optional<ContactState> contactStateFromName(QStringView name);

struct ContactEntry {
    QString user;
    ContactState state = ContactState::Accepted;
    bool online = false; // presence: one of the contact's devices is connected (accepted contacts only)

    friend bool operator==(const ContactEntry &, const ContactEntry &) = default;
};
QCborMap toCbor(const ContactEntry &entry);
ContactEntry contactFromCbor(const QCborMap &map);
QCborArray toCbor(const QList<ContactEntry> &entries);
QList<ContactEntry> contactsFromCbor(const QCborArray &array);

enum class TerminalRole { None, Primary, Secondary };
QString terminalRoleName(TerminalRole role);
std::optional<TerminalRole> terminalRoleFromName(QStringView name);

// What the server knows about one device of an account (claims 7-8).
struct DeviceEntry {
    DeviceInfo info;
    qint64 firstSeen = 0; // ms since the epoch
    qint64 lastSeen = 0;
    qint64 uses = 0;      // logins within the window asked for
    TerminalRole role = TerminalRole::None;
    bool online = false;
    QList<qint64> daily; // uses on each day of the window, oldest first, today last
    bool signedIn = false; // it holds a credential: it can log in without the password

    friend bool operator==(const DeviceEntry &, const DeviceEntry &) = default;
};
QCborMap toCbor(const DeviceInfo &info);
DeviceInfo deviceInfoFromCbor(const QCborMap &map);
QCborMap toCbor(const DeviceEntry &entry);
DeviceEntry deviceEntryFromCbor(const QCborMap &map);

// What the server did with the records a device handed over when asked for them (claim 13).
struct CollectionCounts {
    qint64 received = 0;   // records read
    qint64 duplicates = 0; // the storage terminal has them, or they are held for it already
    qint64 added = 0;      // held for the storage terminal now ("new" on the wire)
    qint64 refused = 0;    // not taken: malformed, or the id of another conversation
    qint64 conflicts = 0;  // of those refused: the id was filed before with other content

    CollectionCounts &operator+=(const CollectionCounts &other);
    friend bool operator==(const CollectionCounts &, const CollectionCounts &) = default;
};
QCborMap toCbor(const CollectionCounts &counts);
CollectionCounts collectionCountsFromCbor(const QCborMap &map);

// How large a message and a frame may be (docs/protocol.md, "Limits"): one pair, configured on the
// server and announced in its `hello` answer, by which both sides cut every batch. Messages are
// measured in bytes of UTF-8, what frames are made of: a limit in characters would let a CJK or
// emoji message be three or four times the size of a Latin one. A frame must carry the largest
// message alone with everything around it, so a batch cut by bytes always makes progress.
struct Limits {
    static constexpr qsizetype defaultMessageBytes = 64 * 1024;
    static constexpr qsizetype defaultFrameBytes = FrameCodec::defaultMaxFrameSize;
    // Frames other than batches (lists, answers) need room too; and a client accepts no more than
    // the cap, so that a server cannot make it buffer without bound.
    static constexpr qsizetype minFrameBytes = 64 * 1024;
    static constexpr qsizetype maxFrameBytesCap = qsizetype{64} << 20;
    // A record's fields other than its body (id, names, device, times and the keys) take at most
    // this; a record with more is refused where it enters, like one with a body over the limit.
    static constexpr qsizetype recordFieldsBytes = 1536;
    // What a batch adds to a record: the server relabels it for the receiving account (names
    // swapped, a device id) and wraps it with a sequence number.
    static constexpr qsizetype entrySlackBytes = 512;
    // A device label at its longest (id 64, name 128, platform 64 characters, 3 bytes each).
    static constexpr qsizetype labelBytes = 1024;
    // A frame's type, request id and body fields other than its records and labels.
    static constexpr qsizetype frameFieldsBytes = 1024;
    static constexpr qsizetype recordOverheadBytes = recordFieldsBytes + entrySlackBytes + labelBytes + frameFieldsBytes;

    qsizetype maxMessageBytes = defaultMessageBytes; // a message body, in bytes of UTF-8
    qsizetype maxFrameBytes = defaultFrameBytes;     // a frame's CBOR, without its 4-byte length

    // What the records (or batch entries) and device labels of one frame may add up to.
    qsizetype batchBytes() const { return maxFrameBytes - frameFieldsBytes; }
    // The largest batch entry a record that passed checkRecord() can make.
    qsizetype maxEntryBytes() const { return maxMessageBytes + recordFieldsBytes + entrySlackBytes; }

    // Whether the frame limit can carry the largest message with its record, label and frame.
    Result<void> check() const;
    // A message body within maxMessageBytes, or InvalidRecord saying by how much it is over.
    Result<qsizetype> checkBody(const QString &body) const; // its UTF-8 bytes when it fits
    // A record that may travel: its body within the limit and its other fields within
    // recordFieldsBytes. Returns the size of its encoding (RecordCbor), what a batch counts.
    Result<qsizetype> checkRecord(const Record &record) const;

    // The `hello` answer's fields, and back: a missing pair is the defaults (an older server), and
    // what a client takes is kept within minFrameBytes and maxFrameBytesCap.
    QCborMap toCbor() const;
    static Limits fromCbor(const QCborMap &answer);

    friend bool operator==(const Limits &, const Limits &) = default;
};

// A collect-upload batch holds at most this many records; the server refuses a larger one.
inline constexpr qsizetype maxCollectRecords = 500;
// A sync-upload batch, likewise; an archive-restore page has at most maxRestoreRecords.
inline constexpr qsizetype maxSyncRecords = 500;
inline constexpr qsizetype maxRestoreRecords = 200;

// An account's storage terminals as the `device` answer and the `terminal` push carry them.
struct TerminalEntry {
    QString device;
    TerminalRole role = TerminalRole::Primary;

    friend bool operator==(const TerminalEntry &, const TerminalEntry &) = default;
};
QCborArray toCbor(const QList<TerminalEntry> &terminals);
QList<TerminalEntry> terminalsFromCbor(const QCborArray &array);

// A forward batch holds at most this many records, like a collect-upload batch.
inline constexpr qsizetype maxForwardRecords = maxCollectRecords;

// When a device that is not the storage terminal forwards its direct-link records (claim 12).
struct ForwardingPolicy {
    enum class Mode { AtOnce, Interval, Threshold, OnClose };
    static constexpr qint64 defaultMinutes = 5;
    static constexpr qint64 defaultCharacters = 200;

    Mode mode = Mode::Interval;
    qint64 amount = defaultMinutes; // minutes for Interval, characters for Threshold, else 0

    friend bool operator==(const ForwardingPolicy &, const ForwardingPolicy &) = default;
};
QString forwardingModeName(ForwardingPolicy::Mode mode);
std::optional<ForwardingPolicy::Mode> forwardingModeFromName(QStringView name);
QCborMap toCbor(const ForwardingPolicy &policy);
// Refuses an unknown mode, or an amount out of range (1 to 1440 minutes, 1 to 1,000,000 characters).
Result<ForwardingPolicy> forwardingPolicyFromCbor(const QCborMap &map);

enum class DeviceOrder { Frequency, Recency };
QString deviceOrderName(DeviceOrder order);
std::optional<DeviceOrder> deviceOrderFromName(QStringView name);

} // namespace wire
} // namespace huiji

#include "protocol/FrameCodec.h"

#include <QCborStreamReader>
#include <QCborValue>
#include <QtEndian>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

FrameCodec::FrameCodec(qsizetype maxFrameSize) : m_maxFrameSize(maxFrameSize) {}

QByteArray FrameCodec::encode(const Frame &frame)
{
    QCborMap map{{u"type"_s, frame.type}};
    if (frame.requestId != 0)
        map.insert(u"id"_s, frame.requestId);
    if (!frame.body.isEmpty())
        map.insert(u"body"_s, frame.body);
    const QByteArray payload = map.toCborValue().toCbor();
    QByteArray bytes(headerSize, Qt::Uninitialized);
    qToBigEndian(static_cast<quint32>(payload.size()), bytes.data());
    return bytes + payload;
}

void FrameCodec::append(QByteArrayView bytes)
{
    // Drop what was handed out once it is most of the buffer, so the buffer stays about one frame.
    if (m_consumed > 0 && m_consumed >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_consumed);
        m_consumed = 0;
    }
    m_buffer.append(bytes);
}

Result<std::optional<Frame>> FrameCodec::next()
{
    if (buffered() < headerSize)
        return std::optional<Frame>();
    const auto length = static_cast<qsizetype>(qFromBigEndian<quint32>(m_buffer.constData() + m_consumed));
    if (length > m_maxFrameSize)
        return fail(ErrorCode::FrameTooLarge,
                    u"a frame of %1 bytes is over the limit of %2"_s.arg(length).arg(m_maxFrameSize));
    if (buffered() < headerSize + length)
        return std::optional<Frame>();
    const QByteArrayView payload(m_buffer.constData() + m_consumed + headerSize, length);
    m_consumed += headerSize + length;
    auto frame = decode(payload);
    if (!frame)
        return std::unexpected(frame.error());
    return std::optional<Frame>(std::move(*frame));
}

Result<Frame> FrameCodec::decode(QByteArrayView payload)
{
    QCborStreamReader reader(payload.constData(), payload.size());
    const QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return fail(ErrorCode::MalformedFrame, u"a frame is not CBOR: %1"_s.arg(reader.lastError().toString()));
    if (reader.currentOffset() != payload.size())
        return fail(ErrorCode::MalformedFrame, u"a frame has bytes after its CBOR map"_s);
    if (!value.isMap())
        return fail(ErrorCode::MalformedFrame, u"a frame is not a CBOR map"_s);

    const QCborMap map = value.toMap();
    Frame frame;
    frame.type = map.value(u"type"_s).toString();
    if (frame.type.isEmpty())
        return fail(ErrorCode::MalformedFrame, u"a frame has no type"_s);
    const QCborValue id = map.value(u"id"_s);
    if (!id.isUndefined() && (!id.isInteger() || id.toInteger() < 0))
        return fail(ErrorCode::MalformedFrame, u"a frame's request id is not a positive integer"_s);
    frame.requestId = id.toInteger();
    const QCborValue body = map.value(u"body"_s);
    if (!body.isUndefined() && !body.isMap())
        return fail(ErrorCode::MalformedFrame, u"a frame's body is not a map"_s);
    frame.body = body.toMap();
    return frame;
}

} // namespace huiji

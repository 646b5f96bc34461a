#pragma once

#include "protocol/Error.h"
#include "protocol/Frame.h"

#include <QByteArray>

#include <optional>

namespace huiji {

// Frames to bytes and back: a 4-byte big-endian length, then one CBOR map. The decoder takes bytes
// as they arrive in any pieces and hands out whole frames. A length over the limit is refused from
// its header alone, before the body is buffered, so a peer cannot make the receiver hold more than
// one frame's limit.
class FrameCodec
{
public:
    static constexpr int protocolVersion = 1;
    static constexpr qsizetype defaultMaxFrameSize = qsizetype{1} << 20;
    static constexpr qsizetype headerSize = 4;

    explicit FrameCodec(qsizetype maxFrameSize = defaultMaxFrameSize);

    static QByteArray encode(const Frame &frame);

    // From the next frame on: a client learns the server's limit from its `hello` answer, and a
    // server connection raises its limit once its peer has logged in.
    void setMaxFrameSize(qsizetype maxFrameSize) { m_maxFrameSize = maxFrameSize; }

    void append(QByteArrayView bytes);
    // The next whole frame, nothing while one is incomplete, or an error after which the stream
    // cannot be trusted: the connection is to be answered with an error frame and closed.
    Result<std::optional<Frame>> next();

    qsizetype buffered() const { return m_buffer.size() - m_consumed; }

private:
    static Result<Frame> decode(QByteArrayView payload);

    qsizetype m_maxFrameSize;
    QByteArray m_buffer;
    qsizetype m_consumed = 0; // bytes at the front of m_buffer already handed out
};

} // namespace huiji

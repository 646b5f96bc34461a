// libFuzzer target: the frame decoder (FrameCodec) fed a stream in pieces the input chooses.
// Input: two bytes, big-endian, the frame limit in bytes (0 to 65535) until the first frame is
// out; two bytes, the limit from then on (setMaxFrameSize: a server connection raises it once
// its peer logged in, a client takes the server's from the `hello` answer); then pieces, each one
// byte n and then n bytes of the stream (the last piece may be shorter). After every piece the
// decoder is drained. Properties:
// - a refusal is MalformedFrame or FrameTooLarge, says why, and ends the stream;
// - a frame handed out encodes to bytes that decode to the same frame;
// - what the decoder holds stays under a header plus the limit (it refuses from the header).

#include "FuzzCheck.h"

#include "protocol/FrameCodec.h"

using namespace huiji;
using namespace huiji::fuzz;

namespace {

void requireRoundTrip(const Frame &frame)
{
    const QByteArray bytes = FrameCodec::encode(frame);
    FrameCodec codec(bytes.size());
    codec.append(bytes);
    const auto again = codec.next();
    require(again && again->has_value() && **again == frame, "a frame's own encoding decodes to the frame");
    require(codec.buffered() == 0, "a frame's encoding is consumed whole");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    qsizetype limit = qsizetype{data[0]} << 8 | data[1];
    const qsizetype laterLimit = qsizetype{data[2]} << 8 | data[3];
    FrameCodec codec(limit);
    for (size_t at = 4; at < size;) {
        const size_t piece = std::min<size_t>(data[at], size - at - 1);
        codec.append(bytesOf(data + at + 1, piece));
        at += 1 + piece;
        for (;;) {
            const auto next = codec.next();
            if (!next) {
                require(next.error().code == ErrorCode::MalformedFrame || next.error().code == ErrorCode::FrameTooLarge,
                        "a stream is refused as malformed or too large");
                require(!next.error().message.isEmpty(), "a refused stream says why");
                return 0;
            }
            if (!next->has_value())
                break;
            requireRoundTrip(**next);
            limit = laterLimit;
            codec.setMaxFrameSize(limit);
        }
        require(codec.buffered() < FrameCodec::headerSize + limit, "the decoder holds less than one frame's limit");
    }
    return 0;
}

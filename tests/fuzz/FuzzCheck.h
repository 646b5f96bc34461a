#pragma once

#include <QByteArrayView>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace huiji::fuzz {

// A property every input must keep. A broken one aborts, which libFuzzer reports as a crash and
// saves the input that broke it.
inline void require(bool holds, const char *property)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz property broken: %s\n", property);
        std::abort();
    }
}

inline QByteArrayView bytesOf(const uint8_t *data, size_t size)
{
    return {reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)};
}

} // namespace huiji::fuzz

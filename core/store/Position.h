#pragma once

#include "protocol/Record.h"

namespace huiji {

// A record's place in the merged history: its order time (Record::orderTime, milliseconds) in the
// high bits and a 20-bit tie-break taken from its id (or content key) in the low bits. Positions are
// unique in a store, so "older than position p" is a keyset cursor that never skips or repeats a
// record, however many records share one millisecond.
namespace position {

inline constexpr int tieBits = 20;
inline constexpr qint64 tieMask = (qint64{1} << tieBits) - 1;

constexpr qint64 make(qint64 orderTime, qint64 tie) { return (orderTime << tieBits) | (tie & tieMask); }
constexpr qint64 timeOf(qint64 position) { return position >> tieBits; }

// The first position at or after a time: records at that millisecond or later are >= it.
constexpr qint64 atTime(qint64 millis) { return make(millis, 0); }

inline constexpr qint64 newest = make(maxRecordTime, tieMask) + 1; // after every record

} // namespace position
} // namespace huiji

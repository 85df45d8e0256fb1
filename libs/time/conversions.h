#pragma once
// absl::Time ↔ the forms it takes at the edges: google.protobuf.Timestamp on the wire,
// microseconds since the epoch in PostgreSQL (timestamptz has microsecond precision).

#include <cstdint>

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/time.h"

namespace meldpunt::time {

absl::Time FromProto(const google::protobuf::Timestamp& timestamp);
// Nanosecond precision; times outside Timestamp's range (years 1–9999) are clamped to it.
google::protobuf::Timestamp ToProto(absl::Time t);

// The instant as the database keeps it: truncated toward the past to whole microseconds, so an
// answer given before the row is read back equals one given after.
google::protobuf::Timestamp ToProtoMicros(absl::Time t);

std::int64_t ToMicros(absl::Time t);
absl::Time FromMicros(std::int64_t micros);

}  // namespace meldpunt::time

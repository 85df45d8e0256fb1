#pragma once
// Instants between absl::Time, protobuf Timestamps and SQL. SQL takes and gives microseconds
// since the epoch as bigint, so no text format or time zone is involved and values round-trip
// exactly; every instant comes from the caller's clock (`now`), never from the database's.

#include <cstdint>

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/time.h"

namespace meldpunt::identity::tokens {

google::protobuf::Timestamp ToTimestamp(absl::Time t);

// Microseconds since the epoch (truncated toward the past), as bound into SQL.
std::int64_t ToMicros(absl::Time t);
absl::Time FromMicros(std::int64_t micros);

}  // namespace meldpunt::identity::tokens

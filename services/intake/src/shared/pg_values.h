#pragma once
// Turning values into libpqxx 6 parameters and back where the library has no conversion of its
// own: arrays, doubles at full precision, timestamps as microseconds.

#include <cstdint>
#include <string>
#include <vector>

#include <google/protobuf/timestamp.pb.h>

namespace meldpunt::intake {

// Enough digits that PostgreSQL reads back exactly the same double.
std::string ExactDouble(double value);

google::protobuf::Timestamp TimestampFromMicros(std::int64_t micros);
std::int64_t MicrosFromTimestamp(const google::protobuf::Timestamp& timestamp);

// A timestamptz from the bigint parameter param ("$7"), microseconds since the epoch. (The other
// way, a column as microseconds, is written out in each query:
// (extract(epoch from created_at) * 1000000)::bigint.)
std::string SqlFromMicros(const std::string& param);

}  // namespace meldpunt::intake

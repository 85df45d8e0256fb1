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

// SQL fragments: a timestamptz column as microseconds since the epoch, and back.
#define MELDPUNT_SQL_MICROS(column) "(extract(epoch from " column ") * 1000000)::bigint"
#define MELDPUNT_SQL_FROM_MICROS(param) "(timestamptz 'epoch' + (" param ")::bigint * interval '1 microsecond')"

// The same for a parameter name built at run time ("$7").
std::string SqlFromMicros(const std::string& param);

}  // namespace meldpunt::intake

#include "services/intake/src/shared/pg_values.h"

#include "absl/strings/str_format.h"

namespace meldpunt::intake {

std::string SqlFromMicros(const std::string& param) {
  return "(timestamptz 'epoch' + " + param + "::bigint * interval '1 microsecond')";
}

std::string ExactDouble(double value) { return absl::StrFormat("%.17g", value); }

google::protobuf::Timestamp TimestampFromMicros(std::int64_t micros) {
  std::int64_t seconds = micros / 1000000;
  std::int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  t.set_nanos(static_cast<std::int32_t>(rest * 1000));
  return t;
}

std::int64_t MicrosFromTimestamp(const google::protobuf::Timestamp& timestamp) {
  return timestamp.seconds() * 1000000 + timestamp.nanos() / 1000;
}

}  // namespace meldpunt::intake

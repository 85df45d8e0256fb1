#include "services/identity/src/tokens/time_values.h"

namespace meldpunt::identity::tokens {

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  const std::int64_t micros = ToMicros(t);
  std::int64_t seconds = micros / 1000000;
  std::int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  google::protobuf::Timestamp out;
  out.set_seconds(seconds);
  out.set_nanos(static_cast<std::int32_t>(rest * 1000));
  return out;
}

std::int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }

absl::Time FromMicros(std::int64_t micros) { return absl::FromUnixMicros(micros); }

}  // namespace meldpunt::identity::tokens

#include "libs/time/conversions.h"

#include <algorithm>

#include <google/protobuf/util/time_util.h>

namespace meldpunt::time {

using google::protobuf::util::TimeUtil;

absl::Time FromProto(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

google::protobuf::Timestamp ToProto(absl::Time t) {
  const absl::Time min = absl::FromUnixSeconds(TimeUtil::kTimestampMinSeconds);
  const absl::Time max = absl::FromUnixSeconds(TimeUtil::kTimestampMaxSeconds);
  t = std::clamp(t, min, max);
  google::protobuf::Timestamp out;
  const int64_t seconds = absl::ToUnixSeconds(t);
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return out;
}

google::protobuf::Timestamp ToProtoMicros(absl::Time t) {
  return ToProto(FromMicros(ToMicros(t)));
}

std::int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }

absl::Time FromMicros(std::int64_t micros) { return absl::FromUnixMicros(micros); }

}  // namespace meldpunt::time

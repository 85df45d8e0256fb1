#include "libs/server/deadline.h"

#include <algorithm>

namespace meldpunt::server {

TimePoint EffectiveDeadline(TimePoint client_deadline, TimePoint now, const DeadlinePolicy& policy) {
  const TimePoint cap = now + policy.max_timeout;
  // gRPC reports "no deadline" as a time far in the future; anything beyond the cap is capped.
  if (client_deadline == TimePoint::max() || client_deadline > now + std::chrono::hours(24 * 365)) {
    return std::min(now + policy.default_timeout, cap);
  }
  return std::min(client_deadline, cap);
}

}  // namespace meldpunt::server

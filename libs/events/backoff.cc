#include "libs/events/backoff.h"

#include <algorithm>
#include <cmath>

namespace meldpunt::events {

std::chrono::milliseconds BackoffDelay(const BackoffPolicy& policy, int attempt,
                                       double jitter_unit) {
  const double initial = static_cast<double>(std::max<std::int64_t>(0, policy.initial.count()));
  const double cap = static_cast<double>(std::max<std::int64_t>(0, policy.max.count()));
  const double multiplier = std::max(1.0, policy.multiplier);
  // Computed in double and capped before converting, so a large attempt cannot overflow.
  double delay = initial * std::pow(multiplier, std::max(0, attempt - 1));
  if (!(delay <= cap)) delay = cap;  // also catches inf
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0) * std::clamp(jitter_unit, 0.0, 1.0);
  delay *= 1.0 - jitter;
  return std::chrono::milliseconds(static_cast<std::int64_t>(delay));
}

std::chrono::milliseconds Backoff::Next() {
  if (failures_ < 1000) ++failures_;
  return BackoffDelay(policy_, failures_, absl::Uniform(random_, 0.0, 1.0));
}

}  // namespace meldpunt::events

#pragma once
// How fast each kind of caller may call each class of method: a token bucket (rate per second,
// burst) per (caller, method rate class), and what happens to that class when Redis, which keeps
// the buckets, cannot be reached.
//
// Callers: an API client by its rate class (low / standard / high), and a person (citizen or
// staff, by token subject) with one "user" limit. A client acting for a person draws from both.
//
// Redis down — per method class:
//   read, write, upload, analytics: FAIL OPEN. A city's reporting point must keep taking reports
//     and showing them when a cache is down; every service still bounds its own work (worker
//     queue → RESOURCE_EXHAUSTED SERVER_BUSY), so overload cannot pile up unbounded.
//   login, admin: FAIL CLOSED (UNAVAILABLE, RATE_LIMITER_UNAVAILABLE, retry in 1 s). Their limit is
//     a security control (password guessing, key minting), and they are rare enough that a
//     short refusal hurts no one.

#include <array>
#include <string>

#include "absl/status/statusor.h"
#include "libs/rate_limit/rate_limiter.h"
#include "meldpunt/gateway/v1/api_client.pb.h"
#include "services/gateway/src/api/method_policy.h"

namespace meldpunt::gateway {

enum class CallerTier { kLow, kStandard, kHigh, kUser };

class RateLimits {
 public:
  // The defaults described in services/gateway/README.md.
  static RateLimits Defaults();

  // Defaults with overrides: "read.standard=100/200,login.user=0.2/5,upload.fail=closed".
  // Entries are <class>.<low|standard|high|user>=<per second>/<burst> or <class>.fail=open|closed.
  static absl::StatusOr<RateLimits> Parse(const std::string& overrides);

  const rate_limit::BucketLimit& Get(MethodRateClass rate_class, CallerTier tier) const;
  bool FailOpen(MethodRateClass rate_class) const;

  void Set(MethodRateClass rate_class, CallerTier tier, rate_limit::BucketLimit limit);
  void SetFailOpen(MethodRateClass rate_class, bool fail_open);

 private:
  static constexpr std::size_t kClasses = 6;
  static constexpr std::size_t kTiers = 4;
  std::array<std::array<rate_limit::BucketLimit, kTiers>, kClasses> limits_{};
  std::array<bool, kClasses> fail_open_{};
};

CallerTier TierOf(v1::RateClass rate_class);
std::string_view TierName(CallerTier tier);

}  // namespace meldpunt::gateway

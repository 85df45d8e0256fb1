#pragma once
// Token buckets. One call takes one token from each of its buckets, all or none. Shared by the
// gateway (per API client and person, per method class) and identity (per tenant × staff user
// name at login); what a bucket stands for is the caller's business, this library only counts.

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace meldpunt::rate_limit {

struct BucketLimit {
  double per_second = 1;  // refill rate
  double burst = 1;       // capacity
};

struct Bucket {
  std::string key;  // the Redis key, e.g. "meldpunt:gateway:rl:client:<id>:read"
  BucketLimit limit;
};

// ErrorInfo reasons of Acquire.
inline constexpr char kRateLimited[] = "RATE_LIMITED";
inline constexpr char kRateLimiterUnavailable[] = "RATE_LIMITER_UNAVAILABLE";

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // OK and one token taken from every bucket; or RESOURCE_EXHAUSTED (RATE_LIMITED) with a
  // google.rpc.RetryInfo saying when the emptiest bucket has a token again, nothing taken. When
  // the store is unreachable: OK if fail_open, else UNAVAILABLE (RATE_LIMITER_UNAVAILABLE) with a
  // RetryInfo of 1 s.
  virtual absl::Status Acquire(const std::vector<Bucket>& buckets, bool fail_open) = 0;
};

}  // namespace meldpunt::rate_limit

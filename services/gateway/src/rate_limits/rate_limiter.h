#pragma once
// Token buckets. One call takes one token from each of its buckets, all or none.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/gateway/src/rate_limits/rate_limits.h"

namespace meldpunt::gateway {

struct Bucket {
  std::string key;  // e.g. "meldpunt:gateway:rl:client:<id>:read"
  BucketLimit limit;
};

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // OK and one token taken from every bucket; or RESOURCE_EXHAUSTED (RATE_LIMITED) with a
  // google.rpc.RetryInfo saying when the emptiest bucket has a token again, nothing taken. When
  // the store is unreachable: OK if fail_open, else UNAVAILABLE (RATE_LIMITER_UNAVAILABLE).
  virtual absl::Status Acquire(const std::vector<Bucket>& buckets, bool fail_open) = 0;
};

}  // namespace meldpunt::gateway

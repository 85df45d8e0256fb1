#pragma once
// RateLimiter on Redis: every bucket of a call is read, refilled and charged by one Lua script, so
// concurrent replicas (of the gateway, of identity) never both spend the last token. The script is called by its SHA-1
// (EVALSHA); after a Redis restart or SCRIPT FLUSH the answer is NOSCRIPT and the call is repeated
// with the script's text (EVAL, which also caches it again). Time comes from Redis (TIME), so
// replicas with drifting clocks share one notion of "now".

#include <atomic>
#include <string>

#include "libs/rate_limit/rate_limiter.h"
#include "libs/redis/client.h"

namespace meldpunt::rate_limit {

class RedisRateLimiter final : public RateLimiter {
 public:
  explicit RedisRateLimiter(redis::RedisClient* redis);

  absl::Status Acquire(const std::vector<Bucket>& buckets, bool fail_open) override;

  // Calls that went through without a limit because Redis was unreachable (for metrics).
  uint64_t failed_open() const { return failed_open_.load(); }

  static const std::string& Script();
  const std::string& script_sha1() const { return sha1_; }

 private:
  redis::RedisClient* redis_;
  std::string sha1_;
  std::atomic<uint64_t> failed_open_{0};
};

}  // namespace meldpunt::rate_limit

#include "libs/rate_limit/redis_rate_limiter.h"

#include <openssl/sha.h>

#include <cmath>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/redis/errors.h"
#include "libs/status/status.h"

namespace meldpunt::rate_limit {
namespace {

// KEYS: the buckets. ARGV[1]: tokens to take; then per bucket: refill per millisecond, burst.
// State per bucket: a hash {tokens, ts (ms)}, expiring once it would be full again anyway.
// Answers {1, 0} when taken, {0, ms until every bucket has enough} when not.
constexpr char kScript[] = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost = tonumber(ARGV[1])
local levels = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[2 * i])
  local burst = tonumber(ARGV[2 * i + 1])
  local state = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens = tonumber(state[1])
  local ts = tonumber(state[2])
  if tokens == nil or ts == nil then
    tokens = burst
    ts = now
  end
  if now > ts then
    tokens = math.min(burst, tokens + (now - ts) * rate)
  end
  levels[i] = tokens
  if tokens < cost then
    local need = math.ceil((cost - tokens) / rate)
    if need > wait then wait = need end
  end
end
if wait > 0 then
  return {0, wait}
end
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[2 * i])
  local burst = tonumber(ARGV[2 * i + 1])
  redis.call('HSET', key, 'tokens', tostring(levels[i] - cost), 'ts', tostring(now))
  redis.call('PEXPIRE', key, math.ceil(burst / rate) + 1000)
end
return {1, 0}
)lua";

std::string Sha1Hex(const std::string& text) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

const std::string& RedisRateLimiter::Script() {
  static const std::string* script = new std::string(kScript);
  return *script;
}

RedisRateLimiter::RedisRateLimiter(redis::RedisClient* redis)
    : redis_(redis), sha1_(Sha1Hex(Script())) {}

absl::Status RedisRateLimiter::Acquire(const std::vector<Bucket>& buckets, bool fail_open) {
  if (buckets.empty()) return absl::OkStatus();
  std::vector<std::string> args = {"EVALSHA", sha1_, std::to_string(buckets.size())};
  for (const auto& b : buckets) args.push_back(b.key);
  args.push_back("1");
  for (const auto& b : buckets) {
    args.push_back(Number(b.limit.per_second / 1000.0));
    args.push_back(Number(b.limit.burst));
  }
  absl::StatusOr<redis::RedisReply> reply = redis_->Command(args);
  if (!reply.ok() && redis::IsRedisError(reply.status(), "NOSCRIPT")) {
    args[0] = "EVAL";
    args[1] = Script();
    reply = redis_->Command(args);
  }
  if (!reply.ok() || !reply->is_array() || reply->elements.size() != 2 ||
      !reply->elements[0].is_integer() || !reply->elements[1].is_integer()) {
    if (fail_open) {
      failed_open_.fetch_add(1);
      return absl::OkStatus();
    }
    absl::Status s = status::Unavailable(
        kRateLimiterUnavailable, "rate limits cannot be checked right now; retry shortly");
    status::SetRetryDelay(s, std::chrono::seconds(1));
    return s;
  }
  if (reply->elements[0].integer == 1) return absl::OkStatus();
  const auto wait_ms = std::max<int64_t>(1, reply->elements[1].integer);
  absl::Status s = status::Error(absl::StatusCode::kResourceExhausted, kRateLimited,
                                 absl::StrCat("rate limit reached; retry in ", wait_ms, " ms"));
  status::SetRetryDelay(s, std::chrono::milliseconds(wait_ms));
  return s;
}

}  // namespace meldpunt::rate_limit

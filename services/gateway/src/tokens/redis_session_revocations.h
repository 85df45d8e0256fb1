#pragma once
// SessionRevocations on Redis: identity sets `meldpunt:revoked-session:<session id>` (expiring a
// little after the longest access token) when it revokes a session; one EXISTS per bearer call.
//
// Redis unreachable → the token is accepted: access tokens live minutes, and refusing every
// person while Redis is down would take the whole city offline for a revocation that will expire
// on its own shortly. Same stance as the rate limiter for reads and writes. Each such call is
// counted (failed_open) and a warning is logged, at most every 10 s, without anything of the token.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

#include "absl/time/time.h"
#include "libs/time/clock.h"
#include "libs/observability/log.h"
#include "libs/redis/client.h"
#include "services/gateway/src/tokens/session_revocations.h"

namespace meldpunt::gateway {

inline constexpr char kRevokedSessionKeyPrefix[] = "meldpunt:revoked-session:";

class RedisSessionRevocations final : public SessionRevocations {
 public:
  // log may be null (no warnings).
  RedisSessionRevocations(redis::RedisClient* redis, observability::Logger* log,
                          const time::Clock* clock = &time::DefaultClock())
      : redis_(redis), log_(log), clock_(clock) {}

  absl::Status Check(std::string_view session_id) override;

  // Tokens accepted unchecked because Redis did not answer (for metrics).
  uint64_t failed_open() const { return failed_open_.load(); }

 private:
  void Warn(const absl::Status& error);

  redis::RedisClient* redis_;
  observability::Logger* log_;
  const time::Clock* clock_;
  std::atomic<uint64_t> failed_open_{0};
  std::mutex log_mu_;
  absl::Time last_warning_ = absl::InfinitePast();
};

}  // namespace meldpunt::gateway

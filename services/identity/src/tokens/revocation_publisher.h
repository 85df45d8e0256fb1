#pragma once
// Telling the gateway that a session ended, so it refuses the session's access tokens before
// they expire: Redis key meldpunt:revoked-session:<session id> = "1", expiring when the last
// access token of the session can no longer be valid (RevocationTtl()).

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/redis/client.h"

namespace meldpunt::identity::tokens {

// "meldpunt:revoked-session:<session id>", the key the gateway looks up by the token's sid.
std::string RevokedSessionKey(std::string_view session_id);

class RevocationPublisher {
 public:
  virtual ~RevocationPublisher() = default;
  virtual absl::Status PublishRevoked(std::string_view session_id, absl::Duration ttl) = 0;
};

class RedisRevocationPublisher final : public RevocationPublisher {
 public:
  // client (a HiredisClient in the service) must outlive the publisher.
  explicit RedisRevocationPublisher(redis::RedisClient* client) : client_(client) {}

  // SET <key> 1 PX <ttl ms>. UNAVAILABLE REDIS_UNAVAILABLE when Redis does not answer.
  absl::Status PublishRevoked(std::string_view session_id, absl::Duration ttl) override;

 private:
  redis::RedisClient* client_;
};

}  // namespace meldpunt::identity::tokens

#include "services/identity/src/tokens/revocation_publisher.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace meldpunt::identity::tokens {

std::string RevokedSessionKey(std::string_view session_id) {
  return absl::StrCat("meldpunt:revoked-session:", std::string(session_id));
}

absl::Status RedisRevocationPublisher::PublishRevoked(std::string_view session_id,
                                                      absl::Duration ttl) {
  // PX needs a positive integer; a sub-millisecond remainder still marks the session.
  const std::int64_t millis = std::max<std::int64_t>(1, absl::ToInt64Milliseconds(ttl));
  auto reply = client_->Command({"SET", RevokedSessionKey(session_id), "1", "PX", absl::StrCat(millis)});
  return reply.status();
}

}  // namespace meldpunt::identity::tokens

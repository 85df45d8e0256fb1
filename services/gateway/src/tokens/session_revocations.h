#pragma once
// Whether a login session has been revoked (logout, refresh-token replay) while its short-lived
// access tokens are still unexpired. Identity writes the mark; the gateway only reads it.

#include <string_view>

#include "absl/status/status.h"

namespace meldpunt::gateway {

class SessionRevocations {
 public:
  virtual ~SessionRevocations() = default;
  // OK, or UNAUTHENTICATED TOKEN_REVOKED. Blocking (one store round trip): call it off the gRPC
  // event threads.
  virtual absl::Status Check(std::string_view session_id) = 0;
};

}  // namespace meldpunt::gateway

#pragma once
// A person's bearer token, verified. The interface lets the key source change (identity's
// GetSigningKeys with rotation, issue "Identity service") without touching the gateway's callers.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "meldpunt/common/v1/principal.pb.h"
#include "services/gateway/src/roles.h"

namespace meldpunt::gateway {

struct UserToken {
  std::string subject;
  std::string tenant_id;
  // CITIZEN when the token's only role is citizen, STAFF otherwise (a token mixing both is refused).
  common::v1::PrincipalKind kind = common::v1::PRINCIPAL_KIND_UNSPECIFIED;
  std::vector<Role> roles;
  absl::Time expires_at;
};

class TokenVerifier {
 public:
  virtual ~TokenVerifier() = default;
  // UNAUTHENTICATED with a TOKEN_* reason naming the check that failed.
  virtual absl::StatusOr<UserToken> Verify(std::string_view token, absl::Time now) const = 0;
};

}  // namespace meldpunt::gateway

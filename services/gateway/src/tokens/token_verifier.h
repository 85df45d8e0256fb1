#pragma once
// A person's bearer token, verified. JwtVerifier is the one implementation; the interface keeps
// admission testable with a fake.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "meldpunt/common/v1/principal.pb.h"
#include "services/gateway/src/api/roles.h"

namespace meldpunt::gateway {

struct UserToken {
  std::string subject;
  std::string tenant_id;
  // CITIZEN when the token's only role is citizen, STAFF otherwise (a token mixing both is refused).
  common::v1::PrincipalKind kind = common::v1::PRINCIPAL_KIND_UNSPECIFIED;
  std::vector<Role> roles;
  absl::Time expires_at;
  // The token's "sid": the login session it belongs to (revocable); "" when it names none.
  std::string session_id;
  // A citizen token's "acr": how the citizen identified at the session's login. UNSPECIFIED for
  // staff, and for a citizen token without it (which then passes no assurance check).
  common::v1::AssuranceLevel assurance = common::v1::ASSURANCE_LEVEL_UNSPECIFIED;
};

class TokenVerifier {
 public:
  virtual ~TokenVerifier() = default;
  // UNAUTHENTICATED with a TOKEN_* reason naming the check that failed.
  virtual absl::StatusOr<UserToken> Verify(std::string_view token, absl::Time now) const = 0;
};

}  // namespace meldpunt::gateway

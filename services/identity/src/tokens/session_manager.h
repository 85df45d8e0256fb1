#pragma once
// Sessions: what a login yields (a short access token and a long refresh token), how it is
// renewed and how it ends. The interface the service's handlers use; tokens::PgSessionManager is
// the implementation.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "meldpunt/common/v1/assurance.pb.h"
#include "meldpunt/common/v1/principal.pb.h"
#include "meldpunt/identity/v1/identity_service.pb.h"
#include "meldpunt/identity/v1/session.pb.h"

namespace meldpunt::identity {

// Who a session is for. Roles are fixed for the session's life (a staff member whose roles
// change gets them at the next login, at most the staff refresh lifetime later).
struct SessionSubject {
  std::string tenant_id;
  std::string subject;  // citizen id or staff id
  common::v1::PrincipalKind kind = common::v1::PRINCIPAL_KIND_UNSPECIFIED;  // CITIZEN or STAFF
  std::vector<common::v1::Role> roles;
  // A citizen's level at this login (not the profile's best); carried by every access token of
  // the session (claim "acr"). UNSPECIFIED for staff.
  common::v1::AssuranceLevel assurance = common::v1::ASSURANCE_LEVEL_UNSPECIFIED;
};

class SessionManager {
 public:
  virtual ~SessionManager() = default;

  // A new session with its first tokens. INVALID_ARGUMENT SESSION_SUBJECT_INVALID for a subject
  // without tenant, id, a citizen/staff kind or roles.
  virtual absl::StatusOr<v1::SessionTokens> Open(const SessionSubject& subject, absl::Time now) = 0;

  // Exchanges the session's latest refresh token for new tokens; the presented one is spent.
  // UNAUTHENTICATED: REFRESH_TOKEN_INVALID (unknown/expired/other tenant), REFRESH_TOKEN_REUSED
  // (an already-rotated token: the whole session is revoked), SESSION_REVOKED.
  virtual absl::StatusOr<v1::SessionTokens> Refresh(std::string_view tenant_id,
                                                    std::string_view refresh_token,
                                                    absl::Time now) = 0;

  // Ends the session the token belongs to (logout). Any token of the session, spent or not,
  // identifies it. Returns when the session ended (the first time, if it already had).
  // UNAUTHENTICATED REFRESH_TOKEN_INVALID for an unknown or expired token.
  virtual absl::StatusOr<absl::Time> RevokeByRefreshToken(std::string_view tenant_id,
                                                          std::string_view refresh_token,
                                                          absl::Time now) = 0;

  // The caller's own session (same subject), or any session of the tenant for a tenant admin;
  // NOT_FOUND SESSION_NOT_FOUND otherwise (no existence leak).
  virtual absl::StatusOr<absl::Time> RevokeById(const auth::Principal& caller,
                                                std::string_view session_id, absl::Time now) = 0;

  // The public keys that verify access tokens at now, and how long to cache them.
  virtual absl::StatusOr<v1::GetSigningKeysResponse> SigningKeys(absl::Time now) = 0;
};

}  // namespace meldpunt::identity

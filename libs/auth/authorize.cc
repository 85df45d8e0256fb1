#include "libs/auth/authorize.h"

#include <algorithm>

#include "libs/status/status.h"

namespace meldpunt::auth {

absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context,
                                       const PrincipalVerifier& verifier, absl::Time now) {
  const auto& md = context.client_metadata();
  auto range = md.equal_range(kPrincipalMetadataKey);
  if (range.first == range.second) {
    return status::Unauthenticated("PRINCIPAL_MISSING", "the call carries no principal");
  }
  if (std::next(range.first) != range.second) {
    // Two principals would let a forwarder smuggle a second identity past a check on the first.
    return status::Unauthenticated("PRINCIPAL_AMBIGUOUS", "the call carries more than one principal");
  }
  return verifier.Verify(std::string_view(range.first->second.data(), range.first->second.size()),
                         now);
}

bool HasRole(const Principal& principal, Role role) {
  return std::find(principal.roles().begin(), principal.roles().end(), role) !=
         principal.roles().end();
}

absl::Status RequireRole(const Principal& principal, std::initializer_list<Role> allowed) {
  return RequireRole(principal, RoleSet(allowed));
}

absl::Status RequireRole(const Principal& principal, RoleSet allowed) {
  if (allowed.ContainsAny(principal.roles())) return absl::OkStatus();
  return status::PermissionDenied("ROLE_NOT_ALLOWED", "the caller's role may not call this method");
}

absl::StatusOr<Principal> AuthorizeCall(const grpc::ServerContextBase& context,
                                        const PrincipalVerifier& verifier, absl::Time now,
                                        std::initializer_list<Role> allowed) {
  return AuthorizeCall(context, verifier, now, RoleSet(allowed));
}

absl::StatusOr<Principal> AuthorizeCall(const grpc::ServerContextBase& context,
                                        const PrincipalVerifier& verifier, absl::Time now,
                                        RoleSet allowed) {
  auto principal = Authenticate(context, verifier, now);
  if (!principal.ok()) return principal.status();
  if (absl::Status s = RequireRole(*principal, allowed); !s.ok()) return s;
  return principal;
}

void AttachPrincipal(grpc::ClientContext& context, const std::string& signed_principal) {
  context.AddMetadata(kPrincipalMetadataKey, signed_principal);
}

}  // namespace meldpunt::auth

#pragma once
// What every handler does first: read and verify the call's principal, then check its role. Used
// identically in every service so "who may call what" reads the same everywhere.

#include <initializer_list>
#include <string>

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "libs/auth/roles.h"

namespace meldpunt::auth {

// UNAUTHENTICATED (reason PRINCIPAL_MISSING, …) when the call carries no valid principal.
absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context,
                                       const PrincipalVerifier& verifier, absl::Time now);

bool HasRole(const Principal& principal, Role role);

// PERMISSION_DENIED, reason ROLE_NOT_ALLOWED, unless the principal holds one of allowed.
absl::Status RequireRole(const Principal& principal, std::initializer_list<Role> allowed);
absl::Status RequireRole(const Principal& principal, RoleSet allowed);

// Both of the above in one step, the common case at the top of a handler.
absl::StatusOr<Principal> AuthorizeCall(const grpc::ServerContextBase& context,
                                        const PrincipalVerifier& verifier, absl::Time now,
                                        std::initializer_list<Role> allowed);
absl::StatusOr<Principal> AuthorizeCall(const grpc::ServerContextBase& context,
                                        const PrincipalVerifier& verifier, absl::Time now,
                                        RoleSet allowed);

// Puts a signed principal (PrincipalSigner::Sign) on an outgoing call.
void AttachPrincipal(grpc::ClientContext& context, const std::string& signed_principal);

}  // namespace meldpunt::auth

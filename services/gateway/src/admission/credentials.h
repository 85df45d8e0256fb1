#pragma once
// What a caller presents, read from the call's metadata before anything is verified:
//   x-api-key: <key>                or  authorization: ApiKey <key>     (a machine client)
//   authorization: Bearer <jwt>                                          (a person)
//   x-meldpunt-tenant: <NIS code>   (which tenant, for a client bound to several)
// A client acting for a person sends x-api-key and authorization: Bearer together.

#include <map>
#include <optional>
#include <string>

#include <grpcpp/support/string_ref.h>

#include "absl/status/statusor.h"

namespace meldpunt::gateway {

inline constexpr char kApiKeyHeader[] = "x-api-key";
inline constexpr char kAuthorizationHeader[] = "authorization";
inline constexpr char kTenantHeader[] = "x-meldpunt-tenant";

struct CallCredentials {
  std::optional<std::string> api_key;
  std::optional<std::string> bearer_token;
  std::optional<std::string> tenant_id;
};

using ClientMetadata = std::multimap<grpc::string_ref, grpc::string_ref>;

// UNAUTHENTICATED (CREDENTIALS_MALFORMED) for an authorization header of another scheme or
// empty value, or a header given twice (CREDENTIALS_AMBIGUOUS: two identities, one call);
// INVALID_ARGUMENT (TENANT_INVALID) for a tenant that is not a NIS code. No credentials at all is
// not an error here: the policy decides.
absl::StatusOr<CallCredentials> ExtractCredentials(const ClientMetadata& metadata);

// A Belgian municipality's NIS code: five digits.
bool IsValidTenantId(std::string_view tenant_id);

}  // namespace meldpunt::gateway

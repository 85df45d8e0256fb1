#pragma once
// `meldpunt-gateway create-api-client`: the first key of a deployment (a platform admin, or the
// demo app backend) made without any existing credential. Whoever can run the binary against the
// gateway's database may do this, as they could write the table directly; the same rules as
// CreateApiClient apply, with the command line acting as a platform admin (created_by "cli").

#include <string>

#include "absl/status/statusor.h"
#include "meldpunt/gateway/v1/gateway_admin_service.pb.h"
#include "services/gateway/src/keys/api_client_repository.h"

namespace meldpunt::gateway {

struct BootstrapClientSpec {
  std::string name;
  std::string tenant_ids;  // "71053,71022"
  std::string roles;       // "integrator,citizen"
  std::string rate_class;  // "low" | "standard" | "high"
  std::string request_id;  // "" → a fresh one
};

absl::StatusOr<v1::CreateApiClientResponse> CreateBootstrapClient(ApiClientRepository* repository,
                                                                  const BootstrapClientSpec& spec);

}  // namespace meldpunt::gateway

#include "services/gateway/src/admin/bootstrap_client.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "libs/observability/request_id.h"
#include "libs/status/status.h"
#include "services/gateway/src/keys/api_client_admin.h"
#include "services/gateway/src/api/roles.h"

namespace meldpunt::gateway {

absl::StatusOr<v1::CreateApiClientResponse> CreateBootstrapClient(ApiClientRepository* repository,
                                                                  const BootstrapClientSpec& spec) {
  v1::CreateApiClientRequest req;
  req.set_request_id(spec.request_id.empty() ? observability::NewRequestId() : spec.request_id);
  req.set_name(spec.name);
  for (absl::string_view t : absl::StrSplit(spec.tenant_ids, ',', absl::SkipWhitespace())) {
    req.add_tenant_ids(std::string(absl::StripAsciiWhitespace(t)));
  }
  auto roles = ParseRoleList(spec.roles);
  if (!roles.ok()) return roles.status();
  for (Role r : *roles) req.add_roles(r);
  if (spec.rate_class == "low") {
    req.set_rate_class(v1::RATE_CLASS_LOW);
  } else if (spec.rate_class == "high") {
    req.set_rate_class(v1::RATE_CLASS_HIGH);
  } else if (spec.rate_class == "standard" || spec.rate_class.empty()) {
    req.set_rate_class(v1::RATE_CLASS_STANDARD);
  } else {
    return status::InvalidArgument("RATE_CLASS_INVALID", "rate class must be low, standard or high");
  }

  auth::Principal cli;
  cli.set_subject("cli");
  cli.set_kind(common::v1::PRINCIPAL_KIND_STAFF);
  cli.add_roles(common::v1::ROLE_PLATFORM_ADMIN);
  cli.set_issuer("cli");
  ApiClientAdmin admin(repository, nullptr);
  v1::CreateApiClientResponse resp;
  if (absl::Status s = admin.Create(cli, req, &resp); !s.ok()) return s;
  return resp;
}

}  // namespace meldpunt::gateway

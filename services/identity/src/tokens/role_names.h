#pragma once
// Role names as access tokens carry them in "roles" ("citizen", "tenant_admin", …) and as the
// sessions table stores them. The same spelling as the gateway's services/gateway/src/roles.cc,
// which reads them back; ROLE_SERVICE and ROLE_UNSPECIFIED have no name, so no session can hold
// them.

#include <optional>
#include <string>
#include <string_view>

#include "meldpunt/common/v1/principal.pb.h"

namespace meldpunt::identity::tokens {

// "" for a role that has no name.
std::string RoleName(common::v1::Role role);
std::optional<common::v1::Role> RoleFromName(std::string_view name);

}  // namespace meldpunt::identity::tokens

#pragma once
// Role names as people and tokens write them ("coordinator", "tenant_admin") and the enum the
// principal carries. One mapping for API client records, bearer-token claims and the CLI.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/auth/role_names.h"
#include "libs/auth/roles.h"
#include "meldpunt/common/v1/principal.pb.h"

namespace meldpunt::gateway {

using Role = common::v1::Role;

// The one spelling of role names (libs/auth/role_names.h); ROLE_SERVICE has none.
using auth::RoleFromName;
using auth::RoleName;

// "integrator,citizen" → roles; INVALID_ARGUMENT (ROLE_UNKNOWN) naming the bad entry.
absl::StatusOr<std::vector<Role>> ParseRoleList(std::string_view comma_separated);

// The one set of roles of every policy rule (libs/auth/roles.h).
using RoleSet = auth::RoleSet;

}  // namespace meldpunt::gateway

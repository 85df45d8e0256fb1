#pragma once
// The roles a staff account may hold, by the names tokens and the CLI use (the same names as the
// gateway's roles.cc). Citizen, integrator, platform admin and service are never staff roles.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "meldpunt/common/v1/principal.pb.h"

namespace meldpunt::identity::staff {

// nullopt for a name that is not one of the six staff roles.
std::optional<common::v1::Role> StaffRoleFromName(std::string_view name);

// "" for a role that is not a staff role.
std::string StaffRoleName(common::v1::Role role);

// "warden,coordinator" → roles, duplicates dropped. INVALID_ARGUMENT ROLES_INVALID for an unknown
// or non-staff name, or an empty list.
absl::StatusOr<std::vector<common::v1::Role>> ParseStaffRoles(std::string_view comma_separated);

}  // namespace meldpunt::identity::staff

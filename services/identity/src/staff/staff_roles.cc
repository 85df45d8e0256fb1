#include "services/identity/src/staff/staff_roles.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/auth/role_names.h"
#include "libs/status/status.h"
#include "services/identity/src/staff/reasons.h"

namespace meldpunt::identity::staff {

namespace cv1 = common::v1;

std::optional<common::v1::Role> StaffRoleFromName(std::string_view name) {
  std::optional<cv1::Role> role = auth::RoleFromName(name);
  if (!role || !auth::IsStaffRole(*role)) return std::nullopt;
  return role;
}

std::string StaffRoleName(common::v1::Role role) {
  return auth::IsStaffRole(role) ? auth::RoleName(role) : "";
}

absl::StatusOr<std::vector<common::v1::Role>> ParseStaffRoles(std::string_view comma_separated) {
  std::vector<cv1::Role> roles;
  for (absl::string_view part :
       absl::StrSplit(absl::string_view(comma_separated.data(), comma_separated.size()), ',',
                      absl::SkipWhitespace())) {
    part = absl::StripAsciiWhitespace(part);
    auto role = StaffRoleFromName(std::string_view(part.data(), part.size()));
    if (!role) {
      return status::InvalidArgument(
          kRolesInvalid,
          absl::StrCat("\"", part, "\" is not a staff role (warden, front_office, coordinator, "
                                   "department_agent, analyst, tenant_admin)"));
    }
    if (std::find(roles.begin(), roles.end(), *role) == roles.end()) roles.push_back(*role);
  }
  if (roles.empty()) return status::InvalidArgument(kRolesInvalid, "a staff account needs a role");
  return roles;
}

}  // namespace meldpunt::identity::staff

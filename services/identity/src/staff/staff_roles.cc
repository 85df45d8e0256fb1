#include "services/identity/src/staff/staff_roles.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/status/status.h"
#include "services/identity/src/staff/reasons.h"

namespace meldpunt::identity::staff {
namespace {

namespace cv1 = common::v1;

struct Named {
  const char* name;
  cv1::Role role;
};

constexpr Named kStaffRoles[] = {
    {"warden", cv1::ROLE_WARDEN},
    {"front_office", cv1::ROLE_FRONT_OFFICE},
    {"coordinator", cv1::ROLE_COORDINATOR},
    {"department_agent", cv1::ROLE_DEPARTMENT_AGENT},
    {"analyst", cv1::ROLE_ANALYST},
    {"tenant_admin", cv1::ROLE_TENANT_ADMIN},
};

}  // namespace

std::optional<common::v1::Role> StaffRoleFromName(std::string_view name) {
  for (const auto& n : kStaffRoles) {
    if (name == n.name) return n.role;
  }
  return std::nullopt;
}

std::string StaffRoleName(common::v1::Role role) {
  for (const auto& n : kStaffRoles) {
    if (role == n.role) return n.name;
  }
  return "";
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

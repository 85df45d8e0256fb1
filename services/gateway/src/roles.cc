#include "services/gateway/src/roles.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {
namespace {

namespace cv1 = common::v1;

struct Named {
  const char* name;
  Role role;
};

// ROLE_SERVICE has no name here on purpose: no key, token or CLI flag can ever grant it; only a
// Meldpunt service signing its own principal carries it.
constexpr Named kNames[] = {
    {"citizen", cv1::ROLE_CITIZEN},
    {"warden", cv1::ROLE_WARDEN},
    {"front_office", cv1::ROLE_FRONT_OFFICE},
    {"coordinator", cv1::ROLE_COORDINATOR},
    {"department_agent", cv1::ROLE_DEPARTMENT_AGENT},
    {"analyst", cv1::ROLE_ANALYST},
    {"tenant_admin", cv1::ROLE_TENANT_ADMIN},
    {"integrator", cv1::ROLE_INTEGRATOR},
    {"platform_admin", cv1::ROLE_PLATFORM_ADMIN},
};

}  // namespace

std::optional<Role> RoleFromName(std::string_view name) {
  for (const auto& n : kNames) {
    if (name == n.name) return n.role;
  }
  return std::nullopt;
}

std::string RoleName(Role role) {
  for (const auto& n : kNames) {
    if (role == n.role) return n.name;
  }
  return "";
}

absl::StatusOr<std::vector<Role>> ParseRoleList(std::string_view comma_separated) {
  std::vector<Role> roles;
  for (absl::string_view part :
       absl::StrSplit(absl::string_view(comma_separated.data(), comma_separated.size()), ',',
                      absl::SkipWhitespace())) {
    part = absl::StripAsciiWhitespace(part);
    auto role = RoleFromName(std::string_view(part.data(), part.size()));
    if (!role) {
      return status::InvalidArgument("ROLE_UNKNOWN", absl::StrCat("unknown role \"", part, "\""));
    }
    bool seen = false;
    for (Role r : roles) seen = seen || r == *role;
    if (!seen) roles.push_back(*role);
  }
  return roles;
}

std::vector<Role> RoleSet::ToVector() const {
  std::vector<Role> out;
  for (int r = 1; r < 32; ++r) {
    if (Contains(static_cast<Role>(r))) out.push_back(static_cast<Role>(r));
  }
  return out;
}

}  // namespace meldpunt::gateway

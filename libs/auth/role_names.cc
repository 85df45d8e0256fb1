#include "libs/auth/role_names.h"

namespace meldpunt::auth {
namespace {

namespace cv1 = common::v1;

struct Named {
  const char* name;
  cv1::Role role;
};

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

std::optional<cv1::Role> RoleFromName(std::string_view name) {
  for (const auto& n : kNames) {
    if (name == n.name) return n.role;
  }
  return std::nullopt;
}

std::string RoleName(cv1::Role role) {
  for (const auto& n : kNames) {
    if (role == n.role) return n.name;
  }
  return "";
}

bool IsStaffRole(cv1::Role role) {
  switch (role) {
    case cv1::ROLE_WARDEN:
    case cv1::ROLE_FRONT_OFFICE:
    case cv1::ROLE_COORDINATOR:
    case cv1::ROLE_DEPARTMENT_AGENT:
    case cv1::ROLE_ANALYST:
    case cv1::ROLE_TENANT_ADMIN:
      return true;
    default:
      return false;
  }
}

}  // namespace meldpunt::auth

#pragma once
// Role names as people, tokens, API client records and tables write them ("citizen",
// "tenant_admin") and the enum a principal carries: one spelling for the gateway (keys, token
// claims, CLI) and identity (token claims, sessions, staff accounts).
//
// ROLE_SERVICE and ROLE_UNSPECIFIED have no name on purpose: no key, token, session or CLI flag
// can ever grant them; only a Meldpunt service signing its own principal carries ROLE_SERVICE.

#include <optional>
#include <string>
#include <string_view>

#include "meldpunt/common/v1/principal.pb.h"

namespace meldpunt::auth {

// "citizen" → ROLE_CITIZEN …; nullopt for anything else.
std::optional<common::v1::Role> RoleFromName(std::string_view name);

// ROLE_TENANT_ADMIN → "tenant_admin"; "" for a role without a name.
std::string RoleName(common::v1::Role role);

// The roles of people working for a municipality (staff accounts and their sessions): warden,
// front office, coordinator, department agent, analyst, tenant admin.
bool IsStaffRole(common::v1::Role role);

}  // namespace meldpunt::auth

#pragma once
// Who may call what in identity: one role set per rule, used by the handlers, and the table of
// every rpc with the set its handler admits (held against the gateway's policy by a test in
// tests/policy; these checks hold for a call that reaches the service any other way). Pure.

#include <vector>

#include "libs/auth/roles.h"

namespace meldpunt::identity {

// The app backend logs a person in on their behalf: it holds the API key, the person proves who
// they are inside the request (card files, ID token, password, refresh token).
inline constexpr auth::RoleSet kLoginCallers = {common::v1::ROLE_INTEGRATOR};

// Staff who answer citizens and may read their profile (every read audited).
inline constexpr auth::RoleSet kProfileReaders = {
    common::v1::ROLE_CITIZEN, common::v1::ROLE_FRONT_OFFICE, common::v1::ROLE_COORDINATOR,
    common::v1::ROLE_TENANT_ADMIN};

// Front office helps a citizen at the desk or on the phone and may change their contact details
// (audited); the citizen changes their own.
inline constexpr auth::RoleSet kProfileWriters = {common::v1::ROLE_CITIZEN,
                                                  common::v1::ROLE_FRONT_OFFICE};

// Other Meldpunt services only (notification, analytics): never a person or an API client.
inline constexpr auth::RoleSet kInternalCallers = {common::v1::ROLE_SERVICE};

// Anyone with a verified principal and a role may end a session (whose is checked inside).
inline constexpr auth::RoleSet kSessionRevokers = auth::kAllRoles;

// Every rpc of v1::IdentityService by its short name, with the roles its handler admits
// (GetSigningKeys: any verified principal, roles or not).
const std::vector<auth::MethodRoles>& IdentityMethodRoles();

}  // namespace meldpunt::identity

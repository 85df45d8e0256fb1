#pragma once
// Who may call what in identity, in one place (the gateway's policy table says the same from the
// outside; these checks hold for a call that reaches the service any other way). Pure.

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/auth/roles.h"

namespace meldpunt::identity {

namespace roles = common::v1;

// The app backend logs a person in on their behalf: it holds the API key, the person proves who
// they are inside the request (card files, ID token, password, refresh token).
inline constexpr std::initializer_list<auth::Role> kLoginCallers = {roles::ROLE_INTEGRATOR};

// Staff who answer citizens and may read their profile (every read audited).
inline constexpr std::initializer_list<auth::Role> kProfileReaders = {
    roles::ROLE_CITIZEN, roles::ROLE_FRONT_OFFICE, roles::ROLE_COORDINATOR,
    roles::ROLE_TENANT_ADMIN};

// Front office helps a citizen at the desk or on the phone and may change their contact details
// (audited); the citizen changes their own.
inline constexpr std::initializer_list<auth::Role> kProfileWriters = {roles::ROLE_CITIZEN,
                                                                      roles::ROLE_FRONT_OFFICE};

// Other Meldpunt services only (notification, analytics): never a person or an API client.
inline constexpr std::initializer_list<auth::Role> kInternalCallers = {roles::ROLE_SERVICE};

// Signing keys are public: anyone with a verified principal may fetch them.
inline constexpr std::initializer_list<auth::Role> kAnyRole = {
    roles::ROLE_CITIZEN,          roles::ROLE_WARDEN,        roles::ROLE_FRONT_OFFICE,
    roles::ROLE_COORDINATOR,      roles::ROLE_DEPARTMENT_AGENT, roles::ROLE_ANALYST,
    roles::ROLE_TENANT_ADMIN,     roles::ROLE_INTEGRATOR,    roles::ROLE_PLATFORM_ADMIN,
    roles::ROLE_SERVICE};

// A person acting as a citizen (their own profile): kind CITIZEN, or any principal holding the
// citizen role. Either sign confines the caller to the profile its subject names, so a principal
// whose kind and roles disagree (the gateway never signs one) cannot take the staff path on the
// citizen role that admitted it. Staff are never treated as the owner of a profile, even one
// with their own name on it.
inline bool IsCitizenCaller(const auth::Principal& p) {
  return p.kind() == roles::PRINCIPAL_KIND_CITIZEN ||
         std::find(p.roles().begin(), p.roles().end(), roles::ROLE_CITIZEN) != p.roles().end();
}

// Every method with the roles its handler admits (GetSigningKeys: any verified principal), for
// the test that holds them against the gateway's policy table (tests/policy).
inline const std::vector<auth::MethodRoles>& IdentityMethodRoles() {
  static const std::vector<auth::MethodRoles> rules = {
      {"VerifyEid", auth::RoleSet(kLoginCallers)},
      {"LoginWithOidc", auth::RoleSet(kLoginCallers)},
      {"LoginStaff", auth::RoleSet(kLoginCallers)},
      {"RefreshSession", auth::RoleSet(kLoginCallers)},
      {"RevokeSession", auth::RoleSet(kAnyRole)},
      {"GetSigningKeys", auth::kAllRoles},
      {"GetCitizen", auth::RoleSet(kProfileReaders)},
      {"UpdateCitizenProfile", auth::RoleSet(kProfileWriters)},
      {"ResolveContacts", auth::RoleSet(kInternalCallers)},
      {"CountCitizens", auth::RoleSet(kInternalCallers)},
  };
  return rules;
}

}  // namespace meldpunt::identity

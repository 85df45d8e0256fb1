#pragma once
// Creating a staff account: the CLI's way to make the first admin of a tenant
// (`meldpunt-identity --create-staff ...`, wired by the service's main).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/postgres/pool.h"
#include "meldpunt/common/v1/principal.pb.h"
#include "meldpunt/identity/v1/staff.pb.h"
#include "services/identity/src/staff/password_hasher.h"
#include "services/identity/src/staff/staff_repository.h"

namespace meldpunt::identity::staff {

struct NewStaffAccount {
  std::string tenant_id;     // NIS code
  std::string username;      // 3–64 characters; kept as given, matched case-insensitively
  std::string display_name;  // 1–100 characters
  std::vector<common::v1::Role> roles;  // staff roles only (ParseStaffRoles reads "a,b")
  std::string password;      // 12–1,024 bytes
};

// Validates, hashes the password and stores the account. INVALID_ARGUMENT TENANT_INVALID,
// USERNAME_INVALID, DISPLAY_NAME_INVALID, ROLES_INVALID, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG;
// ALREADY_EXISTS USERNAME_TAKEN when the tenant has the name already (in any case).
absl::StatusOr<v1::StaffAccount> CreateStaffAccount(StaffRepository& repository,
                                                    const PasswordHasher& hasher,
                                                    const NewStaffAccount& account, absl::Time now);

// The same on PostgreSQL (PgStaffRepository over pool).
absl::StatusOr<v1::StaffAccount> CreateStaffAccount(pg::Pool& pool, const PasswordHasher& hasher,
                                                    const NewStaffAccount& account, absl::Time now);

}  // namespace meldpunt::identity::staff

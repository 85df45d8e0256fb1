#pragma once
// The operator command `meldpunt-identity --create-staff`: its flags, the account they describe
// (password on stdin: never on argv, so it shows in no `ps` and no shell history) and its run
// (create_staff_account.h does the work).

#include <iosfwd>
#include <string>

#include "absl/status/statusor.h"
#include "libs/config/flags.h"
#include "libs/observability/log.h"
#include "libs/postgres/pool.h"
#include "services/identity/src/admin/create_staff_account.h"
#include "services/identity/src/staff/password_hasher.h"

namespace meldpunt::identity::admin {

struct CreateStaffOptions {
  std::string tenant_id;
  std::string username;
  std::string display_name;
  std::string staff_roles;  // "tenant_admin" or "coordinator,front_office"
};

// --tenant-id (unless with_tenant_id is false: a Flags that has it already, as today's main
// where both operator commands share one set of flags), --username, --display-name,
// --staff-roles.
void RegisterCreateStaffFlags(config::Flags& flags, CreateStaffOptions* options,
                              bool with_tenant_id = true);

// The account the flags describe, with the password read from password_in (one line, trailing
// whitespace dropped). INVALID_ARGUMENT with the usage message when a flag is missing, a role is
// not a staff role or no password came; all checked before connecting to PostgreSQL.
absl::StatusOr<staff::NewStaffAccount> ReadNewStaffAccount(const CreateStaffOptions& options,
                                                           std::istream& password_in);

// Creates the account and says so on out: 0, or 1 after logging the failure.
int RunCreateStaff(const staff::NewStaffAccount& account, const staff::PasswordHasher& hasher,
                   pg::Pool& pool, observability::Logger& log, std::ostream& out);

}  // namespace meldpunt::identity::admin

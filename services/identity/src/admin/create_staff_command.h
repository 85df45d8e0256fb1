#pragma once
// The operator command `meldpunt-identity create-staff`: its flags, the account they describe
// (password on stdin: never on argv, so it shows in no `ps` and no shell history) and its run
// (create_staff_account.h does the work).

#include <iosfwd>
#include <string>

#include "absl/status/statusor.h"
#include "libs/server/service_main.h"
#include "services/identity/src/admin/create_staff_account.h"
#include "services/identity/src/identity_options.h"

namespace meldpunt::identity::admin {

struct CreateStaffOptions {
  std::string tenant_id;
  std::string username;
  std::string display_name;
  std::string staff_roles;  // "tenant_admin" or "coordinator,front_office"
  IdentityOptions hashing;  // only the argon2 settings: the password is hashed as serving does
  staff::NewStaffAccount account;  // read by the command's validate, before connecting
};

// The account the flags describe, with the password read from password_in (one line, trailing
// whitespace dropped). INVALID_ARGUMENT with the usage message when a flag is missing, a role is
// not a staff role or no password came.
absl::StatusOr<staff::NewStaffAccount> ReadNewStaffAccount(const CreateStaffOptions& options,
                                                           std::istream& password_in);

// The command with its flags (--tenant-id, --username, --display-name, --staff-roles,
// --argon2-memory-kib, --argon2-time-cost) bound to options, which must outlive the call. The
// account and password (stdin) are checked before connecting to PostgreSQL. Exit codes: 0
// created (said on stdout), 1 failed (logged), 2 bad flags or no password.
server::Command CreateStaffCommand(CreateStaffOptions* options);

}  // namespace meldpunt::identity::admin

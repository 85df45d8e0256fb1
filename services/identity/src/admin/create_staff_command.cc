#include "services/identity/src/admin/create_staff_command.h"

#include <istream>
#include <ostream>

#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/identity/src/admin/command_support.h"
#include "services/identity/src/staff/staff_roles.h"

namespace meldpunt::identity::admin {

void RegisterCreateStaffFlags(config::Flags& flags, CreateStaffOptions* o, bool with_tenant_id) {
  if (with_tenant_id) RegisterTenantIdFlag(flags, &o->tenant_id);
  flags.String("username", &o->username, "--create-staff: login name")
      .String("display-name", &o->display_name, "--create-staff: name shown to colleagues")
      .String("staff-roles", &o->staff_roles,
              "--create-staff: e.g. tenant_admin or coordinator,front_office");
}

absl::StatusOr<staff::NewStaffAccount> ReadNewStaffAccount(const CreateStaffOptions& o,
                                                           std::istream& password_in) {
  if (o.tenant_id.empty() || o.username.empty() || o.display_name.empty() ||
      o.staff_roles.empty()) {
    return absl::InvalidArgumentError(
        "--create-staff needs --tenant-id, --username, --display-name and --staff-roles");
  }
  auto roles = staff::ParseStaffRoles(o.staff_roles);
  if (!roles.ok()) return absl::InvalidArgumentError(roles.status().message());
  std::string password;
  std::getline(password_in, password);
  password = std::string(absl::StripTrailingAsciiWhitespace(password));
  if (password.empty()) {
    return absl::InvalidArgumentError("--create-staff reads the password from stdin (one line)");
  }
  staff::NewStaffAccount account;
  account.tenant_id = o.tenant_id;
  account.username = o.username;
  account.display_name = o.display_name;
  account.roles = *std::move(roles);
  account.password = std::move(password);
  return account;
}

int RunCreateStaff(const staff::NewStaffAccount& account, const staff::PasswordHasher& hasher,
                   pg::Pool& pool, observability::Logger& log, std::ostream& out) {
  auto created = staff::CreateStaffAccount(pool, hasher, account, absl::Now());
  if (!created.ok()) return CommandFailed(log, "cannot create the staff account", created.status());
  out << "staff account " << created->id() << " created in tenant " << created->tenant_id()
      << "\n";
  return 0;
}

}  // namespace meldpunt::identity::admin

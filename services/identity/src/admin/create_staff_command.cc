#include "services/identity/src/admin/create_staff_command.h"

#include <iostream>

#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/identity/src/admin/command_support.h"
#include "services/identity/src/staff/argon2id_hasher.h"
#include "services/identity/src/staff/staff_roles.h"

namespace meldpunt::identity::admin {

absl::StatusOr<staff::NewStaffAccount> ReadNewStaffAccount(const CreateStaffOptions& o,
                                                           std::istream& password_in) {
  if (o.tenant_id.empty() || o.username.empty() || o.display_name.empty() ||
      o.staff_roles.empty()) {
    return absl::InvalidArgumentError(
        "create-staff needs --tenant-id, --username, --display-name and --staff-roles");
  }
  auto roles = staff::ParseStaffRoles(o.staff_roles);
  if (!roles.ok()) return absl::InvalidArgumentError(roles.status().message());
  std::string password;
  std::getline(password_in, password);
  password = std::string(absl::StripTrailingAsciiWhitespace(password));
  if (password.empty()) {
    return absl::InvalidArgumentError("create-staff reads the password from stdin (one line)");
  }
  staff::NewStaffAccount account;
  account.tenant_id = o.tenant_id;
  account.username = o.username;
  account.display_name = o.display_name;
  account.roles = *std::move(roles);
  account.password = std::move(password);
  return account;
}

server::Command CreateStaffCommand(CreateStaffOptions* o) {
  server::Command c;
  c.name = "create-staff";
  c.summary = "create a staff account (password on stdin), then exit";
  c.register_flags = [o](config::Flags& flags) {
    RegisterTenantIdFlag(flags, &o->tenant_id);
    flags.String("username", &o->username, "login name")
        .String("display-name", &o->display_name, "name shown to colleagues")
        .String("staff-roles", &o->staff_roles, "e.g. tenant_admin or coordinator,front_office");
    RegisterPasswordHashFlags(flags, &o->hashing);
  };
  c.validate = [o]() -> absl::Status {
    auto account = ReadNewStaffAccount(*o, std::cin);
    if (!account.ok()) return account.status();
    o->account = *std::move(account);
    return absl::OkStatus();
  };
  c.run = [o](server::CommandContext& ctx) {
    auto hasher = staff::Argon2idHasher::Create(HashParams(o->hashing));
    if (!hasher.ok()) return CommandFailed(ctx.log, "bad password hashing settings", hasher.status());
    auto created = staff::CreateStaffAccount(*ctx.pool, **hasher, o->account, absl::Now());
    if (!created.ok()) {
      return CommandFailed(ctx.log, "cannot create the staff account", created.status());
    }
    std::cout << "staff account " << created->id() << " created in tenant "
              << created->tenant_id() << "\n";
    return 0;
  };
  return c;
}

}  // namespace meldpunt::identity::admin

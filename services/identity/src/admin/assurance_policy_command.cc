#include "services/identity/src/admin/assurance_policy_command.h"

#include <iostream>

#include "libs/auth/assurance.h"
#include "services/identity/src/admin/command_support.h"
#include "services/identity/src/citizens/pg_assurance_policies.h"

namespace meldpunt::identity::admin {
namespace {

absl::Status ReadLevel(const std::string& flag, const std::string& value,
                       common::v1::AssuranceLevel* level) {
  if (value.empty()) return absl::OkStatus();
  *level = auth::AssuranceFromName(value);
  AssurancePolicy probe;
  probe.read_profile = *level;
  if (!ValidateAssurancePolicy(probe).ok()) {
    return absl::InvalidArgumentError("--" + flag + " is FAS_LOW, EID_DATA or EID_CHALLENGE");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AssurancePolicy> ReadAssurancePolicy(const AssurancePolicyOptions& o) {
  if (o.tenant_id.empty()) {
    return absl::InvalidArgumentError("set-assurance-policy needs --tenant-id");
  }
  AssurancePolicy policy;
  if (absl::Status s = ReadLevel("read-profile", o.read_profile, &policy.read_profile); !s.ok()) {
    return s;
  }
  if (absl::Status s = ReadLevel("change-profile", o.change_profile, &policy.change_profile);
      !s.ok()) {
    return s;
  }
  return policy;
}

server::Command AssurancePolicyCommand(AssurancePolicyOptions* o) {
  server::Command c;
  c.name = "set-assurance-policy";
  c.summary = "set a tenant's minimum assurance levels for citizens' own profiles, then exit";
  c.register_flags = [o](config::Flags& flags) {
    RegisterTenantIdFlag(flags, &o->tenant_id);
    flags.String("read-profile", &o->read_profile,
                 "FAS_LOW, EID_DATA or EID_CHALLENGE (default EID_CHALLENGE)")
        .String("change-profile", &o->change_profile,
                "FAS_LOW, EID_DATA or EID_CHALLENGE (default EID_CHALLENGE)");
  };
  c.validate = [o]() -> absl::Status { return ReadAssurancePolicy(*o).status(); };
  c.run = [o](server::CommandContext& ctx) {
    auto policy = ReadAssurancePolicy(*o);
    if (!policy.ok()) return CommandFailed(ctx.log, "bad assurance policy", policy.status());
    PgAssurancePolicies policies(ctx.pool);
    if (absl::Status s = policies.Set(o->tenant_id, *policy); !s.ok()) {
      return CommandFailed(ctx.log, "cannot set the assurance policy", s);
    }
    std::cout << "assurance policy of tenant " << o->tenant_id
              << ": read-profile " << auth::AssuranceName(policy->read_profile)
              << ", change-profile " << auth::AssuranceName(policy->change_profile) << "\n";
    return 0;
  };
  return c;
}

}  // namespace meldpunt::identity::admin

#pragma once
// The operator command `meldpunt-identity set-assurance-policy`: a tenant's minimum assurance
// levels for a citizen's session to read or change its own profile (citizens/assurance_policy.h).

#include <string>

#include "absl/status/statusor.h"
#include "libs/server/service_main.h"
#include "services/identity/src/citizens/assurance_policy.h"

namespace meldpunt::identity::admin {

struct AssurancePolicyOptions {
  std::string tenant_id;
  std::string read_profile;    // FAS_LOW, EID_DATA or EID_CHALLENGE; empty keeps the default
  std::string change_profile;  // likewise
};

// The policy the flags describe (defaults for the flags left empty); INVALID_ARGUMENT with the
// usage message for a missing tenant or a level that cannot be set.
absl::StatusOr<AssurancePolicy> ReadAssurancePolicy(const AssurancePolicyOptions& options);

// The command (--tenant-id, --read-profile, --change-profile) bound to options, which must
// outlive the call. Exit codes: 0 set (said on stdout), 1 failed (logged), 2 bad flags.
server::Command AssurancePolicyCommand(AssurancePolicyOptions* options);

}  // namespace meldpunt::identity::admin

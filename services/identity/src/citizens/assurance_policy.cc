#include "services/identity/src/citizens/assurance_policy.h"

#include "libs/status/status.h"

namespace meldpunt::identity {
namespace {

bool Settable(common::v1::AssuranceLevel level) {
  return level == common::v1::ASSURANCE_LEVEL_FAS_LOW ||
         level == common::v1::ASSURANCE_LEVEL_EID_DATA ||
         level == common::v1::ASSURANCE_LEVEL_EID_CHALLENGE;
}

}  // namespace

absl::Status ValidateAssurancePolicy(const AssurancePolicy& policy) {
  if (!Settable(policy.read_profile) || !Settable(policy.change_profile)) {
    return status::InvalidArgument("ASSURANCE_POLICY_INVALID",
                                   "each minimum level is FAS_LOW, EID_DATA or EID_CHALLENGE");
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::identity

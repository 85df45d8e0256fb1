#pragma once
// A tenant's policy on what a citizen's session may do with its own profile, by the assurance
// level of the login that opened it (Principal.assurance_level). Staff are not bound by it: their
// access is decided by role and audited.

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "meldpunt/common/v1/assurance.pb.h"

namespace meldpunt::identity {

struct AssurancePolicy {
  // Reading the profile (GetCitizen, and the profile in a login's answer beyond what the login
  // itself proved). Contact details and consents are what the citizen typed, not what the card
  // says, so copied card files (EID_DATA) do not reveal them by default.
  common::v1::AssuranceLevel read_profile = common::v1::ASSURANCE_LEVEL_EID_CHALLENGE;
  // Changing contact details, language, profession or consents (UpdateCitizenProfile): where
  // the city's answers go, and what the citizen agreed to.
  common::v1::AssuranceLevel change_profile = common::v1::ASSURANCE_LEVEL_EID_CHALLENGE;
};

// INVALID_ARGUMENT ASSURANCE_POLICY_INVALID unless every level is FAS_LOW, EID_DATA or
// EID_CHALLENGE (the latter standing for every level that proves presence).
absl::Status ValidateAssurancePolicy(const AssurancePolicy& policy);

class AssurancePolicies {
 public:
  virtual ~AssurancePolicies() = default;
  // The tenant's policy; the defaults above when it has set none.
  virtual absl::StatusOr<AssurancePolicy> ForTenant(std::string_view tenant_id) = 0;
  // Replaces the tenant's policy (validated first).
  virtual absl::Status Set(std::string_view tenant_id, const AssurancePolicy& policy) = 0;
};

}  // namespace meldpunt::identity

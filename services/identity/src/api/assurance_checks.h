#pragma once
// What a citizen's session may do with its own profile, by its login's assurance level and the
// tenant's policy (citizens/assurance_policy.h). Staff and services are not bound by it: their
// access is decided by role and audited.

#include <string>

#include "absl/status/status.h"
#include "libs/auth/principal.h"
#include "meldpunt/identity/v1/citizen.pb.h"

namespace meldpunt::identity {

// OK for a caller that is not a citizen, or a citizen whose session's level meets `required`;
// else PERMISSION_DENIED ASSURANCE_LEVEL_TOO_LOW naming the level (auth::AssuranceTooLow).
absl::Status RequireCitizenAssurance(const auth::Principal& caller,
                                     common::v1::AssuranceLevel required, const std::string& action);

// Leaves only what the identification itself states (names, birth date, gender, official
// address and its zone, the levels and dates): drops what the citizen typed (contact details,
// profession, consents), for a login whose level may not read the profile.
void KeepOnlyIdentityData(v1::Citizen* citizen);

}  // namespace meldpunt::identity

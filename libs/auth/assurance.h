#pragma once
// How assurance levels compare, and the answer when a session's level is too low for what it
// asks. Shared: identity ranks the levels it stores, and every service that lets a tenant's
// policy demand a level checks the principal's with the same order. Pure.

#include <string>

#include "absl/status/status.h"
#include "meldpunt/common/v1/assurance.pb.h"

namespace meldpunt::auth {

// The enum's numbers do not rank the levels; this does. 0 for UNSPECIFIED; FAS_LOW (codes by app,
// SMS or e-mail) 1; EID_DATA (card files that may be copies) 2; every level that proves the
// person or their card was present (ITSME, FAS_ITSME, EID_CHALLENGE, FAS_EID) 3.
int AssuranceRank(common::v1::AssuranceLevel level);

// True when `have` is at least as strong as `required`. An UNSPECIFIED requirement is met by
// anything, including UNSPECIFIED.
bool MeetsAssurance(common::v1::AssuranceLevel have, common::v1::AssuranceLevel required);

// The stored and claim form: "EID_CHALLENGE" (api::EnumToDb); "" for a value the enum lacks.
std::string AssuranceName(common::v1::AssuranceLevel level);
// The inverse; UNSPECIFIED for a name it does not know.
common::v1::AssuranceLevel AssuranceFromName(const std::string& name);

// PERMISSION_DENIED, reason ASSURANCE_LEVEL_TOO_LOW, metadata required_level (e.g.
// "EID_CHALLENGE") and current_level, and a message that names the needed level and the logins
// that give it: `action` says what was refused ("changing the profile").
absl::Status AssuranceTooLow(common::v1::AssuranceLevel have, common::v1::AssuranceLevel required,
                             const std::string& action);

}  // namespace meldpunt::auth

#include "libs/auth/assurance.h"

#include "absl/strings/str_cat.h"
#include "libs/api/enum_names.h"
#include "libs/status/status.h"

namespace meldpunt::auth {
namespace {

// What a citizen can do to reach a rank, for the refusal's message.
const char* HowToReach(int rank) {
  switch (rank) {
    case 1: return "any login";
    case 2: return "a login with the eID card, itsme or the federal login";
    default: return "a login that proves presence: the eID card with its PIN challenge, itsme, or "
                    "the federal login with eID or itsme";
  }
}

}  // namespace

int AssuranceRank(common::v1::AssuranceLevel level) {
  switch (level) {
    case common::v1::ASSURANCE_LEVEL_FAS_LOW: return 1;
    case common::v1::ASSURANCE_LEVEL_EID_DATA: return 2;
    case common::v1::ASSURANCE_LEVEL_ITSME:
    case common::v1::ASSURANCE_LEVEL_FAS_ITSME:
    case common::v1::ASSURANCE_LEVEL_EID_CHALLENGE:
    case common::v1::ASSURANCE_LEVEL_FAS_EID: return 3;
    default: return 0;
  }
}

bool MeetsAssurance(common::v1::AssuranceLevel have, common::v1::AssuranceLevel required) {
  return AssuranceRank(have) >= AssuranceRank(required);
}

std::string AssuranceName(common::v1::AssuranceLevel level) { return api::EnumToDb(level); }

common::v1::AssuranceLevel AssuranceFromName(const std::string& name) {
  return api::EnumFromDb<common::v1::AssuranceLevel>(name);
}

absl::Status AssuranceTooLow(common::v1::AssuranceLevel have, common::v1::AssuranceLevel required,
                             const std::string& action) {
  const std::string needed = AssuranceName(required);
  std::string current = AssuranceName(have);
  if (current.empty() || have == common::v1::ASSURANCE_LEVEL_UNSPECIFIED) current = "NONE";
  return status::Error(
      absl::StatusCode::kPermissionDenied, "ASSURANCE_LEVEL_TOO_LOW",
      absl::StrCat(action, " needs assurance level ", needed, " or as strong (",
                   HowToReach(AssuranceRank(required)), "); this session has ", current),
      /*domain=*/{},
      {{"required_level", needed}, {"current_level", current}});
}

}  // namespace meldpunt::auth

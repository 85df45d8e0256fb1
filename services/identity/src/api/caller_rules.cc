#include "services/identity/src/api/caller_rules.h"

namespace meldpunt::identity {

const std::vector<auth::MethodRoles>& IdentityMethodRoles() {
  static const std::vector<auth::MethodRoles> rules = {
      {"VerifyEid", kLoginCallers},
      {"LoginWithOidc", kLoginCallers},
      {"LoginStaff", kLoginCallers},
      {"RefreshSession", kLoginCallers},
      {"RevokeSession", kSessionRevokers},
      {"GetSigningKeys", auth::kAllRoles},
      {"GetCitizen", kProfileReaders},
      {"UpdateCitizenProfile", kProfileWriters},
      {"ResolveContacts", kInternalCallers},
      {"CountCitizens", kInternalCallers},
  };
  return rules;
}

}  // namespace meldpunt::identity

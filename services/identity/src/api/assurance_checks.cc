#include "services/identity/src/api/assurance_checks.h"

#include "libs/auth/assurance.h"
#include "libs/auth/roles.h"

namespace meldpunt::identity {

absl::Status RequireCitizenAssurance(const auth::Principal& caller,
                                     common::v1::AssuranceLevel required, const std::string& action) {
  if (!auth::IsCitizenCaller(caller)) return absl::OkStatus();
  if (auth::MeetsAssurance(caller.assurance_level(), required)) return absl::OkStatus();
  return auth::AssuranceTooLow(caller.assurance_level(), required, action);
}

void KeepOnlyIdentityData(v1::Citizen* citizen) {
  // The language stays: it is how the citizen is answered, not a detail that reaches them.
  const common::v1::Language language = citizen->contact().language();
  citizen->clear_contact();
  citizen->mutable_contact()->set_language(language);
  citizen->clear_profession();
  citizen->clear_consents();
}

}  // namespace meldpunt::identity

#pragma once
// A person as an identification established them (eID card, itsme, federal login): what the
// citizen store takes to create or refresh a profile. Produced by the eID mapping
// (service/eid_mapping.h) and the OIDC verifier; holds personal data, so it is never logged.

#include <optional>
#include <string>

#include "meldpunt/common/v1/address.pb.h"
#include "meldpunt/common/v1/gender.pb.h"
#include "meldpunt/common/v1/language.pb.h"
#include "meldpunt/identity/v1/citizen.pb.h"

namespace meldpunt::identity {

struct VerifiedIdentity {
  std::string national_number;   // 11 digits, checksum already verified
  std::string given_names;
  std::string family_name;
  std::string birth_date;        // "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" (unknown)
  common::v1::Gender gender = common::v1::GENDER_UNSPECIFIED;
  std::optional<common::v1::PostalAddress> official_address;
  common::v1::AssuranceLevel assurance = common::v1::ASSURANCE_LEVEL_UNSPECIFIED;
  common::v1::Language language = common::v1::LANGUAGE_UNSPECIFIED;  // from the provider, if any
};

}  // namespace meldpunt::identity

#include "services/identity/src/api/eid_mapping.h"

#include "services/identity/src/eid/street_address.h"

namespace meldpunt::identity {
namespace {

common::v1::Gender GenderOf(eid::Gender gender) {
  switch (gender) {
    case eid::Gender::kMale:
      return common::v1::GENDER_MALE;
    case eid::Gender::kFemale:
      return common::v1::GENDER_FEMALE;
    case eid::Gender::kUnknown:
      break;
  }
  return common::v1::GENDER_UNSPECIFIED;
}

}  // namespace

eid::CardFiles CardFilesFromProto(const v1::EidCardFiles& files) {
  eid::CardFiles out;
  out.identity_file = files.identity_file();
  out.identity_signature = files.identity_signature();
  out.address_file = files.address_file();
  out.address_signature = files.address_signature();
  out.rrn_certificate = files.rrn_certificate();
  out.photo = files.photo();
  return out;
}

eid::CardChallenge CardChallengeFromProto(const v1::EidCardChallenge& challenge) {
  eid::CardChallenge out;
  out.nonce = challenge.nonce();
  out.basic_public_key_file = challenge.basic_public_key_file();
  out.signature = challenge.signature();
  return out;
}

VerifiedIdentity IdentityFromCard(const eid::VerifiedCard& card) {
  VerifiedIdentity id;
  id.national_number = card.national_number.digits;
  id.given_names = card.identity.first_names;
  id.family_name = card.identity.surname;
  id.birth_date = card.identity.birth_date.ToIso();
  id.gender = GenderOf(card.identity.gender);
  common::v1::PostalAddress address;
  const eid::StreetParts street = eid::SplitStreetAndNumber(card.address.street_and_number);
  address.set_street(street.street);
  address.set_house_number(street.house_number);
  address.set_box(street.box);
  address.set_postal_code(card.address.postal_code);
  address.set_municipality(card.address.municipality);
  address.set_country("BE");
  id.official_address = std::move(address);
  id.assurance = card.assurance_level == eid::AssuranceLevel::kEidChallenge
                     ? common::v1::ASSURANCE_LEVEL_EID_CHALLENGE
                     : common::v1::ASSURANCE_LEVEL_EID_DATA;
  return id;
}

}  // namespace meldpunt::identity

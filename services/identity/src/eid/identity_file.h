#pragma once
// The identity file (3F00/DF01/4031) decoded into its fields. Tags per docs/eid.md.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/identity/src/eid/gender.h"
#include "services/identity/src/eid/partial_date.h"

namespace meldpunt::identity::eid {

// Identity file tags.
enum IdentityTag : uint8_t {
  kTagCardNumber = 1,
  kTagChipNumber = 2,
  kTagValidityBegin = 3,
  kTagValidityEnd = 4,
  kTagDeliveryMunicipality = 5,
  kTagNationalNumber = 6,
  kTagSurname = 7,
  kTagFirstNames = 8,
  kTagThirdNameInitial = 9,
  kTagNationality = 10,
  kTagBirthPlace = 11,
  kTagBirthDate = 12,
  kTagGender = 13,
  kTagNobleCondition = 14,
  kTagDocumentType = 15,
  kTagSpecialStatus = 16,
  kTagPhotoHash = 17,
  kTagDuplicate = 18,
  kTagSpecialOrganisation = 19,
  kTagMemberOfFamily = 20,
  kTagDateAndCountryOfProtection = 21,
  kTagWorkPermit = 22,
  kTagEmployerVat1 = 23,
  kTagEmployerVat2 = 24,
  kTagRegionalFileNumber = 25,
  kTagBasicKeyHash = 26,
};

// Tag 16.
struct SpecialStatus {
  bool white_cane = false;
  bool yellow_cane = false;
  bool extended_minority = false;
};

struct IdentityData {
  std::string card_number;
  std::string chip_number_hex;  // tag 2 is binary
  absl::CivilDay validity_begin;
  absl::CivilDay validity_end;
  std::string delivery_municipality;
  // As on the card (11 digits); checked and interpreted by ParseNationalNumber.
  std::string national_number;
  std::string surname;
  std::string first_names;
  std::string third_name_initial;
  std::string nationality;
  std::string birth_place;
  PartialDate birth_date;
  Gender gender = Gender::kUnknown;
  std::string noble_condition;
  // Leading zeros removed: "1" Belgian identity card, "6" kids card, "11"–"19" foreigner cards.
  std::string document_type;
  SpecialStatus special_status;
  std::string photo_hash;  // raw 20, 32 or 48 bytes (SHA-1, SHA-256, SHA-384); empty if absent
  std::string duplicate;
  std::string special_organisation;
  bool member_of_family = false;  // tag 20: presence means true
  std::string date_and_country_of_protection;
  std::string work_permit;
  std::string employer_vat_1;
  std::string employer_vat_2;
  std::string regional_file_number;
  std::string basic_key_hash;  // raw 48 bytes (SHA-384 of file 4040) on newer cards; else empty
};

// Decodes an identity file (hostile input). Required: card number, validity dates, national
// number, surname, date of birth and gender. INVALID_ARGUMENT with reason EID_FILE_MALFORMED,
// EID_FIELD_MISSING or EID_FIELD_INVALID (metadata "field" names it). Unknown tags are ignored.
// The national number is not checked here (see national_number.h).
absl::StatusOr<IdentityData> DecodeIdentityFile(std::string_view file);

}  // namespace meldpunt::identity::eid

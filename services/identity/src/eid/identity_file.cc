#include "services/identity/src/eid/identity_file.h"

#include <optional>

#include "services/identity/src/eid/card_dates.h"
#include "services/identity/src/eid/card_number.h"
#include "services/identity/src/eid/field_errors.h"
#include "services/identity/src/eid/text_field.h"
#include "services/identity/src/eid/tlv.h"

namespace meldpunt::identity::eid {
namespace {

// Reads the text fields of one file, remembering the first error so that the decoder reads as a
// list of fields rather than a ladder of early returns.
class FieldReader {
 public:
  explicit FieldReader(const TlvFields& fields) : fields_(fields) {}

  const std::string* Raw(uint8_t tag, std::string_view name, bool required) {
    auto it = fields_.find(tag);
    if (it == fields_.end()) {
      if (required) Fail(FieldMissing(name));
      return nullptr;
    }
    return &it->second;
  }

  // Text that Meldpunt keeps or checks: a value that is not clean text fails the file.
  std::string Text(uint8_t tag, std::string_view name, bool required = false) {
    const std::string* raw = Raw(tag, name, required);
    if (raw == nullptr) return "";
    std::optional<std::string> clean = CleanText(*raw);
    if (!clean) {
      Fail(FieldInvalid(name, "not UTF-8 text"));
      return "";
    }
    if (required && clean->empty()) Fail(FieldMissing(name));
    return *clean;
  }

  // Text that is only informative: a value that is not clean text is dropped, so that a mention
  // Meldpunt does not use never locks a citizen out.
  std::string Informative(uint8_t tag) {
    auto it = fields_.find(tag);
    if (it == fields_.end()) return "";
    return CleanText(it->second).value_or("");
  }

  void Fail(absl::Status status) {
    if (status_.ok()) status_ = std::move(status);
  }
  const absl::Status& status() const { return status_; }

 private:
  const TlvFields& fields_;
  absl::Status status_;
};

Gender ParseGender(std::string_view text) {
  if (text == "M") return Gender::kMale;
  // French F(éminin), Dutch V(rouw), German W(eiblich).
  if (text == "F" || text == "V" || text == "W") return Gender::kFemale;
  return Gender::kUnknown;
}

// Codes as used by the eID middleware: 3 and 5 combine a cane with extended minority.
SpecialStatus ParseSpecialStatus(std::string_view text) {
  SpecialStatus s;
  if (text == "1" || text == "3") s.white_cane = true;
  if (text == "4" || text == "5") s.yellow_cane = true;
  if (text == "2" || text == "3" || text == "5") s.extended_minority = true;
  return s;
}

std::string WithoutLeadingZeros(std::string text) {
  size_t i = 0;
  while (i + 1 < text.size() && text[i] == '0') ++i;
  return text.substr(i);
}

}  // namespace

absl::StatusOr<IdentityData> DecodeIdentityFile(std::string_view file) {
  absl::StatusOr<TlvFields> fields = ParseTlv(file);
  if (!fields.ok()) return fields.status();
  FieldReader r(*fields);
  IdentityData d;

  d.card_number = r.Text(kTagCardNumber, "card_number", true);
  if (r.status().ok() && !IsValidCardNumber(d.card_number)) {
    r.Fail(FieldInvalid("card_number", "wrong format or check digits"));
  }
  if (const std::string* chip = r.Raw(kTagChipNumber, "chip_number", false)) {
    d.chip_number_hex = ToHex(*chip);
  }
  const std::string begin = r.Text(kTagValidityBegin, "validity_begin", true);
  const std::string end = r.Text(kTagValidityEnd, "validity_end", true);
  if (r.status().ok()) {
    auto b = ParseValidityDate(begin);
    auto e = ParseValidityDate(end);
    if (!b) r.Fail(FieldInvalid("validity_begin", "not a DD.MM.YYYY date"));
    if (!e) r.Fail(FieldInvalid("validity_end", "not a DD.MM.YYYY date"));
    if (b && e) {
      d.validity_begin = *b;
      d.validity_end = *e;
      if (*e < *b) r.Fail(FieldInvalid("validity_end", "before the validity begin"));
    }
  }
  d.delivery_municipality = r.Informative(kTagDeliveryMunicipality);
  d.national_number = r.Text(kTagNationalNumber, "national_number", true);
  d.surname = r.Text(kTagSurname, "surname", true);
  d.first_names = r.Text(kTagFirstNames, "first_names");
  d.third_name_initial = r.Text(kTagThirdNameInitial, "third_name_initial");
  d.nationality = r.Informative(kTagNationality);
  d.birth_place = r.Informative(kTagBirthPlace);
  const std::string birth = r.Text(kTagBirthDate, "birth_date", true);
  if (r.status().ok()) {
    std::optional<PartialDate> date = ParseBirthDate(birth);
    if (date) {
      d.birth_date = *date;
    } else {
      r.Fail(FieldInvalid("birth_date", "not a date of birth in a card language"));
    }
  }
  // Present but unknown letters stay kUnknown rather than lock a citizen out: the gender is not
  // what proves the identity.
  if (r.Raw(kTagGender, "gender", true) != nullptr) {
    d.gender = ParseGender(r.Informative(kTagGender));
  }
  d.noble_condition = r.Informative(kTagNobleCondition);
  d.document_type = WithoutLeadingZeros(r.Informative(kTagDocumentType));
  d.special_status = ParseSpecialStatus(r.Informative(kTagSpecialStatus));
  if (const std::string* hash = r.Raw(kTagPhotoHash, "photo_hash", false)) {
    if (hash->size() != 20 && hash->size() != 32 && hash->size() != 48) {
      r.Fail(FieldInvalid("photo_hash", "not 20, 32 or 48 bytes"));
    }
    d.photo_hash = *hash;
  }
  d.duplicate = r.Informative(kTagDuplicate);
  d.special_organisation = r.Informative(kTagSpecialOrganisation);
  d.member_of_family = r.Raw(kTagMemberOfFamily, "member_of_family", false) != nullptr;
  d.date_and_country_of_protection =
      r.Informative(kTagDateAndCountryOfProtection);
  d.work_permit = r.Informative(kTagWorkPermit);
  d.employer_vat_1 = r.Informative(kTagEmployerVat1);
  d.employer_vat_2 = r.Informative(kTagEmployerVat2);
  d.regional_file_number = r.Informative(kTagRegionalFileNumber);
  if (const std::string* hash = r.Raw(kTagBasicKeyHash, "basic_key_hash", false)) {
    if (hash->size() != 48) r.Fail(FieldInvalid("basic_key_hash", "not 48 bytes"));
    d.basic_key_hash = *hash;
  }
  if (!r.status().ok()) return r.status();
  return d;
}

}  // namespace meldpunt::identity::eid

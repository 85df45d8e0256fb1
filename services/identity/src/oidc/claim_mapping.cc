#include "services/identity/src/oidc/claim_mapping.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/status/status.h"
#include "libs/text/text.h"
#include "services/identity/src/eid/national_number.h"
#include "services/identity/src/eid/partial_date.h"
#include "services/identity/src/eid/street_address.h"
#include "services/identity/src/eid/text_field.h"
#include "services/identity/src/oidc/reasons.h"

namespace meldpunt::identity::oidc {
namespace {

using nlohmann::json;
namespace cv1 = common::v1;

constexpr std::size_t kMaxNameChars = 200;
constexpr std::size_t kMaxAddressPartChars = 100;  // PostalAddress' limit per part
constexpr std::size_t kMaxNationalNumberBytes = 32;

constexpr char kFasLevel500[] = "urn:be:fedict:iam:fas:Level500";
constexpr char kFasLevel450[] = "urn:be:fedict:iam:fas:Level450";

absl::Status ClaimError(const char* reason, const std::string& claim, std::string_view what) {
  return status::Error(absl::StatusCode::kUnauthenticated, reason,
                       absl::StrCat("the ID token's \"", claim, "\" claim ", std::string(what)), {},
                       {{"claim", claim}});
}

// A required text claim: present, a string, clean UTF-8 without control characters, not empty
// and at most max_chars characters.
absl::StatusOr<std::string> RequiredText(const json& claims, const std::string& name,
                                         std::size_t max_chars) {
  auto it = claims.find(name);
  if (it == claims.end() || it->is_null()) return ClaimError(kClaimMissing, name, "is missing");
  if (!it->is_string()) return ClaimError(kClaimInvalid, name, "is not a string");
  std::optional<std::string> clean = eid::CleanText(it->get_ref<const std::string&>());
  if (!clean) return ClaimError(kClaimInvalid, name, "is not clean text");
  if (clean->empty()) return ClaimError(kClaimMissing, name, "is empty");
  if (text::Utf8Length(*clean) > max_chars) return ClaimError(kClaimInvalid, name, "is too long");
  return *clean;
}

// An optional string claim; nullopt when absent, null or empty. INVALID when not a string.
absl::StatusOr<std::optional<std::string>> OptionalString(const json& claims, const std::string& name) {
  auto it = claims.find(name);
  if (it == claims.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return ClaimError(kClaimInvalid, name, "is not a string");
  if (it->get_ref<const std::string&>().empty()) return std::optional<std::string>();
  return std::optional<std::string>(it->get_ref<const std::string&>());
}

absl::StatusOr<eid::NationalNumber> NationalNumberClaim(const json& claims, const std::string& name) {
  auto it = claims.find(name);
  if (it == claims.end() || it->is_null()) return ClaimError(kClaimMissing, name, "is missing");
  if (!it->is_string()) return ClaimError(kClaimInvalid, name, "is not a string");
  const std::string& text = it->get_ref<const std::string&>();
  if (text.empty()) return ClaimError(kClaimMissing, name, "is empty");
  auto number = text.size() > kMaxNationalNumberBytes
                    ? absl::StatusOr<eid::NationalNumber>(absl::InvalidArgumentError("too long"))
                    : eid::ParseNationalNumber(text);
  if (!number.ok()) {
    return status::Error(absl::StatusCode::kUnauthenticated, kNationalNumberInvalid,
                         "the ID token's national number is not a valid national register or BIS number",
                         {}, {{"claim", name}});
  }
  return number;
}

// "nl", "NL", "nl-BE", "fr_BE" → the language; anything else unspecified.
cv1::Language LanguageFromTag(std::string_view tag) {
  std::string primary = absl::AsciiStrToLower(
      absl::string_view(tag.data(), std::min(tag.size(), tag.find_first_of("-_"))));
  if (primary == "nl") return cv1::LANGUAGE_NL;
  if (primary == "fr") return cv1::LANGUAGE_FR;
  if (primary == "de") return cv1::LANGUAGE_DE;
  if (primary == "en") return cv1::LANGUAGE_EN;
  return cv1::LANGUAGE_UNSPECIFIED;
}

cv1::Gender ToProto(eid::Gender g) {
  switch (g) {
    case eid::Gender::kMale:
      return cv1::GENDER_MALE;
    case eid::Gender::kFemale:
      return cv1::GENDER_FEMALE;
    case eid::Gender::kUnknown:
      break;
  }
  return cv1::GENDER_UNSPECIFIED;
}

// OIDC "birthdate": "YYYY-MM-DD", or "YYYY" alone; a year of "0000" means withheld (OIDC Core
// §5.1), which we treat as absent. nullopt for absent.
absl::StatusOr<std::optional<eid::PartialDate>> ParseBirthdate(const std::string& text) {
  const absl::Status invalid = ClaimError(kClaimInvalid, "birthdate", "is not a date");
  std::vector<std::string> parts = absl::StrSplit(text, '-');
  if (parts.size() != 1 && parts.size() != 3) return invalid;
  const std::size_t widths[] = {4, 2, 2};
  int values[3] = {0, 0, 0};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].size() != widths[i] ||
        !std::all_of(parts[i].begin(), parts[i].end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); }) ||
        !absl::SimpleAtoi(parts[i], &values[i])) {
      return invalid;
    }
  }
  if (values[0] == 0) return std::optional<eid::PartialDate>();
  eid::PartialDate date{values[0], values[1], values[2]};
  if (parts.size() == 3 && (date.month == 0 || date.day == 0)) return invalid;
  if (!eid::IsPlausible(date)) return invalid;
  return std::optional<eid::PartialDate>(date);
}

// What the number and the token know together (they are already known to agree).
eid::PartialDate Merge(const eid::PartialDate& a, const eid::PartialDate& b) {
  eid::PartialDate out;
  out.year = a.year != 0 ? a.year : b.year;
  out.month = a.month != 0 ? a.month : b.month;
  out.day = a.day != 0 ? a.day : b.day;
  if (out.month == 0) out.day = 0;
  return out;
}

// The itsme (OIDC §5.1.1) address claim as a PostalAddress; nullopt when it is absent or cannot
// be mapped (the login does not depend on it).
std::optional<cv1::PostalAddress> AddressClaim(const json& claims) {
  auto it = claims.find("address");
  if (it == claims.end() || !it->is_object()) return std::nullopt;
  auto part = [&](const char* name) -> std::optional<std::string> {
    auto p = it->find(name);
    if (p == it->end() || !p->is_string()) return std::nullopt;
    // Street lines may be separated by newlines; one line is what a PostalAddress holds.
    std::vector<std::string> lines = absl::StrSplit(p->get_ref<const std::string&>(),
                                                    absl::ByAnyChar("\r\n"), absl::SkipWhitespace());
    std::optional<std::string> clean = eid::CleanText(absl::StrJoin(lines, " "));
    if (!clean || clean->empty() || text::Utf8Length(*clean) > kMaxAddressPartChars) return std::nullopt;
    return clean;
  };
  std::optional<std::string> street = part("street_address");
  std::optional<std::string> postal_code = part("postal_code");
  std::optional<std::string> locality = part("locality");
  if (!street || !postal_code || !locality) return std::nullopt;

  std::string country = "BE";
  if (std::optional<std::string> c = part("country")) {
    const std::string lower = absl::AsciiStrToLower(*c);
    if (lower == "be" || lower == "bel" || lower == "belgium" || lower == "belgië" ||
        lower == "belgie" || lower == "belgique" || lower == "belgien") {
      country = "BE";
    } else if (c->size() == 2 && absl::ascii_isalpha(static_cast<unsigned char>((*c)[0])) &&
               absl::ascii_isalpha(static_cast<unsigned char>((*c)[1]))) {
      country = absl::AsciiStrToUpper(*c);
    } else {
      return std::nullopt;  // a country name we cannot turn into a code
    }
  }
  eid::StreetParts split = eid::SplitStreetAndNumber(*street);
  cv1::PostalAddress address;
  address.set_street(split.street);
  address.set_house_number(split.house_number);
  address.set_box(split.box);
  address.set_postal_code(*postal_code);
  address.set_municipality(*locality);
  address.set_country(country);
  return address;
}

}  // namespace

absl::StatusOr<VerifiedIdentity> MapFasClaims(const json& claims) {
  auto number = NationalNumberClaim(claims, "egovNRN");
  if (!number.ok()) return number.status();
  auto given = RequiredText(claims, "givenName", kMaxNameChars);
  if (!given.ok()) return given.status();
  auto surname = RequiredText(claims, "surname", kMaxNameChars);
  if (!surname.ok()) return surname.status();
  auto language = OptionalString(claims, "prefLanguage");
  if (!language.ok()) return language.status();
  auto acr = OptionalString(claims, "acr");
  if (!acr.ok()) return acr.status();

  VerifiedIdentity id;
  id.national_number = number->digits;
  id.given_names = std::move(*given);
  id.family_name = std::move(*surname);
  id.birth_date = number->birth_date.ToIso();
  id.gender = ToProto(number->gender);
  id.language = *language ? LanguageFromTag(**language) : cv1::LANGUAGE_UNSPECIFIED;
  const std::string level = acr->value_or("");
  if (level == kFasLevel500) {
    id.assurance = common::v1::ASSURANCE_LEVEL_FAS_EID;
  } else if (level == kFasLevel450) {
    id.assurance = common::v1::ASSURANCE_LEVEL_FAS_ITSME;
  } else {
    id.assurance = common::v1::ASSURANCE_LEVEL_FAS_LOW;
  }
  return id;
}

absl::StatusOr<VerifiedIdentity> MapItsmeClaims(const json& claims) {
  auto number = NationalNumberClaim(claims, kItsmeNationalNumberClaim);
  if (!number.ok()) return number.status();
  auto given = RequiredText(claims, "given_name", kMaxNameChars);
  if (!given.ok()) return given.status();
  auto family = RequiredText(claims, "family_name", kMaxNameChars);
  if (!family.ok()) return family.status();
  auto birthdate_text = OptionalString(claims, "birthdate");
  if (!birthdate_text.ok()) return birthdate_text.status();
  auto gender_text = OptionalString(claims, "gender");
  if (!gender_text.ok()) return gender_text.status();
  auto locale = OptionalString(claims, "locale");
  if (!locale.ok()) return locale.status();

  eid::PartialDate birth_date = number->birth_date;
  if (*birthdate_text) {
    auto token_date = ParseBirthdate(**birthdate_text);
    if (!token_date.ok()) return token_date.status();
    if (*token_date) {
      if (!eid::Compatible(**token_date, number->birth_date)) {
        return status::Unauthenticated(kDataInconsistent,
                                       "the ID token's birth date contradicts its national number");
      }
      birth_date = Merge(**token_date, number->birth_date);
    }
  }
  eid::Gender gender = number->gender;
  if (*gender_text) {
    const std::string g = absl::AsciiStrToLower(**gender_text);
    // Other values (OIDC allows any) say nothing we can use; the number may still say it.
    eid::Gender token_gender = g == "male"     ? eid::Gender::kMale
                               : g == "female" ? eid::Gender::kFemale
                                               : eid::Gender::kUnknown;
    if (token_gender != eid::Gender::kUnknown) {
      if (number->gender != eid::Gender::kUnknown && number->gender != token_gender) {
        return status::Unauthenticated(kDataInconsistent,
                                       "the ID token's gender contradicts its national number");
      }
      gender = token_gender;
    }
  }

  VerifiedIdentity id;
  id.national_number = number->digits;
  id.given_names = std::move(*given);
  id.family_name = std::move(*family);
  id.birth_date = birth_date.ToIso();
  id.gender = ToProto(gender);
  id.official_address = AddressClaim(claims);
  id.assurance = common::v1::ASSURANCE_LEVEL_ITSME;
  id.language = *locale ? LanguageFromTag(**locale) : cv1::LANGUAGE_UNSPECIFIED;
  return id;
}

}  // namespace meldpunt::identity::oidc

#include "services/identity/src/oidc/claim_mapping.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "services/identity/src/oidc/reasons.h"

namespace meldpunt::identity::oidc {
namespace {

using nlohmann::json;
namespace cv1 = common::v1;

// Valid national numbers: a man born 1985-07-30, a woman born 2000-01-01, BIS numbers without
// and with gender, and a man of whom the register knows only the birth year.
constexpr char kJan[] = "85073003328";
constexpr char kMarie[] = "00010100204";
constexpr char kBisNoGender[] = "85273003371";
constexpr char kBisMale[] = "85473003317";
constexpr char kYearOnly[] = "85000003306";

json Fas() {
  return {{"egovNRN", kJan},
          {"givenName", "Jan Frans"},
          {"surname", "Peeters"},
          {"prefLanguage", "nl"},
          {"acr", "urn:be:fedict:iam:fas:Level500"}};
}

json Itsme() {
  return {{kItsmeNationalNumberClaim, kMarie},
          {"given_name", "Marie"},
          {"family_name", "Dubois"},
          {"birthdate", "2000-01-01"},
          {"gender", "female"},
          {"locale", "fr-BE"},
          {"address",
           {{"street_address", "Grote Markt 12 bus 3"},
            {"postal_code", "3800"},
            {"locality", "Sint-Truiden"},
            {"country", "BE"}}}};
}

std::string Reason(const absl::StatusOr<VerifiedIdentity>& r) { return status::Reason(r.status()); }
std::string Claim(const absl::StatusOr<VerifiedIdentity>& r) {
  auto m = status::Details(r.status()).metadata;
  return m.count("claim") ? m.at("claim") : "";
}

TEST(MapFasClaims, MapsTheFederalClaims) {
  auto id = MapFasClaims(Fas());
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->national_number, kJan);
  EXPECT_EQ(id->given_names, "Jan Frans");
  EXPECT_EQ(id->family_name, "Peeters");
  EXPECT_EQ(id->birth_date, "1985-07-30");  // from the number
  EXPECT_EQ(id->gender, cv1::GENDER_MALE);  // from the number
  EXPECT_EQ(id->language, cv1::LANGUAGE_NL);
  EXPECT_EQ(id->assurance, common::v1::ASSURANCE_LEVEL_FAS_EID);
  EXPECT_FALSE(id->official_address.has_value());
}

TEST(MapFasClaims, AcrDecidesTheAssurance) {
  const std::pair<json, common::v1::AssuranceLevel> cases[] = {
      {"urn:be:fedict:iam:fas:Level500", common::v1::ASSURANCE_LEVEL_FAS_EID},
      {"urn:be:fedict:iam:fas:Level450", common::v1::ASSURANCE_LEVEL_FAS_ITSME},
      {"urn:be:fedict:iam:fas:Level400", common::v1::ASSURANCE_LEVEL_FAS_LOW},
      {"urn:be:fedict:iam:fas:Level100", common::v1::ASSURANCE_LEVEL_FAS_LOW},
      {"urn:be:fedict:iam:fas:level500", common::v1::ASSURANCE_LEVEL_FAS_LOW},  // not the exact value
      {"", common::v1::ASSURANCE_LEVEL_FAS_LOW},
  };
  for (const auto& [acr, level] : cases) {
    json c = Fas();
    c["acr"] = acr;
    EXPECT_EQ(MapFasClaims(c)->assurance, level) << acr;
  }
  json none = Fas();
  none.erase("acr");
  EXPECT_EQ(MapFasClaims(none)->assurance, common::v1::ASSURANCE_LEVEL_FAS_LOW);
}

TEST(MapFasClaims, Languages) {
  const std::pair<const char*, cv1::Language> cases[] = {
      {"nl", cv1::LANGUAGE_NL}, {"FR", cv1::LANGUAGE_FR}, {"de", cv1::LANGUAGE_DE},
      {"en", cv1::LANGUAGE_EN}, {"es", cv1::LANGUAGE_UNSPECIFIED}, {"", cv1::LANGUAGE_UNSPECIFIED}};
  for (const auto& [tag, language] : cases) {
    json c = Fas();
    c["prefLanguage"] = tag;
    EXPECT_EQ(MapFasClaims(c)->language, language) << tag;
  }
}

TEST(MapFasClaims, RequiredClaims) {
  for (const char* claim : {"egovNRN", "givenName", "surname"}) {
    json c = Fas();
    c.erase(claim);
    auto r = MapFasClaims(c);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated) << claim;
    EXPECT_EQ(Reason(r), kClaimMissing) << claim;
    EXPECT_EQ(Claim(r), claim);
  }
  json empty_name = Fas();
  empty_name["surname"] = "  ";
  EXPECT_EQ(Reason(MapFasClaims(empty_name)), kClaimMissing);
  json number_not_string = Fas();
  number_not_string["egovNRN"] = 85073003328LL;
  EXPECT_EQ(Reason(MapFasClaims(number_not_string)), kClaimInvalid);
  json control = Fas();
  control["givenName"] = "Jan\x01";
  EXPECT_EQ(Reason(MapFasClaims(control)), kClaimInvalid);
  json too_long = Fas();
  too_long["surname"] = std::string(201, 'a');
  EXPECT_EQ(Reason(MapFasClaims(too_long)), kClaimInvalid);
}

TEST(MapFasClaims, NationalNumberChecksumAndFormat) {
  for (const char* bad : {"85073003329", "8507300332", "850730033288", "85133003328", "abcdefghijk",
                          "12345678901234567890123456789012345"}) {
    json c = Fas();
    c["egovNRN"] = bad;
    auto r = MapFasClaims(c);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated) << bad;
    EXPECT_EQ(Reason(r), kNationalNumberInvalid) << bad;
    EXPECT_EQ(r.status().message().find(bad), absl::string_view::npos);
  }
  json formatted = Fas();
  formatted["egovNRN"] = "85.07.30-033.28";
  EXPECT_EQ(MapFasClaims(formatted)->national_number, kJan);
}

TEST(MapFasClaims, BisAndPartialNumbers) {
  json bis = Fas();
  bis["egovNRN"] = kBisNoGender;
  auto id = MapFasClaims(bis);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->birth_date, "1985-07-30");
  EXPECT_EQ(id->gender, cv1::GENDER_UNSPECIFIED);
  json year_only = Fas();
  year_only["egovNRN"] = kYearOnly;
  EXPECT_EQ(MapFasClaims(year_only)->birth_date, "1985");
}

TEST(MapItsmeClaims, MapsTheItsmeClaims) {
  auto id = MapItsmeClaims(Itsme());
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->national_number, kMarie);
  EXPECT_EQ(id->given_names, "Marie");
  EXPECT_EQ(id->family_name, "Dubois");
  EXPECT_EQ(id->birth_date, "2000-01-01");
  EXPECT_EQ(id->gender, cv1::GENDER_FEMALE);
  EXPECT_EQ(id->language, cv1::LANGUAGE_FR);
  EXPECT_EQ(id->assurance, common::v1::ASSURANCE_LEVEL_ITSME);
  ASSERT_TRUE(id->official_address.has_value());
  EXPECT_EQ(id->official_address->street(), "Grote Markt");
  EXPECT_EQ(id->official_address->house_number(), "12");
  EXPECT_EQ(id->official_address->box(), "3");
  EXPECT_EQ(id->official_address->postal_code(), "3800");
  EXPECT_EQ(id->official_address->municipality(), "Sint-Truiden");
  EXPECT_EQ(id->official_address->country(), "BE");
}

TEST(MapItsmeClaims, BirthDateAndGenderFromTheNumberWhenAbsent) {
  json c = Itsme();
  c.erase("birthdate");
  c.erase("gender");
  auto id = MapItsmeClaims(c);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->birth_date, "2000-01-01");
  EXPECT_EQ(id->gender, cv1::GENDER_FEMALE);
}

TEST(MapItsmeClaims, TokenCompletesWhatTheNumberDoesNotKnow) {
  json c = Itsme();
  c[kItsmeNationalNumberClaim] = kYearOnly;
  c["birthdate"] = "1985-03-04";
  c["gender"] = "male";
  auto id = MapItsmeClaims(c);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->birth_date, "1985-03-04");

  json bis = Itsme();
  bis[kItsmeNationalNumberClaim] = kBisNoGender;
  bis["birthdate"] = "1985-07-30";
  bis["gender"] = "female";
  id = MapItsmeClaims(bis);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->gender, cv1::GENDER_FEMALE);
}

TEST(MapItsmeClaims, ContradictionsWithTheNumberAreRefused) {
  json date = Itsme();
  date["birthdate"] = "2000-01-02";
  EXPECT_EQ(Reason(MapItsmeClaims(date)), kDataInconsistent);
  json year = Itsme();
  year["birthdate"] = "1999";
  EXPECT_EQ(Reason(MapItsmeClaims(year)), kDataInconsistent);
  json gender = Itsme();
  gender["gender"] = "male";
  auto r = MapItsmeClaims(gender);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(r), kDataInconsistent);
  json bis_male = Itsme();
  bis_male[kItsmeNationalNumberClaim] = kBisMale;
  bis_male["birthdate"] = "1985-07-30";
  bis_male["gender"] = "female";
  EXPECT_EQ(Reason(MapItsmeClaims(bis_male)), kDataInconsistent);
}

TEST(MapItsmeClaims, BirthdateForms) {
  json year_only = Itsme();
  year_only["birthdate"] = "2000";
  EXPECT_EQ(MapItsmeClaims(year_only)->birth_date, "2000-01-01");
  json withheld = Itsme();
  withheld["birthdate"] = "0000-01-01";
  EXPECT_EQ(MapItsmeClaims(withheld)->birth_date, "2000-01-01");
  for (const char* bad : {"2000-1-1", "01-01-2000", "2000-02-30", "2000-13-01", "2000-01", "x"}) {
    json c = Itsme();
    c["birthdate"] = bad;
    auto r = MapItsmeClaims(c);
    EXPECT_EQ(Reason(r), kClaimInvalid) << bad;
    EXPECT_EQ(Claim(r), "birthdate") << bad;
  }
}

TEST(MapItsmeClaims, OtherGenderValuesLeaveItToTheNumber) {
  json c = Itsme();
  c["gender"] = "other";
  EXPECT_EQ(MapItsmeClaims(c)->gender, cv1::GENDER_FEMALE);
}

TEST(MapItsmeClaims, RequiredClaims) {
  for (const char* claim : {kItsmeNationalNumberClaim, "given_name", "family_name"}) {
    json c = Itsme();
    c.erase(claim);
    auto r = MapItsmeClaims(c);
    EXPECT_EQ(Reason(r), kClaimMissing) << claim;
    EXPECT_EQ(Claim(r), claim);
  }
  json bad = Itsme();
  bad[kItsmeNationalNumberClaim] = "00010100205";
  EXPECT_EQ(Reason(MapItsmeClaims(bad)), kNationalNumberInvalid);
}

TEST(MapItsmeClaims, AddressesThatCannotBeMappedAreLeftOut) {
  auto address_with = [](const char* member, json value) {
    json c = Itsme();
    if (value.is_null()) {
      c["address"].erase(member);
    } else {
      c["address"][member] = value;
    }
    return MapItsmeClaims(c);
  };
  EXPECT_FALSE(address_with("street_address", nullptr)->official_address.has_value());
  EXPECT_FALSE(address_with("postal_code", 3800)->official_address.has_value());
  EXPECT_FALSE(address_with("locality", std::string(101, 'x'))->official_address.has_value());
  EXPECT_FALSE(address_with("country", "Nederland")->official_address.has_value());
  EXPECT_EQ(address_with("country", "nl")->official_address->country(), "NL");
  EXPECT_EQ(address_with("country", "Belgium")->official_address->country(), "BE");
  EXPECT_EQ(address_with("country", nullptr)->official_address->country(), "BE");
  auto multi_line = address_with("street_address", "Kerkstraat 5\nbus 2");
  ASSERT_TRUE(multi_line->official_address.has_value());
  EXPECT_EQ(multi_line->official_address->street(), "Kerkstraat");
  EXPECT_EQ(multi_line->official_address->house_number(), "5");
  EXPECT_EQ(multi_line->official_address->box(), "2");
  json not_object = Itsme();
  not_object["address"] = "Grote Markt 12, 3800 Sint-Truiden";
  auto id = MapItsmeClaims(not_object);
  ASSERT_TRUE(id.ok());
  EXPECT_FALSE(id->official_address.has_value());
}

TEST(MapItsmeClaims, LocaleForms) {
  const std::pair<const char*, cv1::Language> cases[] = {
      {"nl-BE", cv1::LANGUAGE_NL}, {"de_BE", cv1::LANGUAGE_DE}, {"en", cv1::LANGUAGE_EN},
      {"it-IT", cv1::LANGUAGE_UNSPECIFIED}};
  for (const auto& [tag, language] : cases) {
    json c = Itsme();
    c["locale"] = tag;
    EXPECT_EQ(MapItsmeClaims(c)->language, language) << tag;
  }
}

TEST(ClaimMapping, MessagesCarryNoPersonalData) {
  json c = Itsme();
  c["birthdate"] = "2000-01-02";
  std::string message(MapItsmeClaims(c).status().message());
  for (const char* personal : {"Marie", "Dubois", kMarie, "2000-01-02", "Grote Markt"}) {
    EXPECT_EQ(message.find(personal), std::string::npos) << personal;
  }
}

}  // namespace
}  // namespace meldpunt::identity::oidc

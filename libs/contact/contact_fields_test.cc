#include "libs/contact/contact_fields.h"

#include <gtest/gtest.h>

#include "libs/contact/contact_details.h"
#include "libs/status/status.h"

namespace meldpunt::contact {
namespace {

namespace c = common::v1;

// From identity's profile_validation_test (field "phone").
TEST(ValidatePhoneTest, AcceptsInternationalAndBelgianNationalForms) {
  EXPECT_EQ(*ValidatePhone("+32470123456", "phone"), "+32470123456");
  EXPECT_EQ(*ValidatePhone("+32 470 12 34 56", "phone"), "+32470123456");
  EXPECT_EQ(*ValidatePhone("0470/12.34.56", "phone"), "+32470123456");
  EXPECT_EQ(*ValidatePhone("0032470123456", "phone"), "+32470123456");
  EXPECT_EQ(*ValidatePhone("011 12 34 56", "phone"), "+3211123456");
}

TEST(ValidatePhoneTest, RefusesWhatIsNoPhoneNumber) {
  for (const char* bad : {"", "abc", "470123456", "+32", "+0470123456", "+32 470 12 34 56 78 90 12",
                          "0470 12 34 56 ext 1", "++32470123456", "+32+470123456",
                          "0470123456789012345678901234567890123456789"}) {
    auto phone = ValidatePhone(bad, "phone");
    EXPECT_FALSE(phone.ok()) << bad;
    EXPECT_EQ(status::Reason(phone.status()), kReasonContactDetailInvalid) << bad;
  }
}

// From intake's report_validation_test (field "contact_preference.phone").
TEST(ValidatePhoneTest, PhoneNumbersAreNormalised) {
  constexpr char kField[] = "contact_preference.phone";
  EXPECT_EQ(*ValidatePhone("+32 470 12 34 56", kField), "+32470123456");
  EXPECT_EQ(*ValidatePhone("0032470123456", kField), "+32470123456");
  EXPECT_EQ(*ValidatePhone("011/12.34.56", kField), "+3211123456");
  EXPECT_EQ(*ValidatePhone("+31 6 12345678", kField), "+31612345678");
  for (const char* bad : {"470123456", "+32 47x", "++32470123456", "0", "+0470123456",
                          "+3247012345678901"}) {
    EXPECT_EQ(status::Reason(ValidatePhone(bad, kField).status()), "CONTACT_DETAIL_INVALID") << bad;
  }
}

TEST(ValidatePhoneTest, NamesTheFieldAndTheDomain) {
  const absl::Status s = ValidatePhone("abc", "contact_preference.phone").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Details(s).metadata.at("field"), "contact_preference.phone");
  EXPECT_EQ(s.message(), std::string("contact_preference.phone: ") + kPhoneExample);
  EXPECT_EQ(status::Details(s).domain, "");
  EXPECT_EQ(status::Details(ValidatePhone("abc", "phone", "identity.meldpunt").status()).domain,
            "identity.meldpunt");
}

c::PostalAddress GroteMarkt() {
  c::PostalAddress a;
  a.set_street("Grote Markt");
  a.set_house_number("1");
  a.set_postal_code("3800");
  a.set_municipality("Sint-Truiden");
  return a;
}

// From identity's profile_validation_test (a letter address).
TEST(NormalizePostalAddressTest, DefaultsCountryAndChecksParts) {
  constexpr AddressUse kLetter = AddressUse::kLetter;
  const c::PostalAddress a = GroteMarkt();
  auto ok = NormalizePostalAddress(a, "postal_address", kLetter);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->country(), "BE");

  c::PostalAddress long_street = a;
  long_street.set_street(std::string(101, 'x'));
  auto too_long = NormalizePostalAddress(long_street, "postal_address", kLetter);
  EXPECT_EQ(status::Reason(too_long.status()), kReasonAddressInvalid);
  EXPECT_EQ(status::Details(too_long.status()).metadata.at("field"), "postal_address.street");

  c::PostalAddress hundred = a;
  hundred.set_street(std::string(100, 'x'));
  EXPECT_TRUE(NormalizePostalAddress(hundred, "p", kLetter).ok());
  c::PostalAddress utf8 = a;
  std::string hundred_e_acute;
  for (int i = 0; i < 100; ++i) hundred_e_acute += "\xC3\xA9";  // 100 characters, 200 bytes
  utf8.set_street(hundred_e_acute);
  EXPECT_TRUE(NormalizePostalAddress(utf8, "p", kLetter).ok());

  c::PostalAddress newline = a;
  newline.set_municipality("Sint-\nTruiden");
  EXPECT_FALSE(NormalizePostalAddress(newline, "p", kLetter).ok());

  c::PostalAddress no_street = a;
  no_street.clear_street();
  EXPECT_EQ(status::Reason(NormalizePostalAddress(no_street, "p", kLetter).status()),
            kReasonAddressInvalid);

  c::PostalAddress country = a;
  country.set_country("be");
  EXPECT_FALSE(NormalizePostalAddress(country, "p", kLetter).ok());
  country.set_country("NL");
  EXPECT_TRUE(NormalizePostalAddress(country, "p", kLetter).ok());
}

TEST(NormalizePostalAddressTest, OnlyALetterNeedsStreetPostalCodeAndMunicipality) {
  c::PostalAddress partial;
  partial.set_municipality("Sint-Truiden");
  auto any = NormalizePostalAddress(partial, "address");
  ASSERT_TRUE(any.ok()) << any.status();
  EXPECT_EQ(any->country(), "BE");

  partial.set_street("  ");
  auto letter = NormalizePostalAddress(partial, "postal_address", AddressUse::kLetter);
  EXPECT_EQ(status::Reason(letter.status()), kReasonAddressInvalid);
  EXPECT_EQ(status::Details(letter.status()).metadata.at("field"), "postal_address.street");
}

TEST(NormalizePostalAddressTest, TooLongIsReportedBeforeMissingAndCountryLast) {
  c::PostalAddress a;
  a.set_municipality(std::string(101, 'x'));
  a.set_country("be");
  auto s = NormalizePostalAddress(a, "p", AddressUse::kLetter).status();
  EXPECT_EQ(status::Details(s).metadata.at("field"), "p.municipality");
  a.set_municipality("Sint-Truiden");
  s = NormalizePostalAddress(a, "p", AddressUse::kLetter).status();
  EXPECT_EQ(status::Details(s).metadata.at("field"), "p.street");
  s = NormalizePostalAddress(a, "p").status();
  EXPECT_EQ(status::Details(s).metadata.at("field"), "p.country");
  EXPECT_EQ(s.message(), "p.country: an ISO 3166-1 alpha-2 code such as BE is expected");
}

}  // namespace
}  // namespace meldpunt::contact

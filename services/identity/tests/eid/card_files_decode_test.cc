// Decoding of the identity and address files, and the small parsers they use.
#include <gtest/gtest.h>

#include <string>

#include "libs/status/status.h"
#include "services/identity/src/eid/address_file.h"
#include "services/identity/src/eid/card_number.h"
#include "services/identity/src/eid/identity_file.h"
#include "services/identity/src/eid/reasons.h"
#include "services/identity/src/eid/street_address.h"
#include "services/identity/src/eid/text_field.h"
#include "services/identity/tests/eid/eid_fixture.h"

namespace meldpunt::identity::eid {
namespace {

using testing::DefaultAddressFields;
using testing::DefaultIdentityFields;
using testing::EncodeTlv;
using testing::Fields;

absl::StatusOr<IdentityData> DecodeWith(uint8_t tag, std::string value) {
  Fields f = DefaultIdentityFields();
  f[tag] = std::move(value);
  return DecodeIdentityFile(EncodeTlv(f));
}

absl::StatusOr<IdentityData> DecodeWithout(uint8_t tag) {
  Fields f = DefaultIdentityFields();
  f.erase(tag);
  return DecodeIdentityFile(EncodeTlv(f));
}

std::string FieldOf(const absl::Status& s) {
  auto details = status::Details(s);
  auto it = details.metadata.find("field");
  return it == details.metadata.end() ? "" : it->second;
}

TEST(IdentityFileTest, DecodesEveryField) {
  Fields f = DefaultIdentityFields();
  f[14] = "Baron";
  f[17] = std::string(32, '\x11');
  f[18] = "01";
  f[20] = "";
  f[26] = std::string(48, '\x22');
  f[30] = "unknown mention";
  auto id = DecodeIdentityFile(EncodeTlv(f, true, 40));
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->card_number, "591234567829");
  EXPECT_EQ(id->chip_number_hex, "534c494e336600296cff2623660b0826");
  EXPECT_EQ(id->validity_begin, absl::CivilDay(2020, 2, 1));
  EXPECT_EQ(id->validity_end, absl::CivilDay(2030, 2, 1));
  EXPECT_EQ(id->delivery_municipality, "Sint-Truiden");
  EXPECT_EQ(id->national_number, "85073003328");
  EXPECT_EQ(id->surname, "Peeters");
  EXPECT_EQ(id->first_names, "Jan Maria");
  EXPECT_EQ(id->third_name_initial, "L");
  EXPECT_EQ(id->nationality, "Belg");
  EXPECT_EQ(id->birth_place, "Hasselt");
  EXPECT_EQ(id->birth_date, (PartialDate{1985, 7, 30}));
  EXPECT_EQ(id->gender, Gender::kMale);
  EXPECT_EQ(id->noble_condition, "Baron");
  EXPECT_EQ(id->document_type, "1");
  EXPECT_FALSE(id->special_status.white_cane);
  EXPECT_EQ(id->photo_hash, std::string(32, '\x11'));
  EXPECT_EQ(id->duplicate, "01");
  EXPECT_TRUE(id->member_of_family);
  EXPECT_EQ(id->basic_key_hash, std::string(48, '\x22'));
}

TEST(IdentityFileTest, GenderLetters) {
  EXPECT_EQ(DecodeWith(13, "F")->gender, Gender::kFemale);
  EXPECT_EQ(DecodeWith(13, "V")->gender, Gender::kFemale);
  EXPECT_EQ(DecodeWith(13, "W")->gender, Gender::kFemale);
  EXPECT_EQ(DecodeWith(13, "M")->gender, Gender::kMale);
  EXPECT_EQ(DecodeWith(13, "X")->gender, Gender::kUnknown);
  EXPECT_EQ(FieldOf(DecodeWithout(13).status()), "gender");
}

TEST(IdentityFileTest, DocumentTypeAndSpecialStatus) {
  EXPECT_EQ(DecodeWith(15, "01")->document_type, "1");
  EXPECT_EQ(DecodeWith(15, "11")->document_type, "11");
  auto s = DecodeWith(16, "3")->special_status;
  EXPECT_TRUE(s.white_cane && s.extended_minority && !s.yellow_cane);
  s = DecodeWith(16, "5")->special_status;
  EXPECT_TRUE(!s.white_cane && s.extended_minority && s.yellow_cane);
  s = DecodeWith(16, "4")->special_status;
  EXPECT_TRUE(s.yellow_cane && !s.extended_minority);
}

TEST(IdentityFileTest, RequiredFields) {
  for (const auto& [tag, name] : {std::pair<uint8_t, const char*>{1, "card_number"},
                                  {3, "validity_begin"},
                                  {4, "validity_end"},
                                  {6, "national_number"},
                                  {7, "surname"},
                                  {12, "birth_date"},
                                  {13, "gender"}}) {
    absl::Status s = DecodeWithout(tag).status();
    EXPECT_EQ(status::Reason(s), kFieldMissing) << name;
    EXPECT_EQ(FieldOf(s), name);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(status::Reason(DecodeWith(7, "   ").status()), kFieldMissing);
  EXPECT_TRUE(DecodeWithout(8).ok());  // a person may have no first names
}

TEST(IdentityFileTest, InvalidFields) {
  const std::pair<uint8_t, std::string> cases[] = {
      {1, "591234567828"},         // check digits
      {3, "2020-02-01"},           // format
      {4, "31.02.2030"},           // no such day
      {4, "01.01.2019"},           // ends before it begins
      {7, "Pee\x01ters"},          // control character
      {7, std::string("Pe\xC3", 3)},  // broken UTF-8
      {8, "\xED\xA0\x80"},         // UTF-16 surrogate
      {12, "30 XYZ 1985"},
      {17, std::string(16, 'h')},  // photo hash length
      {26, std::string(32, 'h')},  // basic-key hash must be SHA-384
  };
  for (const auto& [tag, value] : cases) {
    absl::Status s = DecodeWith(tag, value).status();
    EXPECT_EQ(status::Reason(s), kFieldInvalid) << int(tag);
    // Messages name the field, never its value.
    if (value.size() > 3) {
      EXPECT_EQ(std::string(s.message()).find(value), std::string::npos);
    }
  }
}

TEST(IdentityFileTest, InformativeFieldsThatAreNotTextAreDropped) {
  auto id = DecodeWith(11, std::string("Has\xFFselt"));
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->birth_place, "");
}

TEST(IdentityFileTest, SpacesAroundValuesAreTrimmed) {
  EXPECT_EQ(DecodeWith(7, "  Peeters ")->surname, "Peeters");
  EXPECT_EQ(DecodeWith(12, "30 JUL  1985 ")->birth_date, (PartialDate{1985, 7, 30}));
}

TEST(IdentityFileTest, MalformedFile) {
  std::string file = EncodeTlv(DefaultIdentityFields());
  EXPECT_EQ(status::Reason(DecodeIdentityFile(file.substr(0, file.size() - 1)).status()),
            kFileMalformed);
}

TEST(AddressFileTest, Decodes) {
  auto a = DecodeAddressFile(EncodeTlv(DefaultAddressFields(), true, 30));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->street_and_number, "Grote Markt 12 bus 3");
  EXPECT_EQ(a->postal_code, "3800");
  EXPECT_EQ(a->municipality, "Sint-Truiden");
}

TEST(AddressFileTest, MissingAndInvalid) {
  Fields f = DefaultAddressFields();
  f.erase(2);
  absl::Status s = DecodeAddressFile(EncodeTlv(f)).status();
  EXPECT_EQ(status::Reason(s), kFieldMissing);
  EXPECT_EQ(FieldOf(s), "postal_code");
  f = DefaultAddressFields();
  f[3] = "Sint\nTruiden";
  EXPECT_EQ(status::Reason(DecodeAddressFile(EncodeTlv(f)).status()), kFieldInvalid);
  EXPECT_EQ(status::Reason(DecodeAddressFile("\x01\x09Grote").status()), kFileMalformed);
}

TEST(StreetAddressTest, Splits) {
  struct Case {
    const char* in;
    const char* street;
    const char* number;
    const char* box;
  };
  for (const Case& c : {
           Case{"Grote Markt 12", "Grote Markt", "12", ""},
           Case{"Grote Markt 12 bus 3", "Grote Markt", "12", "3"},
           Case{"Kerkstraat 12A bus 0102", "Kerkstraat", "12A", "0102"},
           Case{"Rue de la Loi 16 bte 2", "Rue de la Loi", "16", "2"},
           Case{"Rue de la Loi 16 bo\xC3\xAEte 2", "Rue de la Loi", "16", "2"},
           Case{"Dorp 5/101", "Dorp", "5", "101"},
           Case{"  Lange   Straat   7  ", "Lange Straat", "7", ""},
           Case{"Kiewit", "Kiewit", "", ""},
           Case{"Kerkstraat zn", "Kerkstraat zn", "", ""},
           Case{"12", "12", "", ""},
           Case{"", "", "", ""},
       }) {
    StreetParts p = SplitStreetAndNumber(c.in);
    EXPECT_EQ(p.street, c.street) << c.in;
    EXPECT_EQ(p.house_number, c.number) << c.in;
    EXPECT_EQ(p.box, c.box) << c.in;
  }
}

TEST(CardNumberTest, CheckDigits) {
  EXPECT_TRUE(IsValidCardNumber("591234567829"));
  EXPECT_FALSE(IsValidCardNumber("591234567830"));
  EXPECT_TRUE(IsValidCardNumber("000000009797"));   // 97 when the remainder is 0
  EXPECT_FALSE(IsValidCardNumber("000000009700"));
  EXPECT_TRUE(IsValidCardNumber("B012345678"));      // foreigner card
  EXPECT_FALSE(IsValidCardNumber("b012345678"));
  EXPECT_FALSE(IsValidCardNumber("59123456782"));
  EXPECT_FALSE(IsValidCardNumber(""));
}

TEST(TextFieldTest, Utf8) {
  EXPECT_TRUE(IsValidUtf8("Beno\xC3\xAEt"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
  EXPECT_EQ(CleanText("  a b  "), "a b");
  EXPECT_FALSE(CleanText("a\tb"));
  EXPECT_EQ(ToHex(std::string("\x00\xAB", 2)), "00ab");
}

}  // namespace
}  // namespace meldpunt::identity::eid

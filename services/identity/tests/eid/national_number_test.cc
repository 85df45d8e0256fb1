#include "services/identity/src/eid/national_number.h"

#include <gtest/gtest.h>

#include <string>

#include "libs/status/status.h"
#include "services/identity/src/eid/reasons.h"

namespace meldpunt::identity::eid {
namespace {

// The nine digits with their check digits for the given century.
std::string WithCheck(const std::string& nine, int century = 1900) {
  unsigned long long n = std::stoull(nine);
  if (century == 2000) n += 2000000000ULL;
  const int check = 97 - static_cast<int>(n % 97);
  char buf[3];
  std::snprintf(buf, sizeof(buf), "%02d", check);
  return nine + buf;
}

NationalNumber Parse(const std::string& text) {
  absl::StatusOr<NationalNumber> n = ParseNationalNumber(text);
  EXPECT_TRUE(n.ok()) << text << ": " << n.status();
  return n.ok() ? *n : NationalNumber{};
}

std::string ReasonOf(const std::string& text) {
  return status::Reason(ParseNationalNumber(text).status());
}

// The worked examples of docs/eid.md.
TEST(NationalNumberTest, MaleBornIn1985) {
  NationalNumber n = Parse("85.07.30-033.28");
  EXPECT_EQ(n.digits, "85073003328");
  EXPECT_EQ(n.birth_date, (PartialDate{1985, 7, 30}));
  EXPECT_EQ(n.century, 1900);
  EXPECT_EQ(n.gender, Gender::kMale);
  EXPECT_FALSE(n.bis);
  EXPECT_EQ(n.Formatted(), "85.07.30-033.28");
}

TEST(NationalNumberTest, BornIn2017OnlyThePrefixedFormMatches) {
  NationalNumber n = Parse("17.07.30-033.84");
  EXPECT_EQ(n.birth_date, (PartialDate{2017, 7, 30}));
  EXPECT_EQ(n.century, 2000);
  EXPECT_EQ(n.gender, Gender::kMale);
}

TEST(NationalNumberTest, BisNumberWithGender) {
  NationalNumber n = Parse("98.47.28-997.65");
  EXPECT_TRUE(n.bis);
  EXPECT_EQ(n.birth_date, (PartialDate{1998, 7, 28}));
  EXPECT_EQ(n.gender, Gender::kMale);
}

TEST(NationalNumberTest, BisNumberBornIn2001) {
  NationalNumber n = Parse("01.49.07-001.85");
  EXPECT_TRUE(n.bis);
  EXPECT_EQ(n.birth_date, (PartialDate{2001, 9, 7}));
  EXPECT_EQ(n.century, 2000);
  EXPECT_EQ(n.gender, Gender::kMale);
}

TEST(NationalNumberTest, BisNumberWithoutGender) {
  NationalNumber n = Parse(WithCheck("982728124"));
  EXPECT_TRUE(n.bis);
  EXPECT_EQ(n.birth_date, (PartialDate{1998, 7, 28}));
  EXPECT_EQ(n.gender, Gender::kUnknown);
}

TEST(NationalNumberTest, EvenCounterIsFemale) {
  NationalNumber n = Parse(WithCheck("900214124"));
  EXPECT_EQ(n.gender, Gender::kFemale);
  EXPECT_EQ(n.birth_date, (PartialDate{1990, 2, 14}));
}

TEST(NationalNumberTest, UnknownMonthAndDay) {
  EXPECT_EQ(Parse(WithCheck("850000033")).birth_date, (PartialDate{1985, 0, 0}));
  // Month 00 with a day: the day counter ran out; the day means nothing.
  EXPECT_EQ(Parse(WithCheck("850001033")).birth_date, (PartialDate{1985, 0, 0}));
  EXPECT_EQ(Parse(WithCheck("850700033")).birth_date, (PartialDate{1985, 7, 0}));
  EXPECT_EQ(Parse(WithCheck("052000002", 2000)).birth_date, (PartialDate{2005, 0, 0}));
  // "000001": no part of the birth date was known.
  EXPECT_EQ(Parse(WithCheck("000001001")).birth_date, (PartialDate{0, 0, 0}));
  EXPECT_EQ(Parse(WithCheck("000001001", 2000)).birth_date.ToIso(), "");
}

TEST(NationalNumberTest, LeapDays) {
  EXPECT_EQ(Parse(WithCheck("000229001", 2000)).birth_date, (PartialDate{2000, 2, 29}));
  EXPECT_EQ(ReasonOf(WithCheck("010229001", 2000)), kNationalNumberInvalid);
}

TEST(NationalNumberTest, RefusesBadNumbers) {
  EXPECT_EQ(ReasonOf("85073003329"), kNationalNumberInvalid);  // checksum
  EXPECT_EQ(ReasonOf("8507300332"), kNationalNumberInvalid);   // 10 digits
  EXPECT_EQ(ReasonOf("850730033288"), kNationalNumberInvalid);
  EXPECT_EQ(ReasonOf("85O73003328"), kNationalNumberInvalid);  // letter O
  EXPECT_EQ(ReasonOf(""), kNationalNumberInvalid);
  EXPECT_EQ(ReasonOf(WithCheck("851330033")), kNationalNumberInvalid);  // month 13
  EXPECT_EQ(ReasonOf(WithCheck("853330033")), kNationalNumberInvalid);  // BIS month 13
  EXPECT_EQ(ReasonOf(WithCheck("855330033")), kNationalNumberInvalid);  // BIS month 13
  EXPECT_EQ(ReasonOf(WithCheck("856030033")), kNationalNumberInvalid);
  EXPECT_EQ(ReasonOf(WithCheck("850231033")), kNationalNumberInvalid);  // 31 February
  EXPECT_EQ(ReasonOf(WithCheck("850732033")), kNationalNumberInvalid);  // day 32
  EXPECT_EQ(ParseNationalNumber("85073003329").status().code(),
            absl::StatusCode::kInvalidArgument);
  // The message never repeats the number.
  EXPECT_EQ(std::string(ParseNationalNumber("85073003329").status().message()).find("850730"),
            std::string::npos);
}

TEST(NationalNumberTest, ConsistencyWithTheCard) {
  NationalNumber n = Parse("85073003328");
  EXPECT_TRUE(CheckConsistency(n, {1985, 7, 30}, Gender::kMale).ok());
  EXPECT_TRUE(CheckConsistency(n, {1985, 7, 0}, Gender::kUnknown).ok());
  EXPECT_TRUE(CheckConsistency(n, {1985, 0, 0}, Gender::kMale).ok());
  for (const auto& [date, gender] : {std::pair{PartialDate{1985, 7, 31}, Gender::kMale},
                                     std::pair{PartialDate{1985, 8, 30}, Gender::kMale},
                                     std::pair{PartialDate{2085, 7, 30}, Gender::kMale},
                                     std::pair{PartialDate{1985, 7, 30}, Gender::kFemale}}) {
    absl::Status s = CheckConsistency(n, date, gender);
    EXPECT_EQ(status::Reason(s), kDataInconsistent);
    EXPECT_EQ(s.code(), absl::StatusCode::kUnauthenticated);
  }
  // A BIS number without gender cannot contradict the card's gender.
  EXPECT_TRUE(CheckConsistency(Parse(WithCheck("982728124")), {1998, 7, 28}, Gender::kMale).ok());
  // Nor can a number whose birth date is unknown contradict the card's date.
  EXPECT_TRUE(CheckConsistency(Parse(WithCheck("000001001")), {1950, 1, 1}, Gender::kMale).ok());
}

}  // namespace
}  // namespace meldpunt::identity::eid

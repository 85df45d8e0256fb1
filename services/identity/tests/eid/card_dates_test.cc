#include "services/identity/src/eid/card_dates.h"

#include <gtest/gtest.h>

#include <string>

namespace meldpunt::identity::eid {
namespace {

TEST(ValidityDateTest, ParsesDayMonthYear) {
  EXPECT_EQ(ParseValidityDate("01.02.2030"), absl::CivilDay(2030, 2, 1));
  EXPECT_EQ(ParseValidityDate("29.02.2024"), absl::CivilDay(2024, 2, 29));
  EXPECT_FALSE(ParseValidityDate("29.02.2023"));
  EXPECT_FALSE(ParseValidityDate("31.04.2030"));
  EXPECT_FALSE(ParseValidityDate("00.01.2030"));
  EXPECT_FALSE(ParseValidityDate("01.13.2030"));
  EXPECT_FALSE(ParseValidityDate("1.2.2030"));
  EXPECT_FALSE(ParseValidityDate("01-02-2030"));
  EXPECT_FALSE(ParseValidityDate("01.02.20301"));
  EXPECT_FALSE(ParseValidityDate("aa.bb.cccc"));
  EXPECT_FALSE(ParseValidityDate(""));
}

struct Token {
  const char* text;
  int month;
};

// Every month token of every card language (docs/eid.md), plus MAR and MAY.
constexpr Token kTokens[] = {
    {"JAN", 1},  {"FEV", 2},  {"FEB", 2},  {"MARS", 3}, {"MAAR", 3}, {"M\xC3\x84R", 3},
    {"MAR", 3},  {"AVR", 4},  {"APR", 4},  {"MAI", 5},  {"MEI", 5},  {"MAY", 5},
    {"JUIN", 6}, {"JUN", 6},  {"JUIL", 7}, {"JUL", 7},  {"AOUT", 8}, {"AUG", 8},
    {"SEPT", 9}, {"SEP", 9},  {"OCT", 10}, {"OKT", 10}, {"NOV", 11}, {"DEC", 12},
    {"DEZ", 12},
};

TEST(BirthDateTest, EveryMonthTokenWithSpacesAndDots) {
  for (const Token& t : kTokens) {
    const std::string token = t.text;
    for (const std::string& text : {"15 " + token + " 1990", "15." + token + ".1990"}) {
      auto date = ParseBirthDate(text);
      ASSERT_TRUE(date) << text;
      EXPECT_EQ(*date, (PartialDate{1990, t.month, 15})) << text;
    }
    EXPECT_EQ(MonthFromToken(token), t.month) << token;
  }
}

TEST(BirthDateTest, CaseAndAccentsAndPadding) {
  EXPECT_EQ(ParseBirthDate("23.sep.1982"), (PartialDate{1982, 9, 23}));
  EXPECT_EQ(ParseBirthDate("01.M\xC3\xA4r.2001"), (PartialDate{2001, 3, 1}));  // Mär
  EXPECT_EQ(ParseBirthDate("01 m\xC3\xa4r 2001"), (PartialDate{2001, 3, 1}));  // mär
  EXPECT_EQ(ParseBirthDate("01 F\xC3\x89V 2001"), (PartialDate{2001, 2, 1}));  // FÉV
  EXPECT_EQ(ParseBirthDate("01 AO\xC3\x9BT 2001"), (PartialDate{2001, 8, 1}));  // AOÛT
  EXPECT_EQ(ParseBirthDate("30 JUN  1967"), (PartialDate{1967, 6, 30}));
  EXPECT_EQ(ParseBirthDate("  5 MEI 1950  "), (PartialDate{1950, 5, 5}));
  EXPECT_EQ(ParseBirthDate("05.09.1950"), (PartialDate{1950, 9, 5}));  // numeric month
}

TEST(BirthDateTest, PartialDates) {
  EXPECT_EQ(ParseBirthDate("1982"), (PartialDate{1982, 0, 0}));
  EXPECT_EQ(ParseBirthDate("      1982"), (PartialDate{1982, 0, 0}));
  EXPECT_EQ(ParseBirthDate("SEP 1982"), (PartialDate{1982, 9, 0}));
  EXPECT_EQ(ParseBirthDate("00 SEP 1982"), (PartialDate{1982, 9, 0}));
  EXPECT_EQ(ParseBirthDate("00.00.1982"), (PartialDate{1982, 0, 0}));
  EXPECT_EQ(ParseBirthDate("15 00 1982"), (PartialDate{1982, 0, 0}));  // blank month drops day
  EXPECT_EQ(ParseBirthDate("15      1982"), (PartialDate{1982, 0, 0}));
  EXPECT_EQ(ParseBirthDate("SEP 1982")->ToIso(), "1982-09");
  EXPECT_EQ(ParseBirthDate("1982")->ToIso(), "1982");
  EXPECT_EQ(ParseBirthDate("02 JAN 1982")->ToIso(), "1982-01-02");
}

TEST(BirthDateTest, RefusesWhatIsNotADate) {
  for (const char* text :
       {"", "   ", "31 FEB 1982", "29 FEB 1900", "32 JAN 1982", "XX JAN 1982", "15 FOO 1982",
        "15 JAN 82", "15 13 1982", "1 JAN 2 1982", "15 JAN 19822", "15 JAN 1800", "JAN",
        "15 JAN", "1982 JAN 15", "-1 JAN 1982", "015 JAN 1982"}) {
    EXPECT_FALSE(ParseBirthDate(text)) << text;
  }
  EXPECT_TRUE(ParseBirthDate("29 FEB 2000"));
}

TEST(PartialDateTest, Compatible) {
  EXPECT_TRUE(Compatible({1985, 7, 30}, {1985, 7, 30}));
  EXPECT_TRUE(Compatible({1985, 7, 30}, {1985, 7, 0}));
  EXPECT_TRUE(Compatible({1985, 0, 0}, {1985, 7, 30}));
  EXPECT_TRUE(Compatible({0, 0, 0}, {1985, 7, 30}));
  EXPECT_FALSE(Compatible({1985, 7, 30}, {1985, 7, 31}));
  EXPECT_FALSE(Compatible({1985, 7, 30}, {1985, 8, 30}));
  EXPECT_FALSE(Compatible({1985, 7, 30}, {2085, 7, 30}));
}

}  // namespace
}  // namespace meldpunt::identity::eid

#include "services/intake/src/reports/reference.h"

#include <gtest/gtest.h>

namespace meldpunt::intake {
namespace {

TEST(ReferenceTest, FormatsPrefixYearAndSixDigitCounter) {
  EXPECT_EQ(FormatReference("STR", 2026, 123), "STR-2026-000123");
  EXPECT_EQ(FormatReference("HAS", 2027, 1), "HAS-2027-000001");
  EXPECT_EQ(FormatReference("STR", 2026, 999999), "STR-2026-999999");
  // A very busy year grows a seventh digit rather than wrapping around.
  EXPECT_EQ(FormatReference("STR", 2026, 1234567), "STR-2026-1234567");
}

TEST(ReferenceTest, RecognisesWellFormedReferences) {
  EXPECT_TRUE(IsWellFormedReference("STR-2026-000123"));
  EXPECT_TRUE(IsWellFormedReference("GENK-2026-1234567"));
  for (const char* bad : {"", "STR", "str-2026-000123", "STR-26-000123", "STR-2026-123",
                          "STR-2026-00012A", "S-2026-000123", "TOOLONG-2026-000123",
                          "STR_2026_000123", "STR-2026-000123 ", "'; DROP TABLE reports; --"}) {
    EXPECT_FALSE(IsWellFormedReference(bad)) << bad;
  }
}

TEST(ReferenceTest, PrefixesAreTwoToFiveCapitals) {
  EXPECT_TRUE(IsValidReferencePrefix("ST"));
  EXPECT_TRUE(IsValidReferencePrefix("STRUI"));
  EXPECT_FALSE(IsValidReferencePrefix("S"));
  EXPECT_FALSE(IsValidReferencePrefix("STRUID"));
  EXPECT_FALSE(IsValidReferencePrefix("St"));
  EXPECT_FALSE(IsValidReferencePrefix("S1"));
}

}  // namespace
}  // namespace meldpunt::intake

#include "services/identity/src/citizens/national_number_display.h"

#include "gtest/gtest.h"
#include "services/identity/src/citizens/citizen_repository.h"

namespace meldpunt::identity {
namespace {

TEST(NationalNumberDisplayTest, Formats) {
  EXPECT_EQ(FormatNationalNumber("85073003328"), "85.07.30-033.28");
  EXPECT_EQ(FormatNationalNumber("85.07.30-033.28"), "85.07.30-033.28");
  EXPECT_EQ(FormatNationalNumber("8507300332"), "");
  EXPECT_EQ(FormatNationalNumber("850730033281"), "");
  EXPECT_EQ(FormatNationalNumber("85O73003328"), "");
}

TEST(NationalNumberDisplayTest, MasksAllButTheLastFourDigits) {
  EXPECT_EQ(MaskedNationalNumber("85073003328"), "**.**.**-*33.28");
  EXPECT_EQ(MaskedNationalNumber("85.07.30-033.28"), "**.**.**-*33.28");
  EXPECT_EQ(MaskedNationalNumber("garbage"), "");
}

TEST(NationalNumberDisplayTest, MaskCitizenLeavesNoDigitOfTheBirthDate) {
  v1::Citizen citizen;
  citizen.set_national_number("85.07.30-033.28");
  MaskNationalNumber(citizen);
  EXPECT_EQ(citizen.national_number(), "**.**.**-*33.28");
  MaskNationalNumber(citizen);  // a masked number masked again shows less, never more
  EXPECT_EQ(citizen.national_number(), "");
}

}  // namespace
}  // namespace meldpunt::identity

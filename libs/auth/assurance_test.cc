#include "libs/auth/assurance.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"

namespace meldpunt::auth {
namespace {

using common::v1::AssuranceLevel;

TEST(AssuranceTest, CopiedCardFilesRankBelowEveryProofOfPresence) {
  for (AssuranceLevel present :
       {common::v1::ASSURANCE_LEVEL_EID_CHALLENGE, common::v1::ASSURANCE_LEVEL_ITSME,
        common::v1::ASSURANCE_LEVEL_FAS_EID, common::v1::ASSURANCE_LEVEL_FAS_ITSME}) {
    EXPECT_TRUE(MeetsAssurance(present, common::v1::ASSURANCE_LEVEL_EID_CHALLENGE)) << present;
    EXPECT_FALSE(MeetsAssurance(common::v1::ASSURANCE_LEVEL_EID_DATA, present)) << present;
  }
  EXPECT_TRUE(MeetsAssurance(common::v1::ASSURANCE_LEVEL_EID_DATA, common::v1::ASSURANCE_LEVEL_FAS_LOW));
  EXPECT_FALSE(MeetsAssurance(common::v1::ASSURANCE_LEVEL_FAS_LOW, common::v1::ASSURANCE_LEVEL_EID_DATA));
}

TEST(AssuranceTest, NoLevelMeetsOnlyANoneRequirement) {
  EXPECT_TRUE(MeetsAssurance(common::v1::ASSURANCE_LEVEL_UNSPECIFIED,
                             common::v1::ASSURANCE_LEVEL_UNSPECIFIED));
  EXPECT_FALSE(MeetsAssurance(common::v1::ASSURANCE_LEVEL_UNSPECIFIED,
                              common::v1::ASSURANCE_LEVEL_FAS_LOW));
  // An unknown number (a newer client's enum) counts as no level, never as a strong one.
  EXPECT_FALSE(MeetsAssurance(static_cast<AssuranceLevel>(99), common::v1::ASSURANCE_LEVEL_FAS_LOW));
}

TEST(AssuranceTest, NamesRoundTripAndUnknownNamesAreNoLevel) {
  for (int n = 1; n <= 6; ++n) {
    const auto level = static_cast<AssuranceLevel>(n);
    EXPECT_EQ(AssuranceFromName(AssuranceName(level)), level) << n;
  }
  EXPECT_EQ(AssuranceName(common::v1::ASSURANCE_LEVEL_EID_CHALLENGE), "EID_CHALLENGE");
  EXPECT_EQ(AssuranceFromName("LEVEL500"), common::v1::ASSURANCE_LEVEL_UNSPECIFIED);
}

TEST(AssuranceTest, TooLowNamesTheNeededAndTheCurrentLevel) {
  absl::Status s = AssuranceTooLow(common::v1::ASSURANCE_LEVEL_EID_DATA,
                                   common::v1::ASSURANCE_LEVEL_EID_CHALLENGE, "changing the profile");
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  status::ErrorDetails d = status::Details(s);
  EXPECT_EQ(d.reason, "ASSURANCE_LEVEL_TOO_LOW");
  EXPECT_EQ(d.metadata["required_level"], "EID_CHALLENGE");
  EXPECT_EQ(d.metadata["current_level"], "EID_DATA");
  EXPECT_NE(s.message().find("EID_CHALLENGE"), std::string::npos);
  EXPECT_NE(s.message().find("changing the profile"), std::string::npos);
}

}  // namespace
}  // namespace meldpunt::auth

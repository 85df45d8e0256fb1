#include "services/identity/src/staff/staff_validation.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "services/identity/src/staff/reasons.h"
#include "services/identity/src/staff/staff_roles.h"

namespace meldpunt::identity::staff {
namespace {

namespace cv1 = common::v1;

TEST(UsernameKey, LowerCasesAllowedNames) {
  EXPECT_EQ(*UsernameKey("Jan.Peeters"), "jan.peeters");
  EXPECT_EQ(*UsernameKey("ABC"), "abc");
  EXPECT_EQ(*UsernameKey("j_peeters-2@stad"), "j_peeters-2@stad");
  EXPECT_EQ(*UsernameKey(std::string(64, 'A')), std::string(64, 'a'));
}

TEST(UsernameKey, RefusesWhatCannotBeAUserName) {
  for (const std::string& bad :
       {std::string(""), std::string("ab"), std::string(65, 'a'), std::string(".jan"),
        std::string("jan peeters"), std::string("jan/peeters"), std::string("jänpeeters"),
        std::string("jan\npeeters"), std::string("jan\0x", 5)}) {
    auto key = UsernameKey(bad);
    EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(status::Reason(key.status()), kUsernameInvalid) << bad;
  }
}

TEST(UsernameKey, MessageDoesNotRepeatTheName) {
  auto key = UsernameKey("secret name with spaces");
  EXPECT_EQ(key.status().message().find("secret"), absl::string_view::npos);
}

TEST(CleanDisplayName, TrimsAndCountsCharactersNotBytes) {
  EXPECT_EQ(*CleanDisplayName("  Jan Peeters "), "Jan Peeters");
  // 100 two-byte characters are 200 bytes and still allowed.
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "é";
  EXPECT_TRUE(CleanDisplayName(hundred).ok());
  EXPECT_EQ(status::Reason(CleanDisplayName(hundred + "é").status()), kDisplayNameInvalid);
}

TEST(CleanDisplayName, RefusesEmptyControlAndBrokenUtf8) {
  for (const std::string& bad : {std::string(""), std::string("   "), std::string("Jan\tPeeters"),
                                 std::string("Jan\x7f"), std::string("Jan \xc3")}) {
    EXPECT_EQ(status::Reason(CleanDisplayName(bad).status()), kDisplayNameInvalid) << bad;
  }
}

TEST(ValidateStaffRoles, StaffRolesOnlyDuplicatesDropped) {
  auto roles = ValidateStaffRoles({cv1::ROLE_WARDEN, cv1::ROLE_TENANT_ADMIN, cv1::ROLE_WARDEN});
  ASSERT_TRUE(roles.ok());
  EXPECT_EQ(*roles, (std::vector<cv1::Role>{cv1::ROLE_WARDEN, cv1::ROLE_TENANT_ADMIN}));
  for (cv1::Role bad : {cv1::ROLE_CITIZEN, cv1::ROLE_INTEGRATOR, cv1::ROLE_PLATFORM_ADMIN,
                        cv1::ROLE_SERVICE, cv1::ROLE_UNSPECIFIED}) {
    EXPECT_EQ(status::Reason(ValidateStaffRoles({cv1::ROLE_ANALYST, bad}).status()), kRolesInvalid)
        << cv1::Role_Name(bad);
  }
  EXPECT_EQ(status::Reason(ValidateStaffRoles({}).status()), kRolesInvalid);
}

TEST(StaffRoles, NamesRoundTripForTheSixStaffRoles) {
  int named = 0;
  for (int r = cv1::Role_MIN; r <= cv1::Role_MAX; ++r) {
    auto role = static_cast<cv1::Role>(r);
    std::string name = StaffRoleName(role);
    if (name.empty()) continue;
    ++named;
    EXPECT_EQ(StaffRoleFromName(name), role);
  }
  EXPECT_EQ(named, 6);
  EXPECT_FALSE(StaffRoleFromName("citizen").has_value());
  EXPECT_FALSE(StaffRoleFromName("platform_admin").has_value());
}

TEST(ParseStaffRoles, ReadsTheCliForm) {
  auto roles = ParseStaffRoles("tenant_admin, coordinator,tenant_admin");
  ASSERT_TRUE(roles.ok()) << roles.status();
  EXPECT_EQ(*roles, (std::vector<cv1::Role>{cv1::ROLE_TENANT_ADMIN, cv1::ROLE_COORDINATOR}));
  EXPECT_EQ(status::Reason(ParseStaffRoles("warden,integrator").status()), kRolesInvalid);
  EXPECT_EQ(status::Reason(ParseStaffRoles(" , ").status()), kRolesInvalid);
}

TEST(ValidateTenantId, FiveDigitNisCodes) {
  EXPECT_TRUE(ValidateTenantId("71053").ok());
  for (const char* bad : {"", "7105", "710533", "7105a", "../71"}) {
    EXPECT_EQ(status::Reason(ValidateTenantId(bad)), kTenantInvalid) << bad;
  }
}

TEST(ValidateNewPassword, Bounds) {
  EXPECT_EQ(status::Reason(ValidateNewPassword("elevenchars")), kPasswordTooShort);
  EXPECT_TRUE(ValidateNewPassword("twelve chars").ok());
  EXPECT_TRUE(ValidateNewPassword(std::string(1024, 'p')).ok());
  EXPECT_EQ(status::Reason(ValidateNewPassword(std::string(1025, 'p'))), kPasswordTooLong);
}

}  // namespace
}  // namespace meldpunt::identity::staff

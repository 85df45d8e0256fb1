// Who may hold a session, and how kinds and roles are stored.
#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "services/identity/src/tokens/session_values.h"

namespace meldpunt::identity::tokens {
namespace {

namespace cv1 = common::v1;

SessionSubject Subject(cv1::PrincipalKind kind, std::vector<cv1::Role> roles) {
  SessionSubject s;
  s.tenant_id = "71053";
  s.subject = "x";
  s.kind = kind;
  s.roles = std::move(roles);
  return s;
}

TEST(ValidateSubjectTest, CitizensAndStaffWithTheirOwnRoles) {
  EXPECT_TRUE(ValidateSubject(Subject(cv1::PRINCIPAL_KIND_CITIZEN, {cv1::ROLE_CITIZEN})).ok());
  EXPECT_TRUE(ValidateSubject(Subject(cv1::PRINCIPAL_KIND_STAFF,
                                      {cv1::ROLE_WARDEN, cv1::ROLE_FRONT_OFFICE,
                                       cv1::ROLE_COORDINATOR, cv1::ROLE_DEPARTMENT_AGENT,
                                       cv1::ROLE_ANALYST, cv1::ROLE_TENANT_ADMIN}))
                  .ok());
}

TEST(ValidateSubjectTest, RefusesEverythingElse) {
  const std::vector<SessionSubject> bad = {
      Subject(cv1::PRINCIPAL_KIND_CITIZEN, {}),
      Subject(cv1::PRINCIPAL_KIND_CITIZEN, {cv1::ROLE_CITIZEN, cv1::ROLE_WARDEN}),
      Subject(cv1::PRINCIPAL_KIND_CITIZEN, {cv1::ROLE_TENANT_ADMIN}),
      Subject(cv1::PRINCIPAL_KIND_STAFF, {cv1::ROLE_CITIZEN}),
      Subject(cv1::PRINCIPAL_KIND_STAFF, {cv1::ROLE_COORDINATOR, cv1::ROLE_INTEGRATOR}),
      Subject(cv1::PRINCIPAL_KIND_STAFF, {cv1::ROLE_PLATFORM_ADMIN}),
      Subject(cv1::PRINCIPAL_KIND_STAFF, {cv1::ROLE_SERVICE}),
      Subject(cv1::PRINCIPAL_KIND_API_CLIENT, {cv1::ROLE_INTEGRATOR}),
      Subject(cv1::PRINCIPAL_KIND_UNSPECIFIED, {cv1::ROLE_CITIZEN}),
  };
  for (const auto& s : bad) {
    EXPECT_EQ(status::Reason(ValidateSubject(s)), "SESSION_SUBJECT_INVALID")
        << s.kind << " " << s.roles.size();
  }
  SessionSubject no_tenant = Subject(cv1::PRINCIPAL_KIND_CITIZEN, {cv1::ROLE_CITIZEN});
  no_tenant.tenant_id.clear();
  EXPECT_FALSE(ValidateSubject(no_tenant).ok());
  SessionSubject no_id = Subject(cv1::PRINCIPAL_KIND_CITIZEN, {cv1::ROLE_CITIZEN});
  no_id.subject.clear();
  EXPECT_FALSE(ValidateSubject(no_id).ok());
}

TEST(SessionValuesTest, KindAndRolesRoundTrip) {
  EXPECT_EQ(KindName(cv1::PRINCIPAL_KIND_CITIZEN), "citizen");
  EXPECT_EQ(KindName(cv1::PRINCIPAL_KIND_STAFF), "staff");
  EXPECT_EQ(KindName(cv1::PRINCIPAL_KIND_SERVICE), "");
  EXPECT_EQ(KindFromName("staff"), cv1::PRINCIPAL_KIND_STAFF);
  EXPECT_FALSE(KindFromName("service").has_value());

  const std::vector<cv1::Role> roles = {cv1::ROLE_DEPARTMENT_AGENT, cv1::ROLE_TENANT_ADMIN};
  EXPECT_EQ(JoinRoleNames(roles), "department_agent,tenant_admin");
  auto back = SplitRoleNames("department_agent,tenant_admin");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, roles);
  EXPECT_EQ(status::Reason(SplitRoleNames("citizen,root").status()), "TOKENS_STORED_VALUE_INVALID");
}

TEST(SessionValuesTest, LifetimeByKind) {
  TokenSettings s;
  s.citizen_refresh_lifetime = absl::Hours(100);
  s.staff_refresh_lifetime = absl::Hours(3);
  EXPECT_EQ(RefreshLifetime(s, cv1::PRINCIPAL_KIND_CITIZEN), absl::Hours(100));
  EXPECT_EQ(RefreshLifetime(s, cv1::PRINCIPAL_KIND_STAFF), absl::Hours(3));
}

}  // namespace
}  // namespace meldpunt::identity::tokens

// Who may call what, per method of IdentityService: every role outside a method's callers is
// refused with PERMISSION_DENIED ROLE_NOT_ALLOWED (and nothing happens), every role among them
// gets its answer. The table below is written from the contract (identity_service.proto and the
// gateway's policy table), not copied from caller_rules.h, so a drift between them shows here.
#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "services/identity/tests/api/service_fixture.h"

namespace meldpunt::identity::service_test {
namespace {

std::vector<cv1::Role> AllowedRoles(Method m) {
  switch (m) {
    case Method::kVerifyEid:
    case Method::kLoginWithOidc:
    case Method::kLoginStaff:
    case Method::kRefreshSession:
      // The app backend logs the person in; a person, staff or service never calls these.
      return {cv1::ROLE_INTEGRATOR};
    case Method::kRevokeSession:
    case Method::kGetSigningKeys:
      return std::vector<cv1::Role>(std::begin(kAllRoles), std::end(kAllRoles));
    case Method::kGetCitizen:
      return {cv1::ROLE_CITIZEN, cv1::ROLE_FRONT_OFFICE, cv1::ROLE_COORDINATOR,
              cv1::ROLE_TENANT_ADMIN};
    case Method::kUpdateCitizenProfile:
      return {cv1::ROLE_CITIZEN, cv1::ROLE_FRONT_OFFICE};
    case Method::kResolveContacts:
    case Method::kCountCitizens:
      return {cv1::ROLE_SERVICE};
  }
  return {};
}

bool Allowed(Method m, cv1::Role role) {
  const auto allowed = AllowedRoles(m);
  return std::find(allowed.begin(), allowed.end(), role) != allowed.end();
}

using RolesTest = IdentityServiceTest;

TEST_F(RolesTest, RolesOutsideEachMethodsCallersAreRefused) {
  int refused = 0;
  for (Method m : kAllMethods) {
    for (cv1::Role role : kAllRoles) {
      if (Allowed(m, role)) continue;
      grpc::Status s = Call(m, As(kSintTruiden, role).get());
      EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << MethodName(m) << " as " << cv1::Role_Name(role);
      EXPECT_EQ(Reason(s), "ROLE_NOT_ALLOWED") << MethodName(m) << " as " << cv1::Role_Name(role);
      ++refused;
    }
  }
  EXPECT_EQ(refused, 4 * 9 + 6 + 8 + 2 * 9);
  // The refused logins did nothing.
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions"), 0);
}

TEST_F(RolesTest, ApiClientLogsPeopleInAndRefreshes) {
  v1::VerifyEidResponse eid = MustRegister(kSintTruiden);
  EXPECT_TRUE(eid.created());

  v1::LoginWithOidcResponse oidc;
  grpc::Status s = stub_->LoginWithOidc(
      AsApiClient(kSintTruiden).get(),
      OidcRequest(FasToken(FasClaims("90010100123", "Bert", "Janssens", ""))), &oidc);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();

  MustCreateStaff(kSintTruiden, "balie1", {cv1::ROLE_FRONT_OFFICE});
  v1::LoginStaffResponse staff;
  s = LoginStaff(kSintTruiden, kSintTruiden, "balie1", kStaffPassword, &staff);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();

  for (const v1::SessionTokens* tokens : {&eid.tokens(), &oidc.tokens(), &staff.tokens()}) {
    v1::RefreshSessionRequest req;
    req.set_refresh_token(tokens->refresh_token());
    v1::RefreshSessionResponse resp;
    s = stub_->RefreshSession(AsApiClient(kSintTruiden).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
    EXPECT_EQ(resp.tokens().session_id(), tokens->session_id());
  }
}

TEST_F(RolesTest, EveryRoleMayEndTheSessionWhoseRefreshTokenItHolds) {
  for (cv1::Role role : kAllRoles) {
    SessionSubject subject;
    subject.tenant_id = kSintTruiden;
    subject.subject = "c-" + cv1::Role_Name(role);
    subject.kind = cv1::PRINCIPAL_KIND_CITIZEN;
    subject.roles = {cv1::ROLE_CITIZEN};
    auto tokens = sessions_->Open(subject, absl::Now());
    ASSERT_TRUE(tokens.ok()) << tokens.status();
    v1::RevokeSessionRequest req;
    req.set_refresh_token(tokens->refresh_token());
    v1::RevokeSessionResponse resp;
    grpc::Status s = stub_->RevokeSession(As(kSintTruiden, role).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << cv1::Role_Name(role) << ": " << Reason(s);
    EXPECT_TRUE(resp.has_revoked_at()) << cv1::Role_Name(role);
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions WHERE revoked_at IS NULL"), 0);
}

TEST_F(RolesTest, EveryRoleMayFetchTheSigningKeys) {
  for (cv1::Role role : kAllRoles) {
    v1::GetSigningKeysResponse resp;
    grpc::Status s =
        stub_->GetSigningKeys(As(kSintTruiden, role).get(), v1::GetSigningKeysRequest(), &resp);
    EXPECT_TRUE(s.ok()) << cv1::Role_Name(role) << ": " << Reason(s);
    EXPECT_GE(resp.keys_size(), 1) << cv1::Role_Name(role);
  }
}

TEST_F(RolesTest, OwnerAndProfileStaffReadTheProfile) {
  const v1::Citizen citizen = MustRegister(kSintTruiden).citizen();
  for (cv1::Role role : AllowedRoles(Method::kGetCitizen)) {
    v1::GetCitizenRequest req;
    req.set_citizen_id(citizen.id());
    req.set_access_reason("melding 42 opvolgen");
    v1::GetCitizenResponse resp;
    auto ctx = role == cv1::ROLE_CITIZEN ? AsCitizen(kSintTruiden, citizen.id())
                                         : As(kSintTruiden, role);
    grpc::Status s = stub_->GetCitizen(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << cv1::Role_Name(role) << ": " << Reason(s);
    EXPECT_EQ(resp.citizen().id(), citizen.id()) << cv1::Role_Name(role);
  }
  // Three staff reads, each audited; the owner's read is not.
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log WHERE action = 'read'"), 3);
}

TEST_F(RolesTest, OwnerAndFrontOfficeUpdateTheProfile) {
  const v1::Citizen citizen = MustRegister(kSintTruiden).citizen();
  for (cv1::Role role : AllowedRoles(Method::kUpdateCitizenProfile)) {
    v1::UpdateCitizenProfileRequest req;
    req.set_citizen_id(citizen.id());
    req.set_profession(role == cv1::ROLE_CITIZEN ? "student" : "retired");
    v1::UpdateCitizenProfileResponse resp;
    auto ctx = role == cv1::ROLE_CITIZEN ? AsCitizen(kSintTruiden, citizen.id())
                                         : As(kSintTruiden, role);
    grpc::Status s = stub_->UpdateCitizenProfile(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << cv1::Role_Name(role) << ": " << Reason(s) << " " << s.error_message();
    EXPECT_EQ(resp.citizen().profession(), req.profession()) << cv1::Role_Name(role);
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log WHERE action = 'update'"), 1);
}

TEST_F(RolesTest, ServicesAskTheInternalQuestions) {
  const v1::Citizen citizen = MustRegister(kSintTruiden).citizen();
  v1::ResolveContactsRequest contacts;
  contacts.add_citizen_ids(citizen.id());
  v1::ResolveContactsResponse resolved;
  grpc::Status s = stub_->ResolveContacts(AsService(kSintTruiden).get(), contacts, &resolved);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  ASSERT_EQ(resolved.contacts_size(), 1);
  EXPECT_EQ(resolved.contacts(0).citizen_id(), citizen.id());

  v1::CountCitizensResponse counted;
  s = stub_->CountCitizens(AsService(kSintTruiden).get(), v1::CountCitizensRequest(), &counted);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  EXPECT_EQ(counted.total(), 1);
}

}  // namespace
}  // namespace meldpunt::identity::service_test

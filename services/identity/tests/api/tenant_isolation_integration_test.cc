// A citizen, a session and a staff account of Sint-Truiden (71053) are out of reach of every
// caller of Hasselt (71022), whatever id, token or tenant name they present — and still there
// for Sint-Truiden afterwards.
#include <gtest/gtest.h>

#include "services/identity/tests/api/service_fixture.h"

namespace meldpunt::identity::service_test {
namespace {

class TenantIsolationTest : public IdentityServiceTest {
 protected:
  void SetUp() override {
    IdentityServiceTest::SetUp();
    if (HasFatalFailure()) return;
    registered_ = MustRegister(kSintTruiden);
    citizen_ = registered_.citizen();
    ASSERT_FALSE(citizen_.id().empty());
  }

  // The Sint-Truiden citizen's profile as they see it.
  v1::Citizen OwnProfile() {
    v1::GetCitizenResponse resp;
    grpc::Status s =
        stub_->GetCitizen(AsCitizen(kSintTruiden, citizen_.id()).get(), v1::GetCitizenRequest(),
                          &resp);
    EXPECT_TRUE(s.ok()) << Reason(s);
    return resp.citizen();
  }

  v1::VerifyEidResponse registered_;
  v1::Citizen citizen_;
};

TEST_F(TenantIsolationTest, GetCitizenFromAnotherTenantIsNotFound) {
  for (cv1::Role role : {cv1::ROLE_FRONT_OFFICE, cv1::ROLE_COORDINATOR, cv1::ROLE_TENANT_ADMIN}) {
    v1::GetCitizenRequest req;
    req.set_citizen_id(citizen_.id());
    req.set_access_reason("melding opvolgen");
    v1::GetCitizenResponse resp;
    grpc::Status s = stub_->GetCitizen(As(kHasselt, role).get(), req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << cv1::Role_Name(role);
    EXPECT_EQ(Reason(s), "CITIZEN_NOT_FOUND");
    EXPECT_FALSE(resp.has_citizen());
  }
  // A Hasselt citizen principal carrying the Sint-Truiden citizen's id.
  v1::GetCitizenResponse resp;
  grpc::Status s =
      stub_->GetCitizen(AsCitizen(kHasselt, citizen_.id()).get(), v1::GetCitizenRequest(), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  // No audit row was written for reads that found nothing.
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 0);
}

TEST_F(TenantIsolationTest, UpdateFromAnotherTenantIsNotFoundAndChangesNothing) {
  v1::UpdateCitizenProfileRequest req;
  req.set_citizen_id(citizen_.id());
  req.set_email("kaper@example.be");
  req.set_preferred_channel(cv1::CONTACT_CHANNEL_EMAIL);
  v1::UpdateCitizenProfileResponse resp;
  grpc::Status s =
      stub_->UpdateCitizenProfile(As(kHasselt, cv1::ROLE_FRONT_OFFICE).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(s), "CITIZEN_NOT_FOUND");
  req.clear_citizen_id();
  s = stub_->UpdateCitizenProfile(AsCitizen(kHasselt, citizen_.id()).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);

  const v1::Citizen now = OwnProfile();
  EXPECT_EQ(now.contact().email(), "");
  EXPECT_NE(now.contact().channel(), cv1::CONTACT_CHANNEL_EMAIL);
}

TEST_F(TenantIsolationTest, ResolveContactsFromAnotherTenantListsTheIdAsNotFound) {
  v1::ResolveContactsRequest req;
  req.add_citizen_ids(citizen_.id());
  v1::ResolveContactsResponse resp;
  grpc::Status s = stub_->ResolveContacts(AsService(kHasselt).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  EXPECT_EQ(resp.contacts_size(), 0);
  ASSERT_EQ(resp.not_found_citizen_ids_size(), 1);
  EXPECT_EQ(resp.not_found_citizen_ids(0), citizen_.id());

  v1::ResolveContactsResponse own;
  s = stub_->ResolveContacts(AsService(kSintTruiden).get(), req, &own);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(own.contacts_size(), 1);
  EXPECT_EQ(own.not_found_citizen_ids_size(), 0);
}

TEST_F(TenantIsolationTest, CountCitizensCountsOnlyTheCallersTenant) {
  v1::CountCitizensRequest req;
  req.add_group_by(cv1::SEGMENT_DIMENSION_GENDER);
  v1::CountCitizensResponse hasselt;
  grpc::Status s = stub_->CountCitizens(AsService(kHasselt).get(), req, &hasselt);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  EXPECT_EQ(hasselt.total(), 0);
  EXPECT_EQ(hasselt.buckets_size(), 0);

  v1::CountCitizensResponse sint_truiden;
  s = stub_->CountCitizens(AsService(kSintTruiden).get(), req, &sint_truiden);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(sint_truiden.total(), 1);
}

TEST_F(TenantIsolationTest, RefreshTokenOfAnotherTenantIsInvalidAndStaysUsable) {
  v1::RefreshSessionRequest req;
  req.set_refresh_token(registered_.tokens().refresh_token());
  v1::RefreshSessionResponse resp;
  grpc::Status s = stub_->RefreshSession(AsApiClient(kHasselt).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "REFRESH_TOKEN_INVALID");
  EXPECT_FALSE(resp.has_tokens());

  // Revoking with it from Hasselt fails alike.
  v1::RevokeSessionRequest revoke;
  revoke.set_refresh_token(registered_.tokens().refresh_token());
  v1::RevokeSessionResponse revoked;
  s = stub_->RevokeSession(AsApiClient(kHasselt).get(), revoke, &revoked);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "REFRESH_TOKEN_INVALID");

  // Neither spent nor revoked it: Sint-Truiden's client refreshes with it.
  s = stub_->RefreshSession(AsApiClient(kSintTruiden).get(), req, &resp);
  EXPECT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(resp.tokens().session_id(), registered_.tokens().session_id());
}

TEST_F(TenantIsolationTest, RevokeBySessionIdFromAnotherTenantIsNotFound) {
  const std::string session_id = registered_.tokens().session_id();
  v1::RevokeSessionRequest req;
  req.set_session_id(session_id);
  v1::RevokeSessionResponse resp;
  // A Hasselt tenant admin (who may end any session of their own tenant), and a Hasselt citizen
  // principal with the session owner's id.
  grpc::Status s = stub_->RevokeSession(As(kHasselt, cv1::ROLE_TENANT_ADMIN).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(s), "SESSION_NOT_FOUND");
  s = stub_->RevokeSession(AsCitizen(kHasselt, citizen_.id()).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL"), 0);
  EXPECT_EQ(RedisGet("meldpunt:revoked-session:" + session_id), "");
}

TEST_F(TenantIsolationTest, LoginStaffNamingAnotherTenantIsRefused) {
  MustCreateStaff(kSintTruiden, "balie1", {cv1::ROLE_FRONT_OFFICE});
  v1::LoginStaffResponse resp;
  grpc::Status s = LoginStaff(kHasselt, kSintTruiden, "balie1", kStaffPassword, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(s), "TENANT_NOT_ALLOWED");
  EXPECT_FALSE(resp.has_tokens());
}

TEST_F(TenantIsolationTest, StaffAccountOfAnotherTenantDoesNotLogInThere) {
  MustCreateStaff(kSintTruiden, "balie1", {cv1::ROLE_FRONT_OFFICE});
  v1::LoginStaffResponse resp;
  grpc::Status s = LoginStaff(kHasselt, kHasselt, "balie1", kStaffPassword, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "INVALID_CREDENTIALS");
  EXPECT_FALSE(resp.has_tokens());
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions"), 1) << "only the citizen's";

  s = LoginStaff(kSintTruiden, kSintTruiden, "balie1", kStaffPassword, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(resp.staff().tenant_id(), kSintTruiden);
}

TEST_F(TenantIsolationTest, TheSameCardInAnotherTenantIsAnotherProfile) {
  const v1::VerifyEidResponse hasselt = MustRegister(kHasselt);
  EXPECT_TRUE(hasselt.created());
  EXPECT_EQ(hasselt.citizen().tenant_id(), kHasselt);
  EXPECT_NE(hasselt.citizen().id(), citizen_.id());
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 2);
}

}  // namespace
}  // namespace meldpunt::identity::service_test

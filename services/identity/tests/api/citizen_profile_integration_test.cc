// GetCitizen and UpdateCitizenProfile through the RPC: the owner sees their national number,
// staff see it masked, must say why they read and leave an audit row; changes reach the profile
// and the outbox, without contact details in the events.
#include <gtest/gtest.h>

#include "services/identity/tests/api/service_fixture.h"

namespace meldpunt::identity::service_test {
namespace {

class CitizenProfileTest : public IdentityServiceTest {
 protected:
  void SetUp() override {
    IdentityServiceTest::SetUp();
    if (HasFatalFailure()) return;
    citizen_ = MustRegister(kSintTruiden).citizen();
    ASSERT_FALSE(citizen_.id().empty());
  }

  grpc::Status StaffRead(const std::string& reason, v1::GetCitizenResponse* resp,
                         const std::string& citizen_id) {
    v1::GetCitizenRequest req;
    req.set_citizen_id(citizen_id);
    req.set_access_reason(reason);
    return stub_->GetCitizen(As(kSintTruiden, cv1::ROLE_FRONT_OFFICE, "staff-7").get(), req, resp);
  }
  grpc::Status StaffRead(const std::string& reason, v1::GetCitizenResponse* resp) {
    return StaffRead(reason, resp, citizen_.id());
  }

  v1::Citizen citizen_;
};

TEST_F(CitizenProfileTest, OwnerSeesTheirNationalNumberUnmasked) {
  v1::GetCitizenResponse resp;
  grpc::Status s =
      stub_->GetCitizen(AsCitizen(kSintTruiden, citizen_.id()).get(), v1::GetCitizenRequest(),
                        &resp);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(resp.citizen().id(), citizen_.id());
  EXPECT_EQ(resp.citizen().national_number(), kCardNumberFormatted);
  EXPECT_EQ(resp.citizen().family_name(), "Peeters");

  // Naming their own id is the same; naming another id answers as if it did not exist.
  v1::GetCitizenRequest req;
  req.set_citizen_id(citizen_.id());
  s = stub_->GetCitizen(AsCitizen(kSintTruiden, citizen_.id()).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(resp.citizen().national_number(), kCardNumberFormatted);
  req.set_citizen_id("00000000-0000-4000-8000-000000000001");
  s = stub_->GetCitizen(AsCitizen(kSintTruiden, citizen_.id()).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 0) << "owners are not audited";
}

TEST_F(CitizenProfileTest, StaffSeeItMaskedAndTheReadIsAudited) {
  v1::GetCitizenResponse resp;
  grpc::Status s = StaffRead("melding STR-2025-0042 opvolgen", &resp);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(resp.citizen().national_number(), kCardNumberMasked);
  EXPECT_EQ(resp.citizen().given_names(), "Jan Maria") << "staff helping the citizen see names";

  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 1);
  EXPECT_EQ(Texts("SELECT concat_ws('|', tenant_id, citizen_id::text, staff_id, action, reason)"
                  " FROM citizen_access_log"),
            std::vector<std::string>{std::string(kSintTruiden) + "|" + citizen_.id() +
                                     "|staff-7|read|melding STR-2025-0042 opvolgen"});
}

TEST_F(CitizenProfileTest, StaffReadNeedsAnAccessReason) {
  for (const std::string& reason : {std::string(), std::string("   "), std::string(201, 'x')}) {
    v1::GetCitizenResponse resp;
    grpc::Status s = StaffRead(reason, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "'" << reason << "'";
    EXPECT_EQ(Reason(s), "ACCESS_REASON_REQUIRED");
    EXPECT_FALSE(resp.has_citizen());
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 0);
}

TEST_F(CitizenProfileTest, AccessReasonIsCountedInCharacters) {
  std::string accented;
  for (int i = 0; i < 200; ++i) accented += "\xC3\xA9";  // é: 200 characters, 400 bytes
  v1::GetCitizenResponse resp;
  grpc::Status s = StaffRead(accented, &resp);
  EXPECT_TRUE(s.ok()) << Reason(s);
  s = StaffRead(accented + "e", &resp);
  EXPECT_EQ(Reason(s), "ACCESS_REASON_REQUIRED");
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 1);
}

// Principals the gateway never signs (kind and roles disagree): the citizen role confines the
// caller to its own profile whatever its kind, and the citizen kind whatever its roles.
TEST_F(CitizenProfileTest, CitizenRoleOrKindNeverReadsAnotherProfile) {
  auto read = [&](std::unique_ptr<grpc::ClientContext> ctx) {
    v1::GetCitizenRequest req;
    req.set_citizen_id(citizen_.id());
    req.set_access_reason("melding opvolgen");
    v1::GetCitizenResponse resp;
    grpc::Status s = stub_->GetCitizen(ctx.get(), req, &resp);
    EXPECT_FALSE(resp.has_citizen());
    return s.error_code();
  };
  EXPECT_EQ(read(AsPrincipal(kSintTruiden, cv1::PRINCIPAL_KIND_STAFF, {cv1::ROLE_CITIZEN},
                             "staff-9")),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(read(AsPrincipal(kSintTruiden, cv1::PRINCIPAL_KIND_STAFF,
                             {cv1::ROLE_FRONT_OFFICE, cv1::ROLE_CITIZEN}, "staff-9")),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(read(AsPrincipal(kSintTruiden, cv1::PRINCIPAL_KIND_CITIZEN, {cv1::ROLE_FRONT_OFFICE},
                             "00000000-0000-4000-8000-000000000001")),
            grpc::StatusCode::NOT_FOUND);

  v1::UpdateCitizenProfileRequest update;
  update.set_citizen_id(citizen_.id());
  update.set_profession("student");
  v1::UpdateCitizenProfileResponse updated;
  grpc::Status s = stub_->UpdateCitizenProfile(
      AsPrincipal(kSintTruiden, cv1::PRINCIPAL_KIND_STAFF, {cv1::ROLE_CITIZEN}, "staff-9").get(),
      update, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 0);
}

TEST_F(CitizenProfileTest, StaffMustNameAWellFormedCitizen) {
  v1::GetCitizenResponse resp;
  grpc::Status s = StaffRead("melding opvolgen", &resp, "");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "CITIZEN_ID_REQUIRED");
  s = StaffRead("melding opvolgen", &resp, "1 OR 1=1");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "CITIZEN_ID_INVALID");
  s = StaffRead("melding opvolgen", &resp, "00000000-0000-4000-8000-000000000001");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(s), "CITIZEN_NOT_FOUND");
}

TEST_F(CitizenProfileTest, OwnerUpdatesContactDetailsAndConsents) {
  const size_t events_before = Outbox().size();
  v1::UpdateCitizenProfileRequest req;
  req.set_email("jan.peeters@example.be");
  req.set_preferred_channel(cv1::CONTACT_CHANNEL_EMAIL);
  auto* consent = req.add_consents();
  consent->set_topic("newsletter");
  consent->set_granted(true);
  v1::UpdateCitizenProfileResponse resp;
  grpc::Status s =
      stub_->UpdateCitizenProfile(AsCitizen(kSintTruiden, citizen_.id()).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  EXPECT_EQ(resp.citizen().contact().email(), "jan.peeters@example.be");
  EXPECT_EQ(resp.citizen().contact().channel(), cv1::CONTACT_CHANNEL_EMAIL);
  EXPECT_EQ(resp.citizen().national_number(), kCardNumberFormatted);
  ASSERT_EQ(resp.citizen().consents_size(), 1);
  EXPECT_EQ(resp.citizen().consents(0).topic(), "newsletter");
  EXPECT_TRUE(resp.citizen().consents(0).granted());
  EXPECT_TRUE(resp.citizen().consents(0).has_decided_at());

  // Stored: read back as the owner.
  v1::GetCitizenResponse read;
  s = stub_->GetCitizen(AsCitizen(kSintTruiden, citizen_.id()).get(), v1::GetCitizenRequest(),
                        &read);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(read.citizen().contact().email(), "jan.peeters@example.be");
  EXPECT_EQ(read.citizen().contact().channel(), cv1::CONTACT_CHANNEL_EMAIL);
  ASSERT_EQ(read.citizen().consents_size(), 1);

  // Events: the channel change and the consent, for this citizen, with no contact details.
  const auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), events_before + 2);
  bool profile_changed = false, consent_changed = false;
  for (size_t i = events_before; i < outbox.size(); ++i) {
    const auto& e = outbox[i].event;
    EXPECT_EQ(e.tenant_id(), kSintTruiden);
    EXPECT_EQ(e.aggregate_id(), citizen_.id());
    if (e.has_citizen_profile_changed()) {
      profile_changed = true;
      EXPECT_EQ(e.citizen_profile_changed().citizen_id(), citizen_.id());
    }
    if (e.has_consent_changed()) {
      consent_changed = true;
      EXPECT_EQ(e.consent_changed().topic(), "newsletter");
      EXPECT_TRUE(e.consent_changed().granted());
    }
    EXPECT_EQ(outbox[i].raw.find("jan.peeters"), std::string::npos);
    EXPECT_EQ(outbox[i].raw.find("Peeters"), std::string::npos);
  }
  EXPECT_TRUE(profile_changed);
  EXPECT_TRUE(consent_changed);
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 0);
}

TEST_F(CitizenProfileTest, FrontOfficeUpdateIsAuditedAndMasked) {
  v1::UpdateCitizenProfileRequest req;
  req.set_citizen_id(citizen_.id());
  req.set_phone("+32470123456");
  req.set_preferred_channel(cv1::CONTACT_CHANNEL_SMS);
  v1::UpdateCitizenProfileResponse resp;
  grpc::Status s = stub_->UpdateCitizenProfile(
      As(kSintTruiden, cv1::ROLE_FRONT_OFFICE, "staff-7").get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  EXPECT_EQ(resp.citizen().national_number(), kCardNumberMasked);
  EXPECT_EQ(resp.citizen().contact().channel(), cv1::CONTACT_CHANNEL_SMS);
  EXPECT_EQ(Texts("SELECT concat_ws('|', staff_id, action) FROM citizen_access_log"),
            std::vector<std::string>{"staff-7|update"});
}

TEST_F(CitizenProfileTest, InvalidChangesAreRefusedAndChangeNothing) {
  v1::UpdateCitizenProfileRequest req;
  req.set_preferred_channel(cv1::CONTACT_CHANNEL_EMAIL);  // without an e-mail address
  v1::UpdateCitizenProfileResponse resp;
  grpc::Status s =
      stub_->UpdateCitizenProfile(AsCitizen(kSintTruiden, citizen_.id()).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "CONTACT_DETAIL_MISSING");
  v1::GetCitizenResponse read;
  ASSERT_TRUE(stub_->GetCitizen(AsCitizen(kSintTruiden, citizen_.id()).get(),
                                v1::GetCitizenRequest(), &read)
                  .ok());
  EXPECT_NE(read.citizen().contact().channel(), cv1::CONTACT_CHANNEL_EMAIL);
}

}  // namespace
}  // namespace meldpunt::identity::service_test

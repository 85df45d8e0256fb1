// What the service writes to its log during a full eID registration, profile reads and changes,
// a staff login and an OIDC login — successes and the usual failures — holds no personal data:
// no national number (bare or dotted), no name, no street, no e-mail or phone. The request log
// of server::GrpcServer is captured too (it carries error messages), and the test checks that it
// did capture the calls, so an empty log cannot pass for a clean one.
#include <gtest/gtest.h>

#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "services/identity/tests/api/service_fixture.h"

namespace meldpunt::identity::service_test {
namespace {

namespace fx = eid::testing;

using LogCaptureTest = IdentityServiceTest;

TEST_F(LogCaptureTest, NoPersonalDataInTheLogs) {
  // eID registration with a card challenge, then its replay, and a tampered card.
  fx::CardSpec spec;
  spec.kind = fx::CardKind::kEcP384;
  spec.basic_key = true;
  const fx::TestCard card = fx::MakeCard(spec);
  v1::VerifyEidRequest eid = CardRequest(card);
  *eid.mutable_challenge() = Challenge(card, std::string(40, 'n'), absl::Now());
  v1::VerifyEidResponse registered;
  grpc::Status s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), eid, &registered);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  const std::string id = registered.citizen().id();
  EXPECT_FALSE(stub_->VerifyEid(AsApiClient(kSintTruiden).get(), eid, &registered).ok());
  v1::VerifyEidRequest tampered = CardRequest(DefaultCard());
  std::string address = tampered.card().address_file();
  address[4] ^= 0x01;
  tampered.mutable_card()->set_address_file(address);
  EXPECT_FALSE(stub_->VerifyEid(AsApiClient(kSintTruiden).get(), tampered, &registered).ok());

  // The owner reads; staff read with and without a reason.
  v1::GetCitizenResponse read;
  ASSERT_TRUE(
      stub_->GetCitizen(AsCitizen(kSintTruiden, id).get(), v1::GetCitizenRequest(), &read).ok());
  v1::GetCitizenRequest staff_read;
  staff_read.set_citizen_id(id);
  EXPECT_FALSE(
      stub_->GetCitizen(As(kSintTruiden, cv1::ROLE_FRONT_OFFICE).get(), staff_read, &read).ok());
  staff_read.set_access_reason("melding opvolgen");
  ASSERT_TRUE(
      stub_->GetCitizen(As(kSintTruiden, cv1::ROLE_FRONT_OFFICE).get(), staff_read, &read).ok());

  // Contact details: a valid change, and invalid ones whose errors must not echo the values.
  v1::UpdateCitizenProfileRequest update;
  update.set_email("jan.peeters@telenet.be");
  update.set_phone("+32478556677");
  update.set_preferred_channel(cv1::CONTACT_CHANNEL_EMAIL);
  auto* postal = update.mutable_postal_address();
  postal->set_street("Kapelstraat");
  postal->set_house_number("7");
  postal->set_postal_code("3800");
  postal->set_municipality("Sint-Truiden");
  postal->set_country("BE");
  v1::UpdateCitizenProfileResponse updated;
  s = stub_->UpdateCitizenProfile(AsCitizen(kSintTruiden, id).get(), update, &updated);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  v1::UpdateCitizenProfileRequest bad;
  bad.set_email("jan.peeters@@telenet.be");
  EXPECT_FALSE(stub_->UpdateCitizenProfile(AsCitizen(kSintTruiden, id).get(), bad, &updated).ok());
  bad.Clear();
  bad.set_phone("+32 478 55 66 77 of jan.peeters@telenet.be");
  EXPECT_FALSE(stub_->UpdateCitizenProfile(AsCitizen(kSintTruiden, id).get(), bad, &updated).ok());

  // Staff: a login, a wrong password, an unknown user.
  MustCreateStaff(kSintTruiden, "balie1", {cv1::ROLE_FRONT_OFFICE});
  v1::LoginStaffResponse staff;
  ASSERT_TRUE(LoginStaff(kSintTruiden, kSintTruiden, "balie1", kStaffPassword, &staff).ok());
  EXPECT_FALSE(LoginStaff(kSintTruiden, kSintTruiden, "balie1", "Peeters85073003328", &staff).ok());
  EXPECT_FALSE(LoginStaff(kSintTruiden, kSintTruiden, "jan.peeters", kStaffPassword, &staff).ok());

  // An OIDC login, and one whose token does not verify.
  v1::LoginWithOidcResponse oidc;
  ASSERT_TRUE(stub_->LoginWithOidc(AsApiClient(kSintTruiden).get(),
                                   OidcRequest(FasToken(FasClaims("90010100123", "Bert",
                                                                  "Janssens", ""))),
                                   &oidc)
                  .ok());
  v1::LoginWithOidcRequest wrong_nonce =
      OidcRequest(FasToken(FasClaims("90010100123", "Bert", "Janssens", "")));
  wrong_nonce.set_nonce("other");
  EXPECT_FALSE(stub_->LoginWithOidc(AsApiClient(kSintTruiden).get(), wrong_nonce, &oidc).ok());

  // A logout while Redis is down: the session manager logs that the gateway was not told.
  ASSERT_TRUE(redis_server_->Stop().ok());
  v1::RevokeSessionRequest logout;
  logout.set_refresh_token(registered.tokens().refresh_token());
  v1::RevokeSessionResponse revoked;
  s = stub_->RevokeSession(AsApiClient(kSintTruiden).get(), logout, &revoked);
  EXPECT_TRUE(s.ok()) << Reason(s);

  edge_->Stop();  // every request line written
  const std::string log = absl::AsciiStrToLower(log_text_.str());

  // The log did capture the calls, failures with their reasons included.
  for (const char* method : {"verifyeid", "getcitizen", "updatecitizenprofile", "loginstaff",
                             "loginwithoidc", "revokesession"}) {
    EXPECT_NE(log.find(std::string("identityservice/") + method), std::string::npos) << method;
  }
  EXPECT_NE(log.find("eid_challenge_replayed"), std::string::npos);
  EXPECT_NE(log.find("access_reason_required"), std::string::npos);
  EXPECT_NE(log.find("invalid_credentials"), std::string::npos);
  EXPECT_NE(log.find("could not be told"), std::string::npos);

  for (const char* secret :
       {kCardNumber, kCardNumberFormatted, "jan maria", "peeters",
        "grote markt", "kapelstraat", "jan.peeters", "telenet", "+32478556677", "478556677",
        "90010100123", "90.01.01-001.23", "janssens", "bert", "een lang wachtwoord"}) {
    EXPECT_EQ(log.find(absl::AsciiStrToLower(secret)), std::string::npos)
        << "\"" << secret << "\" in the log:\n"
        << log_text_.str();
  }
}

}  // namespace
}  // namespace meldpunt::identity::service_test

// The tenant's assurance policy over the RPC: a session is as strong as the login that opened it
// (the access token's "acr", the principal's assurance_level), and copied card files (EID_DATA)
// neither read nor change what the citizen typed into their profile unless the tenant allows it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "services/identity/tests/api/service_fixture.h"

namespace meldpunt::identity::service_test {
namespace {

// The claims of a compact JWT, unverified: what identity put in, as the gateway would read it.
nlohmann::json Claims(const std::string& token) {
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  std::string payload;
  if (parts.size() != 3 || !absl::WebSafeBase64Unescape(parts[1], &payload)) return {};
  return nlohmann::json::parse(payload, nullptr, false);
}

status::ErrorDetails Details(const grpc::Status& s) { return status::Details(status::FromGrpc(s)); }

class AssurancePolicyTest : public IdentityServiceTest {
 protected:
  grpc::Status ChangeEmail(const std::string& tenant, const std::string& citizen_id,
                           cv1::AssuranceLevel level, const std::string& email) {
    v1::UpdateCitizenProfileRequest req;
    req.set_email(email);
    v1::UpdateCitizenProfileResponse resp;
    return stub_->UpdateCitizenProfile(AsCitizenAt(tenant, citizen_id, level).get(), req, &resp);
  }
  grpc::Status Read(const std::string& tenant, const std::string& citizen_id,
                    cv1::AssuranceLevel level, v1::Citizen* out) {
    v1::GetCitizenResponse resp;
    grpc::Status s = stub_->GetCitizen(AsCitizenAt(tenant, citizen_id, level).get(),
                                       v1::GetCitizenRequest(), &resp);
    *out = resp.citizen();
    return s;
  }
};

TEST_F(AssurancePolicyTest, ADataOnlyEidLoginCannotChangeTheEmail) {
  // The login: card files without the card's challenge.
  const v1::VerifyEidResponse login = MustRegister(kSintTruiden);
  ASSERT_EQ(login.assurance_level(), cv1::ASSURANCE_LEVEL_EID_DATA);
  const std::string id = login.citizen().id();
  EXPECT_EQ(Claims(login.tokens().access_token())["acr"], "EID_DATA");

  // What the gateway makes of that token: a citizen principal at EID_DATA.
  grpc::Status s = ChangeEmail(kSintTruiden, id, cv1::ASSURANCE_LEVEL_EID_DATA, "thief@example.com");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(s), "ASSURANCE_LEVEL_TOO_LOW");
  EXPECT_EQ(Details(s).metadata["required_level"], "EID_CHALLENGE");
  EXPECT_EQ(Details(s).metadata["current_level"], "EID_DATA");
  EXPECT_NE(s.error_message().find("EID_CHALLENGE"), std::string::npos) << s.error_message();
  // Reading what the citizen typed is refused the same way; a token without a level, too.
  v1::Citizen seen;
  s = Read(kSintTruiden, id, cv1::ASSURANCE_LEVEL_EID_DATA, &seen);
  EXPECT_EQ(Reason(s), "ASSURANCE_LEVEL_TOO_LOW");
  EXPECT_FALSE(seen.has_contact());
  s = ChangeEmail(kSintTruiden, id, cv1::ASSURANCE_LEVEL_UNSPECIFIED, "thief@example.com");
  EXPECT_EQ(Reason(s), "ASSURANCE_LEVEL_TOO_LOW");
  EXPECT_EQ(Details(s).metadata["current_level"], "NONE");

  // Nothing changed: the owner with the card present sees no e-mail address.
  ASSERT_TRUE(Read(kSintTruiden, id, cv1::ASSURANCE_LEVEL_EID_CHALLENGE, &seen).ok());
  EXPECT_EQ(seen.contact().email(), "");
  // ... and with it (or itsme, or the federal login with eID) the change goes through.
  for (cv1::AssuranceLevel strong : {cv1::ASSURANCE_LEVEL_EID_CHALLENGE, cv1::ASSURANCE_LEVEL_ITSME,
                                     cv1::ASSURANCE_LEVEL_FAS_EID, cv1::ASSURANCE_LEVEL_FAS_ITSME}) {
    s = ChangeEmail(kSintTruiden, id, strong, "jan.peeters@example.be");
    EXPECT_TRUE(s.ok()) << strong << ": " << Reason(s);
  }

  // A refresh re-issues the login's level; it proves nothing new.
  v1::RefreshSessionRequest refresh;
  refresh.set_refresh_token(login.tokens().refresh_token());
  v1::RefreshSessionResponse refreshed;
  s = stub_->RefreshSession(AsApiClient(kSintTruiden).get(), refresh, &refreshed);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(Claims(refreshed.tokens().access_token())["acr"], "EID_DATA");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions WHERE assurance = 'EID_DATA'"), 1);
}

TEST_F(AssurancePolicyTest, ALoginBelowTheReadLevelShowsOnlyWhatItProved) {
  const std::string id = MustRegister(kSintTruiden).citizen().id();
  ASSERT_TRUE(ChangeEmail(kSintTruiden, id, cv1::ASSURANCE_LEVEL_EID_CHALLENGE,
                          "jan.peeters@example.be").ok());
  const v1::VerifyEidResponse weak = MustRegister(kSintTruiden);
  EXPECT_EQ(weak.citizen().id(), id);
  EXPECT_EQ(weak.citizen().family_name(), "Peeters");  // the card says so
  EXPECT_EQ(weak.citizen().official_address().street(), "Grote Markt");
  EXPECT_EQ(weak.citizen().contact().email(), "") << "typed by the citizen, not on the card";
  EXPECT_EQ(weak.citizen().contact().language(), cv1::LANGUAGE_NL);

  // A tenant that lets card files read the profile gets the whole profile in the answer.
  ASSERT_TRUE(assurance_->Set(kSintTruiden, {cv1::ASSURANCE_LEVEL_EID_DATA,
                                             cv1::ASSURANCE_LEVEL_EID_CHALLENGE}).ok());
  EXPECT_EQ(MustRegister(kSintTruiden).citizen().contact().email(), "jan.peeters@example.be");
}

TEST_F(AssurancePolicyTest, TheTenantsPolicyDecidesAndOnlyForThatTenant) {
  const std::string st = MustRegister(kSintTruiden).citizen().id();
  const std::string hasselt = MustRegister(kHasselt).citizen().id();
  ASSERT_TRUE(assurance_->Set(kSintTruiden, {cv1::ASSURANCE_LEVEL_EID_DATA,
                                             cv1::ASSURANCE_LEVEL_EID_DATA}).ok());
  EXPECT_TRUE(ChangeEmail(kSintTruiden, st, cv1::ASSURANCE_LEVEL_EID_DATA, "a@example.be").ok());
  // Below the tenant's minimum still: the federal login's codes by SMS or e-mail.
  grpc::Status s = ChangeEmail(kSintTruiden, st, cv1::ASSURANCE_LEVEL_FAS_LOW, "b@example.be");
  EXPECT_EQ(Reason(s), "ASSURANCE_LEVEL_TOO_LOW");
  EXPECT_EQ(Details(s).metadata["required_level"], "EID_DATA");
  // Hasselt keeps the defaults.
  s = ChangeEmail(kHasselt, hasselt, cv1::ASSURANCE_LEVEL_EID_DATA, "c@example.be");
  EXPECT_EQ(Reason(s), "ASSURANCE_LEVEL_TOO_LOW");
  EXPECT_EQ(Details(s).metadata["required_level"], "EID_CHALLENGE");

  // Only settable levels are stored.
  absl::Status bad = assurance_->Set(kSintTruiden, {cv1::ASSURANCE_LEVEL_ITSME,
                                                    cv1::ASSURANCE_LEVEL_UNSPECIFIED});
  EXPECT_EQ(status::Reason(bad), "ASSURANCE_POLICY_INVALID");
}

TEST_F(AssurancePolicyTest, StaffAreBoundByRoleAndAuditNotByTheCitizensLevel) {
  const std::string id = MustRegister(kSintTruiden).citizen().id();
  v1::UpdateCitizenProfileRequest req;
  req.set_citizen_id(id);
  req.set_email("via.balie@example.be");
  v1::UpdateCitizenProfileResponse resp;
  grpc::Status s = stub_->UpdateCitizenProfile(
      As(kSintTruiden, cv1::ROLE_FRONT_OFFICE, "staff-7").get(), req, &resp);
  EXPECT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log WHERE action = 'update'"), 1);
}

}  // namespace
}  // namespace meldpunt::identity::service_test

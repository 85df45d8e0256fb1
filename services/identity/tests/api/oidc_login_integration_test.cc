// LoginWithOidc through the RPC, with a self-made FAS issuer: a valid ID token makes the person a
// citizen with the assurance its acr gives; a forged or mismatched token makes nobody; without
// configured issuers the method is not available.
#include <gtest/gtest.h>

#include "services/identity/tests/api/service_fixture.h"
#include "services/identity/tests/oidc/test_issuer.h"

namespace meldpunt::identity::service_test {
namespace {

constexpr char kBert[] = "90010100123";

using OidcLoginTest = IdentityServiceTest;

grpc::Status Login(v1::IdentityService::Stub& stub, grpc::ClientContext* ctx,
                   const v1::LoginWithOidcRequest& req, v1::LoginWithOidcResponse* resp) {
  return stub.LoginWithOidc(ctx, req, resp);
}

TEST_F(OidcLoginTest, ValidFasTokenCreatesTheCitizenWithTheAcrsAssurance) {
  v1::LoginWithOidcResponse resp;
  grpc::Status s = Login(*stub_, AsApiClient(kSintTruiden).get(),
                         OidcRequest(FasToken(FasClaims(kBert, "Bert", "Janssens",
                                                        "urn:be:fedict:iam:fas:Level500"))),
                         &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  EXPECT_TRUE(resp.created());
  EXPECT_EQ(resp.assurance_level(), common::v1::ASSURANCE_LEVEL_FAS_EID);
  EXPECT_EQ(resp.citizen().assurance_level(), common::v1::ASSURANCE_LEVEL_FAS_EID);
  EXPECT_EQ(resp.citizen().tenant_id(), kSintTruiden);
  EXPECT_EQ(resp.citizen().given_names(), "Bert");
  EXPECT_EQ(resp.citizen().family_name(), "Janssens");
  EXPECT_EQ(resp.citizen().national_number(), "90.01.01-001.23");
  EXPECT_EQ(resp.citizen().birth_date(), "1990-01-01") << "from the number";
  EXPECT_EQ(resp.citizen().contact().language(), cv1::LANGUAGE_NL) << "from prefLanguage";
  EXPECT_FALSE(resp.tokens().access_token().empty());

  // Again with a weaker means: the same citizen, whose assurance follows the latest login.
  v1::LoginWithOidcResponse again;
  s = Login(*stub_, AsApiClient(kSintTruiden).get(),
            OidcRequest(FasToken(FasClaims(kBert, "Bert", "Janssens",
                                           "urn:be:fedict:iam:fas:Level450"))),
            &again);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_FALSE(again.created());
  EXPECT_EQ(again.citizen().id(), resp.citizen().id());
  EXPECT_EQ(again.assurance_level(), common::v1::ASSURANCE_LEVEL_FAS_ITSME);

  s = Login(*stub_, AsApiClient(kSintTruiden).get(),
            OidcRequest(FasToken(FasClaims(kBert, "Bert", "Janssens", ""))), &again);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(again.assurance_level(), common::v1::ASSURANCE_LEVEL_FAS_LOW);
  // A weaker login does not lower what the profile holds (issue 9).
  EXPECT_EQ(again.citizen().assurance_level(), common::v1::ASSURANCE_LEVEL_FAS_ITSME);
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 1);
}

TEST_F(OidcLoginTest, TokensThatDoNotVerifyMakeNobody) {
  const nlohmann::json claims = FasClaims(kBert, "Bert", "Janssens", "");
  v1::LoginWithOidcResponse resp;

  // Signed by another key under the issuer's kid.
  auto impostor = oidc::testing::TestIssuerKey::NewP256("fas-2024");
  grpc::Status s = Login(*stub_, AsApiClient(kSintTruiden).get(),
                         OidcRequest(impostor->Sign(claims)), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);

  // alg none.
  s = Login(*stub_, AsApiClient(kSintTruiden).get(),
            OidcRequest(oidc::testing::Unsigned({{"alg", "none"}, {"kid", "fas-2024"}}, claims)),
            &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);

  // Another nonce than the one the app backend sent.
  v1::LoginWithOidcRequest req = OidcRequest(FasToken(claims));
  req.set_nonce("another-nonce");
  s = Login(*stub_, AsApiClient(kSintTruiden).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "OIDC_NONCE_MISMATCH");

  // Expired.
  nlohmann::json expired = claims;
  expired["iat"] = absl::ToUnixSeconds(absl::Now() - absl::Hours(2));
  expired["exp"] = absl::ToUnixSeconds(absl::Now() - absl::Hours(1));
  s = Login(*stub_, AsApiClient(kSintTruiden).get(), OidcRequest(FasToken(expired)), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "OIDC_TOKEN_EXPIRED");

  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions"), 0);
}

class OidcNotConfiguredTest : public IdentityServiceTest {
 protected:
  bool ConfigureOidc() const override { return false; }
};

TEST_F(OidcNotConfiguredTest, IsNotConfigured) {
  v1::LoginWithOidcResponse resp;
  grpc::Status s = Login(*stub_, AsApiClient(kSintTruiden).get(),
                         OidcRequest(FasToken(FasClaims(kBert, "Bert", "Janssens", ""))), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "OIDC_NOT_CONFIGURED");
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 0);
}

}  // namespace
}  // namespace meldpunt::identity::service_test

// Bearer-token verification against forged and broken tokens. The tokens are minted by the test
// minter in the exact format identity will issue, and verified by the production verifier.
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "libs/auth/test_keys.h"
#include "libs/status/status.h"
#include "services/gateway/src/tokens/jwt_verifier.h"
#include "services/gateway/tests/support/jwt_minter.h"

namespace meldpunt::gateway {
namespace {

using testing::JwtMinter;
using testing::TokenClaims;
namespace cv1 = common::v1;

class GatewayJwtTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ed_ = auth::testing::NewEd25519KeyPair();
    ec_ = testing::NewP256KeyPair();
    auto v = JwtVerifier::Create({{"ed1", ed_.second}, {"ec1", ec_.second}},
                                 {"meldpunt-identity", "meldpunt-gateway", absl::Seconds(30)});
    ASSERT_TRUE(v.ok()) << v.status();
    verifier_ = std::move(*v);
  }

  std::string Reason(const std::string& token) {
    auto r = verifier_->Verify(token, absl::Now());
    EXPECT_FALSE(r.ok()) << "accepted: " << token;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
    }
    return status::Reason(r.status());
  }

  JwtMinter Ed() const { return JwtMinter("ed1", "EdDSA", ed_.first); }
  JwtMinter Ec() const { return JwtMinter("ec1", "ES256", ec_.first); }

  std::pair<std::string, std::string> ed_, ec_;
  std::unique_ptr<JwtVerifier> verifier_;
};

TEST_F(GatewayJwtTest, AcceptsEdDsaAndEs256Tokens) {
  TokenClaims c;
  c.sub = "citizen-42";
  auto ed = verifier_->Verify(Ed().Mint(c), absl::Now());
  ASSERT_TRUE(ed.ok()) << ed.status();
  EXPECT_EQ(ed->subject, "citizen-42");
  EXPECT_EQ(ed->tenant_id, "71053");
  EXPECT_EQ(ed->kind, cv1::PRINCIPAL_KIND_CITIZEN);
  EXPECT_EQ(ed->roles, std::vector<Role>{cv1::ROLE_CITIZEN});

  c.roles = {"coordinator", "analyst"};
  c.sub = "staff-7";
  auto ec = verifier_->Verify(Ec().Mint(c), absl::Now());
  ASSERT_TRUE(ec.ok()) << ec.status();
  EXPECT_EQ(ec->kind, cv1::PRINCIPAL_KIND_STAFF);
  EXPECT_EQ(ec->roles, (std::vector<Role>{cv1::ROLE_COORDINATOR, cv1::ROLE_ANALYST}));

  // aud as an array containing ours is fine too.
  auto claims = TokenClaims().ToJson();
  claims["aud"] = {"someone-else", "meldpunt-gateway"};
  EXPECT_TRUE(verifier_->Verify(Ed().MintRaw(Ed().Header(), claims), absl::Now()).ok());
}

TEST_F(GatewayJwtTest, CarriesACitizensAssuranceLevelAndRefusesOneItDoesNotKnow) {
  auto claims = TokenClaims().ToJson();  // a citizen's token
  EXPECT_EQ(verifier_->Verify(Ed().MintRaw(Ed().Header(), claims), absl::Now())->assurance,
            cv1::ASSURANCE_LEVEL_UNSPECIFIED);
  claims["acr"] = "EID_DATA";
  auto data_only = verifier_->Verify(Ed().MintRaw(Ed().Header(), claims), absl::Now());
  ASSERT_TRUE(data_only.ok()) << data_only.status();
  EXPECT_EQ(data_only->assurance, cv1::ASSURANCE_LEVEL_EID_DATA);
  claims["acr"] = "FAS_EID";
  EXPECT_EQ(verifier_->Verify(Ed().MintRaw(Ed().Header(), claims), absl::Now())->assurance,
            cv1::ASSURANCE_LEVEL_FAS_EID);
  // Not a level identity names (an OIDC acr, a number, a made-up name): refused, never read as
  // some level.
  for (nlohmann::json bad : {nlohmann::json("urn:be:fedict:iam:fas:Level500"), nlohmann::json(2),
                             nlohmann::json("UNSPECIFIED"), nlohmann::json("eid_challenge_plus")}) {
    claims["acr"] = bad;
    EXPECT_EQ(Reason(Ed().MintRaw(Ed().Header(), claims)), "TOKEN_CLAIMS_INVALID") << bad;
  }
  // Staff tokens carry no citizen's level.
  claims = TokenClaims().ToJson();
  claims["roles"] = {"coordinator"};
  claims["acr"] = "EID_CHALLENGE";
  EXPECT_EQ(Reason(Ed().MintRaw(Ed().Header(), claims)), "TOKEN_CLAIMS_INVALID");
}

TEST_F(GatewayJwtTest, RefusesAWrongKey) {
  // Same kid, another key: a forger who knows the key id but not the key.
  auto other = auth::testing::NewEd25519KeyPair();
  EXPECT_EQ(Reason(JwtMinter("ed1", "EdDSA", other.first).Mint({})), "TOKEN_BAD_SIGNATURE");
  auto other_ec = testing::NewP256KeyPair();
  EXPECT_EQ(Reason(JwtMinter("ec1", "ES256", other_ec.first).Mint({})), "TOKEN_BAD_SIGNATURE");
  EXPECT_EQ(Reason(JwtMinter("nope", "EdDSA", ed_.first).Mint({})), "TOKEN_UNKNOWN_KEY");
}

TEST_F(GatewayJwtTest, RefusesAlgNoneAndAlgorithmSwaps) {
  auto claims = TokenClaims().ToJson();
  EXPECT_EQ(Reason(JwtMinter::Assemble({{"alg", "none"}, {"kid", "ed1"}}, claims, "")),
            "TOKEN_ALG_NOT_ALLOWED");
  EXPECT_EQ(Reason(JwtMinter::Assemble({{"alg", "HS256"}, {"kid", "ed1"}}, claims, std::string(32, 'x'))),
            "TOKEN_ALG_NOT_ALLOWED");
  EXPECT_EQ(Reason(JwtMinter::Assemble({{"alg", "RS256"}, {"kid", "ed1"}}, claims, std::string(256, 'x'))),
            "TOKEN_ALG_NOT_ALLOWED");
  // ES256 named in the header of a token whose kid is the Ed25519 key (and the reverse).
  EXPECT_EQ(Reason(Ed().MintRaw({{"alg", "ES256"}, {"kid", "ed1"}}, claims)), "TOKEN_ALG_NOT_ALLOWED");
  EXPECT_EQ(Reason(Ec().MintRaw({{"alg", "EdDSA"}, {"kid", "ec1"}}, claims)), "TOKEN_ALG_NOT_ALLOWED");
  EXPECT_EQ(Reason(JwtMinter::Assemble({{"kid", "ed1"}}, claims, "")), "TOKEN_MALFORMED");
  EXPECT_EQ(Reason(Ed().MintRaw({{"alg", "EdDSA"}, {"kid", "ed1"}, {"crit", {"exp"}}}, claims)),
            "TOKEN_MALFORMED");
}

TEST_F(GatewayJwtTest, RefusesExpiredAndFutureTokens) {
  TokenClaims c;
  c.iat = absl::Now() - absl::Hours(1);
  c.exp = absl::Now() - absl::Minutes(1);
  EXPECT_EQ(Reason(Ed().Mint(c)), "TOKEN_EXPIRED");
  // Within the leeway is still fine: clocks differ a little.
  c.exp = absl::Now() - absl::Seconds(10);
  EXPECT_TRUE(verifier_->Verify(Ed().Mint(c), absl::Now()).ok());
  c = TokenClaims();
  c.iat = absl::Now() + absl::Minutes(10);
  c.exp = absl::Now() + absl::Minutes(15);
  EXPECT_EQ(Reason(Ed().Mint(c)), "TOKEN_NOT_YET_VALID");
  auto claims = TokenClaims().ToJson();
  claims["nbf"] = absl::ToUnixSeconds(absl::Now() + absl::Minutes(10));
  EXPECT_EQ(Reason(Ed().MintRaw(Ed().Header(), claims)), "TOKEN_NOT_YET_VALID");
  claims = TokenClaims().ToJson();
  claims.erase("exp");
  EXPECT_EQ(Reason(Ed().MintRaw(Ed().Header(), claims)), "TOKEN_CLAIMS_INVALID");
  claims = TokenClaims().ToJson();
  claims["exp"] = "tomorrow";
  EXPECT_EQ(Reason(Ed().MintRaw(Ed().Header(), claims)), "TOKEN_CLAIMS_INVALID");
}

TEST_F(GatewayJwtTest, RefusesWrongAudienceAndIssuer) {
  TokenClaims c;
  c.aud = "some-other-api";
  EXPECT_EQ(Reason(Ed().Mint(c)), "TOKEN_WRONG_AUDIENCE");
  auto claims = TokenClaims().ToJson();
  claims.erase("aud");
  EXPECT_EQ(Reason(Ed().MintRaw(Ed().Header(), claims)), "TOKEN_WRONG_AUDIENCE");
  c = TokenClaims();
  c.iss = "https://evil.example";
  EXPECT_EQ(Reason(Ed().Mint(c)), "TOKEN_WRONG_ISSUER");
}

TEST_F(GatewayJwtTest, RefusesATamperedPayload) {
  TokenClaims c;
  const std::string token = Ed().Mint(c);
  // Swap the claims for Hasselt's, keeping header and signature: the signature no longer matches.
  c.tenant = "71022";
  const std::string forged_claims = JwtMinter::B64(c.ToJson().dump());
  const auto dot1 = token.find('.');
  const auto dot2 = token.rfind('.');
  EXPECT_EQ(Reason(token.substr(0, dot1 + 1) + forged_claims + token.substr(dot2)),
            "TOKEN_BAD_SIGNATURE");
  // A changed character inside the signature.
  std::string flipped = token;
  char& c40 = flipped[dot2 + 40];
  c40 = c40 == 'A' ? 'B' : 'A';
  EXPECT_EQ(Reason(flipped), "TOKEN_BAD_SIGNATURE");
  // The same signature bytes spelled non-canonically (unused low bits set in the last character).
  std::string respelled = token;
  respelled.back() = respelled.back() == 'A' ? 'B' : static_cast<char>(respelled.back() ^ 1);
  EXPECT_EQ(Reason(respelled), "TOKEN_MALFORMED");
  // Roles raised after signing.
  c = TokenClaims();
  const std::string citizen = Ed().Mint(c);
  c.roles = {"tenant_admin"};
  const std::string raised = citizen.substr(0, citizen.find('.') + 1) +
                             JwtMinter::B64(c.ToJson().dump()) + citizen.substr(citizen.rfind('.'));
  EXPECT_EQ(Reason(raised), "TOKEN_BAD_SIGNATURE");
}

TEST_F(GatewayJwtTest, RefusesMalformedTokens) {
  const std::string good = Ed().Mint({});
  for (const std::string& bad :
       {std::string(""), std::string("abc"), std::string("a.b"), good + ".x", std::string("..."),
        std::string("!!!.@@@.###"), good.substr(0, good.find('.')) + "=.e30.AAAA",
        JwtMinter::B64("not json") + "." + JwtMinter::B64("{}") + ".AAAA",
        JwtMinter::B64("[1,2]") + "." + JwtMinter::B64("{}") + ".AAAA",
        JwtMinter::B64(std::string(40, '[')) + "." + JwtMinter::B64("{}") + ".AAAA",
        std::string(9000, 'a') + "." + "b.c"}) {
    EXPECT_EQ(Reason(bad), "TOKEN_MALFORMED") << bad.substr(0, 60);
  }
  // Signed, but the claims are not an object.
  EXPECT_EQ(Reason(Ed().MintRaw(Ed().Header(), nlohmann::json::array({1, 2}))), "TOKEN_MALFORMED");
  // A DER-encoded ES256 signature (OpenSSL's native form) is not the JWS form.
  const std::string es = Ec().Mint({});
  EXPECT_EQ(Reason(es.substr(0, es.rfind('.') + 1) + JwtMinter::B64(std::string(70, '\x30'))),
            "TOKEN_BAD_SIGNATURE");
}

TEST_F(GatewayJwtTest, RefusesRolesNoPersonHolds) {
  for (const std::vector<std::string>& roles :
       std::vector<std::vector<std::string>>{{"integrator"}, {"platform_admin"}, {"service"},
                                            {"superuser"}, {}, {"citizen", "coordinator"}}) {
    TokenClaims c;
    c.roles = roles;
    EXPECT_EQ(Reason(Ed().Mint(c)), "TOKEN_ROLES_INVALID") << roles.size();
  }
  auto claims = TokenClaims().ToJson();
  claims["roles"] = "citizen";
  EXPECT_EQ(Reason(Ed().MintRaw(Ed().Header(), claims)), "TOKEN_ROLES_INVALID");
}

TEST_F(GatewayJwtTest, RefusesMissingSubjectOrTenant) {
  TokenClaims c;
  c.sub = "";
  EXPECT_EQ(Reason(Ed().Mint(c)), "TOKEN_CLAIMS_INVALID");
  c = TokenClaims();
  c.tenant = "Sint-Truiden";
  EXPECT_EQ(Reason(Ed().Mint(c)), "TOKEN_CLAIMS_INVALID");
  auto claims = TokenClaims().ToJson();
  claims.erase("tenant");
  EXPECT_EQ(Reason(Ed().MintRaw(Ed().Header(), claims)), "TOKEN_CLAIMS_INVALID");
}

TEST(GatewayJwtKeysTest, RefusesUnsupportedKeysAtStartUp) {
  auto rsa = auth::testing::NewRsaKeyPair();
  EXPECT_FALSE(JwtVerifier::Create({{"r", rsa.second}}, {"i", "a"}).ok());
  EXPECT_FALSE(JwtVerifier::Create({{"x", "not a pem"}}, {"i", "a"}).ok());
  EXPECT_FALSE(JwtVerifier::Create({}, {"i", "a"}).ok());
  auto ed = auth::testing::NewEd25519KeyPair();
  EXPECT_FALSE(JwtVerifier::Create({{"e", ed.second}}, {"", "a"}).ok());
}

}  // namespace
}  // namespace meldpunt::gateway

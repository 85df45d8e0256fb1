// Access-token claims, the issuer end to end over an in-memory key ring, token shapes, settings.
#include <set>

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "libs/jwt/jws_compact.h"
#include "libs/status/status.h"
#include "services/identity/src/tokens/random_values.h"
#include "services/identity/src/tokens/token_issuer.h"
#include "services/identity/tests/tokens/fake_key_store.h"
#include "services/identity/tests/tokens/token_check.h"

namespace meldpunt::identity::tokens {
namespace {

namespace cv1 = common::v1;

const absl::Time kT0 = absl::FromCivil(absl::CivilSecond(2025, 3, 1, 10, 0, 0), absl::UTCTimeZone());

SessionSubject Citizen() {
  SessionSubject s;
  s.tenant_id = "71053";
  s.subject = "c-1";
  s.kind = cv1::PRINCIPAL_KIND_CITIZEN;
  s.roles = {cv1::ROLE_CITIZEN};
  return s;
}

SessionSubject Staff() {
  SessionSubject s;
  s.tenant_id = "71022";
  s.subject = "s-1";
  s.kind = cv1::PRINCIPAL_KIND_STAFF;
  s.roles = {cv1::ROLE_COORDINATOR, cv1::ROLE_TENANT_ADMIN};
  return s;
}

TEST(AccessTokenClaimsTest, ACitizensTokenNamesItsLoginsAssuranceLevelAndAStaffTokenNone) {
  TokenSettings settings;
  SessionSubject citizen = Citizen();
  citizen.assurance = cv1::ASSURANCE_LEVEL_EID_DATA;
  EXPECT_EQ(AccessTokenClaims(settings, citizen, "sid-1", "jti-1", kT0)["acr"], "EID_DATA");
  citizen.assurance = cv1::ASSURANCE_LEVEL_FAS_ITSME;
  EXPECT_EQ(AccessTokenClaims(settings, citizen, "sid-1", "jti-1", kT0)["acr"], "FAS_ITSME");
  EXPECT_FALSE(AccessTokenClaims(settings, Staff(), "sid-1", "jti-1", kT0).contains("acr"));
}

TEST(AccessTokenClaimsTest, CarryIssuerAudienceSubjectTenantRolesSessionAndTimes) {
  TokenSettings settings;
  const absl::Time now = kT0 + absl::Milliseconds(700);  // truncated to whole seconds
  nlohmann::json c = AccessTokenClaims(settings, Citizen(), "sid-1", "jti-1", now);
  EXPECT_EQ(c["iss"], "meldpunt-identity");
  EXPECT_EQ(c["aud"], "meldpunt-gateway");
  EXPECT_EQ(c["sub"], "c-1");
  EXPECT_EQ(c["tenant"], "71053");
  EXPECT_EQ(c["roles"], nlohmann::json::array({"citizen"}));
  EXPECT_EQ(c["sid"], "sid-1");
  EXPECT_EQ(c["jti"], "jti-1");
  EXPECT_EQ(c["iat"], absl::ToUnixSeconds(kT0));
  EXPECT_EQ(c["nbf"], absl::ToUnixSeconds(kT0));
  EXPECT_EQ(c["exp"], absl::ToUnixSeconds(kT0) + 600);
  EXPECT_EQ(c.size(), 10u);
}

TEST(AccessTokenClaimsTest, StaffRolesAreNamedAsTheGatewayReadsThem) {
  TokenSettings settings;
  settings.issuer = "https://identity.example";
  settings.audience = "edge";
  settings.access_token_lifetime = absl::Minutes(3);
  nlohmann::json c = AccessTokenClaims(settings, Staff(), "sid-2", "jti-2", kT0);
  EXPECT_EQ(c["roles"], nlohmann::json::array({"coordinator", "tenant_admin"}));
  EXPECT_EQ(c["iss"], "https://identity.example");
  EXPECT_EQ(c["aud"], "edge");
  EXPECT_EQ(c["exp"].get<std::int64_t>() - c["iat"].get<std::int64_t>(), 180);
}

TEST(TokenIssuerTest, IssuesATokenThatVerifiesWithThePublishedKey) {
  testing::FakeKeyStore store;
  auto protector = std::move(crypto::DataProtector::FromSecret(std::string(32, 'k'))).value();
  auto ring = std::move(KeyRing::Create(&store, protector.get(), TokenSettings{}, kT0)).value();
  TokenIssuer issuer(ring.get());

  auto token = issuer.Issue(Staff(), "sid-3", kT0 + absl::Seconds(5));
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->key_id, store.rows[0].key_id);
  EXPECT_EQ(token->expires_at, kT0 + absl::Seconds(5) + absl::Minutes(10));

  auto checked = testing::VerifyWithPublished(ring->Published(kT0), token->token);
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ(checked->header["alg"], "EdDSA");
  EXPECT_EQ(checked->header["kid"], token->key_id);
  EXPECT_EQ(checked->header["typ"], "JWT");
  EXPECT_EQ(checked->claims["sub"], "s-1");
  EXPECT_EQ(checked->claims["tenant"], "71022");
  EXPECT_EQ(checked->claims["sid"], "sid-3");
  EXPECT_EQ(checked->claims["exp"], absl::ToUnixSeconds(token->expires_at));

  // Each token has its own id.
  auto again = issuer.Issue(Staff(), "sid-3", kT0 + absl::Seconds(5));
  ASSERT_TRUE(again.ok());
  auto checked_again = testing::VerifyWithPublished(ring->Published(kT0), again->token);
  ASSERT_TRUE(checked_again.ok());
  EXPECT_NE(checked_again->claims["jti"], checked->claims["jti"]);
}

TEST(TokenIssuerTest, ATamperedTokenDoesNotVerify) {
  testing::FakeKeyStore store;
  auto protector = std::move(crypto::DataProtector::FromSecret(std::string(32, 'k'))).value();
  auto ring = std::move(KeyRing::Create(&store, protector.get(), TokenSettings{}, kT0)).value();
  auto token = TokenIssuer(ring.get()).Issue(Citizen(), "sid", kT0);
  ASSERT_TRUE(token.ok());
  // Swap the payload for one naming another tenant, keeping header and signature.
  const std::string& t = token->token;
  const size_t dot1 = t.find('.');
  const size_t dot2 = t.find('.', dot1 + 1);
  nlohmann::json forged = AccessTokenClaims(TokenSettings{}, Staff(), "sid", "x", kT0);
  const std::string payload = jwt::Base64UrlEncode(forged.dump());
  const std::string tampered = t.substr(0, dot1 + 1) + payload + t.substr(dot2);
  auto checked = testing::VerifyWithPublished(ring->Published(kT0), tampered);
  EXPECT_EQ(status::Reason(checked.status()), "TOKEN_BAD_SIGNATURE");
}

TEST(RefreshTokenTest, IsPrefixedRandomAndRecognisable) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    auto token = NewRefreshToken();
    ASSERT_TRUE(token.ok());
    EXPECT_TRUE(absl::StartsWith(*token, "mrt_")) << *token;
    EXPECT_EQ(token->size(), 4u + 43u);
    EXPECT_TRUE(LooksLikeRefreshToken(*token)) << *token;
    seen.insert(*token);
  }
  EXPECT_EQ(seen.size(), 20u);
}

TEST(RefreshTokenTest, ShapesThatAreNotOursAreRecognisedAsSuch) {
  const std::string good = *NewRefreshToken();
  EXPECT_FALSE(LooksLikeRefreshToken(""));
  EXPECT_FALSE(LooksLikeRefreshToken("xrt_" + good.substr(4)));
  EXPECT_FALSE(LooksLikeRefreshToken(good.substr(0, good.size() - 1)));
  EXPECT_FALSE(LooksLikeRefreshToken(good + "A"));
  std::string bad_char = good;
  bad_char[10] = '+';
  EXPECT_FALSE(LooksLikeRefreshToken(bad_char));
}

TEST(RefreshTokenTest, HashIsSha256OfTheWholeToken) {
  // SHA-256("abc"), FIPS 180-2 test vector.
  EXPECT_EQ(absl::BytesToHexString(HashRefreshToken("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string token = *NewRefreshToken();
  EXPECT_EQ(HashRefreshToken(token).size(), 32u);
  EXPECT_NE(HashRefreshToken(token), HashRefreshToken(token.substr(4)));
}

TEST(KeyIdTest, NamesTheCreationDay) {
  auto id = NewKeyId(kT0);
  ASSERT_TRUE(id.ok());
  EXPECT_TRUE(absl::StartsWith(*id, "20250301-")) << *id;
  EXPECT_EQ(id->size(), 9u + 12u);
  EXPECT_NE(*id, *NewKeyId(kT0));
}

TEST(TokenSettingsTest, DefaultsAreValidAndDerivedDurationsFollow) {
  TokenSettings s;
  EXPECT_TRUE(Validate(s).ok());
  EXPECT_EQ(RetirementOverlap(s), absl::Minutes(12));
  EXPECT_EQ(SigningKeysCacheFor(s), absl::Minutes(5));
  EXPECT_EQ(RevocationTtl(s), absl::Minutes(11));
  EXPECT_EQ(s.citizen_refresh_lifetime, absl::Hours(24 * 30));
  EXPECT_EQ(s.staff_refresh_lifetime, absl::Hours(12));
}

TEST(TokenSettingsTest, RefusesValuesThatCannotWork) {
  auto reason = [](TokenSettings s) { return status::Reason(Validate(s)); };
  TokenSettings s;
  s.issuer = "";
  EXPECT_EQ(reason(s), "TOKEN_SETTINGS_INVALID");
  s = TokenSettings{};
  s.audience = "";
  EXPECT_EQ(reason(s), "TOKEN_SETTINGS_INVALID");
  s = TokenSettings{};
  s.access_token_lifetime = absl::ZeroDuration();
  EXPECT_EQ(reason(s), "TOKEN_SETTINGS_INVALID");
  s = TokenSettings{};
  s.staff_refresh_lifetime = -absl::Hours(1);
  EXPECT_EQ(reason(s), "TOKEN_SETTINGS_INVALID");
  s = TokenSettings{};
  s.rotation_period = absl::Minutes(12);  // equal to the overlap
  EXPECT_EQ(reason(s), "TOKEN_SETTINGS_INVALID");
  s.rotation_period = absl::Minutes(13);
  EXPECT_EQ(reason(s), "");
}

}  // namespace
}  // namespace meldpunt::identity::tokens

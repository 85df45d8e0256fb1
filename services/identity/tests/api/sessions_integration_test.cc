// Sessions through the RPC: the access token of a login verifies with the keys GetSigningKeys
// publishes (checked with libs/jwt as the gateway checks it) and names tenant, subject, roles and
// session; refresh tokens rotate and a replay ends the session; RevokeSession ends a session by
// refresh token or by id and tells the gateway through Redis.
#include <algorithm>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/time/clock.h"
#include "libs/jwt/jws_compact.h"
#include "libs/jwt/keys.h"
#include "services/identity/tests/api/service_fixture.h"

namespace meldpunt::identity::service_test {
namespace {

class SessionsTest : public IdentityServiceTest {
 protected:
  // The claims of an access token whose signature verifies with a published key, or a failure.
  ::testing::AssertionResult VerifyAccessToken(const std::string& token, nlohmann::json* claims) {
    v1::GetSigningKeysResponse published;
    grpc::Status s = stub_->GetSigningKeys(As(kSintTruiden, cv1::ROLE_INTEGRATOR).get(),
                                           v1::GetSigningKeysRequest(), &published);
    if (!s.ok()) return ::testing::AssertionFailure() << "GetSigningKeys: " << Reason(s);
    auto parts = jwt::SplitCompactJws(token);
    if (!parts.ok()) return ::testing::AssertionFailure() << parts.status();
    if (parts->header.value("typ", "") != "JWT") {
      return ::testing::AssertionFailure() << "header " << parts->header.dump();
    }
    const std::string kid = parts->header.value("kid", "");
    for (const v1::SigningKey& k : published.keys()) {
      if (k.key_id() != kid) continue;
      auto key = jwt::PublicKeyFromPem(k.key_id(), k.public_key_pem());
      if (!key.ok()) return ::testing::AssertionFailure() << key.status();
      if (parts->header.value("alg", "") != jwt::AlgorithmName(key->algorithm) ||
          k.algorithm() != jwt::AlgorithmName(key->algorithm)) {
        return ::testing::AssertionFailure() << "alg does not fit the key";
      }
      if (absl::Status v = jwt::VerifySignature(*key, parts->signing_input, parts->signature);
          !v.ok()) {
        return ::testing::AssertionFailure() << v;
      }
      *claims = nlohmann::json::parse(parts->claims_json);
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "no published key has kid " << kid;
  }

  static std::vector<std::string> Roles(const nlohmann::json& claims) {
    return claims.at("roles").get<std::vector<std::string>>();
  }

  grpc::Status Refresh(const std::string& refresh_token, v1::RefreshSessionResponse* resp) {
    v1::RefreshSessionRequest req;
    req.set_refresh_token(refresh_token);
    return stub_->RefreshSession(AsApiClient(kSintTruiden).get(), req, resp);
  }

  static std::string RevokedKey(const std::string& session_id) {
    return "meldpunt:revoked-session:" + session_id;
  }
};

TEST_F(SessionsTest, CitizenAccessTokenVerifiesWithThePublishedKeys) {
  const v1::VerifyEidResponse login = MustRegister(kSintTruiden);
  nlohmann::json claims;
  ASSERT_TRUE(VerifyAccessToken(login.tokens().access_token(), &claims));
  EXPECT_EQ(claims.at("tenant"), kSintTruiden);
  EXPECT_EQ(claims.at("sub"), login.citizen().id());
  EXPECT_EQ(Roles(claims), std::vector<std::string>{"citizen"});
  EXPECT_EQ(claims.at("sid"), login.tokens().session_id());
  EXPECT_EQ(claims.at("iss"), "meldpunt-identity");
  EXPECT_EQ(claims.at("aud"), "meldpunt-gateway");
  const std::int64_t now = absl::ToUnixSeconds(absl::Now());
  EXPECT_GT(claims.at("exp").get<std::int64_t>(), now);
  EXPECT_LE(claims.at("exp").get<std::int64_t>(), now + 10 * 60 + 5);
  EXPECT_EQ(claims.at("exp").get<std::int64_t>(),
            login.tokens().access_token_expires_at().seconds());
  // Nothing personal in the token: no name, no national number.
  EXPECT_EQ(claims.dump().find("Peeters"), std::string::npos);
  EXPECT_EQ(claims.dump().find(kCardNumber), std::string::npos);

  // A token altered after signing does not verify.
  std::string forged = login.tokens().access_token();
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyAccessToken(forged, &claims));
}

TEST_F(SessionsTest, StaffAccessTokenCarriesTheAccountsRoles) {
  const v1::StaffAccount account =
      MustCreateStaff(kSintTruiden, "coord1", {cv1::ROLE_COORDINATOR, cv1::ROLE_FRONT_OFFICE});
  v1::LoginStaffResponse login;
  grpc::Status s = LoginStaff(kSintTruiden, kSintTruiden, "COORD1", kStaffPassword, &login);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  EXPECT_EQ(login.staff().id(), account.id());
  nlohmann::json claims;
  ASSERT_TRUE(VerifyAccessToken(login.tokens().access_token(), &claims));
  EXPECT_EQ(claims.at("tenant"), kSintTruiden);
  EXPECT_EQ(claims.at("sub"), account.id());
  auto roles = Roles(claims);
  std::sort(roles.begin(), roles.end());
  EXPECT_EQ(roles, (std::vector<std::string>{"coordinator", "front_office"}));
  EXPECT_EQ(claims.at("sid"), login.tokens().session_id());
}

TEST_F(SessionsTest, ARefreshFollowsTheStaffAccountAsItIsNow) {
  const v1::StaffAccount account =
      MustCreateStaff(kSintTruiden, "coord2", {cv1::ROLE_COORDINATOR, cv1::ROLE_FRONT_OFFICE});
  v1::LoginStaffResponse login;
  grpc::Status s = LoginStaff(kSintTruiden, kSintTruiden, "coord2", kStaffPassword, &login);
  ASSERT_TRUE(s.ok()) << Reason(s);

  // Demoted: the next access token carries only what the account has now.
  Exec("UPDATE staff_accounts SET roles = ARRAY['warden'] WHERE id = '" + account.id() + "'");
  v1::RefreshSessionResponse rotated;
  s = Refresh(login.tokens().refresh_token(), &rotated);
  ASSERT_TRUE(s.ok()) << Reason(s);
  nlohmann::json claims;
  ASSERT_TRUE(VerifyAccessToken(rotated.tokens().access_token(), &claims));
  EXPECT_EQ(Roles(claims), std::vector<std::string>{"warden"});

  // Disabled: the session ends at once, and its refresh token no longer works.
  Exec("UPDATE staff_accounts SET disabled = true WHERE id = '" + account.id() + "'");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions WHERE id = '" + login.tokens().session_id() +
                   "' AND revoke_reason = 'account_disabled'"),
            1);
  v1::RefreshSessionResponse refused;
  s = Refresh(rotated.tokens().refresh_token(), &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "SESSION_REVOKED");
}

TEST_F(SessionsTest, ARefreshEndsTheSessionOfAnAccountThatIsGone) {
  const v1::StaffAccount account = MustCreateStaff(kSintTruiden, "balie9", {cv1::ROLE_FRONT_OFFICE});
  v1::LoginStaffResponse login;
  grpc::Status s = LoginStaff(kSintTruiden, kSintTruiden, "balie9", kStaffPassword, &login);
  ASSERT_TRUE(s.ok()) << Reason(s);
  Exec("DELETE FROM staff_accounts WHERE id = '" + account.id() + "'");
  v1::RefreshSessionResponse refused;
  s = Refresh(login.tokens().refresh_token(), &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "SESSION_REVOKED");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions WHERE id = '" + login.tokens().session_id() +
                   "' AND revoke_reason = 'account_disabled'"),
            1);
  // The revocation reached the gateway's list as well.
  EXPECT_FALSE(RedisGet(RevokedKey(login.tokens().session_id())).empty());
}

TEST_F(SessionsTest, WrongPasswordsLockTheAccount) {
  MustCreateStaff(kSintTruiden, "balie1", {cv1::ROLE_FRONT_OFFICE});
  v1::LoginStaffResponse resp;
  grpc::Status s = LoginStaff(kSintTruiden, kSintTruiden, "onbekend", kStaffPassword, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "INVALID_CREDENTIALS");
  for (int i = 0; i < 4; ++i) {
    s = LoginStaff(kSintTruiden, kSintTruiden, "balie1", "fout wachtwoord", &resp);
    EXPECT_EQ(Reason(s), "INVALID_CREDENTIALS") << i;
  }
  s = LoginStaff(kSintTruiden, kSintTruiden, "balie1", "fout wachtwoord", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "ACCOUNT_LOCKED");
  s = LoginStaff(kSintTruiden, kSintTruiden, "balie1", kStaffPassword, &resp);
  EXPECT_EQ(Reason(s), "ACCOUNT_LOCKED") << "even the right password, while locked";
  EXPECT_FALSE(resp.has_tokens());
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions"), 0);
}

TEST_F(SessionsTest, MalformedLoginInputIsRefusedBeforeAnyWork) {
  v1::LoginStaffResponse resp;
  EXPECT_EQ(Reason(LoginStaff(kSintTruiden, kSintTruiden, "", kStaffPassword, &resp)),
            "CREDENTIALS_MALFORMED");
  EXPECT_EQ(Reason(LoginStaff(kSintTruiden, kSintTruiden, "balie1", std::string(1025, 'x'), &resp)),
            "CREDENTIALS_MALFORMED");
  v1::RefreshSessionResponse refreshed;
  EXPECT_EQ(Reason(Refresh("", &refreshed)), "REFRESH_TOKEN_MALFORMED");
  EXPECT_EQ(Reason(Refresh(std::string(513, 'r'), &refreshed)), "REFRESH_TOKEN_MALFORMED");
  v1::RevokeSessionResponse revoked;
  grpc::Status s = stub_->RevokeSession(AsApiClient(kSintTruiden).get(),
                                        v1::RevokeSessionRequest(), &revoked);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "SESSION_REQUIRED");
}

TEST_F(SessionsTest, RefreshRotatesAndAReplayEndsTheSession) {
  const v1::VerifyEidResponse login = MustRegister(kSintTruiden);
  const std::string first = login.tokens().refresh_token();
  v1::RefreshSessionResponse rotated;
  grpc::Status s = Refresh(first, &rotated);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(rotated.tokens().session_id(), login.tokens().session_id());
  EXPECT_NE(rotated.tokens().refresh_token(), first);
  EXPECT_NE(rotated.tokens().access_token(), login.tokens().access_token());
  nlohmann::json claims;
  ASSERT_TRUE(VerifyAccessToken(rotated.tokens().access_token(), &claims));
  EXPECT_EQ(claims.at("sub"), login.citizen().id());
  EXPECT_EQ(claims.at("sid"), login.tokens().session_id());

  // The spent token again: someone else holds the session's tokens. The session ends, its
  // newest refresh token with it, and the gateway is told.
  v1::RefreshSessionResponse replayed;
  s = Refresh(first, &replayed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "REFRESH_TOKEN_REUSED");
  EXPECT_FALSE(replayed.has_tokens());
  s = Refresh(rotated.tokens().refresh_token(), &replayed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_FALSE(replayed.has_tokens());
  EXPECT_EQ(RedisGet(RevokedKey(login.tokens().session_id())), "1");
}

TEST_F(SessionsTest, RevokeByRefreshTokenLogsOut) {
  const v1::VerifyEidResponse login = MustRegister(kSintTruiden);
  v1::RevokeSessionRequest req;
  req.set_refresh_token(login.tokens().refresh_token());
  v1::RevokeSessionResponse resp;
  grpc::Status s = stub_->RevokeSession(AsApiClient(kSintTruiden).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_TRUE(resp.has_revoked_at());
  EXPECT_EQ(RedisGet(RevokedKey(login.tokens().session_id())), "1");

  v1::RefreshSessionResponse refreshed;
  s = Refresh(login.tokens().refresh_token(), &refreshed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_FALSE(refreshed.has_tokens());

  // Logging out twice answers the first time.
  v1::RevokeSessionResponse again;
  s = stub_->RevokeSession(AsApiClient(kSintTruiden).get(), req, &again);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(again.revoked_at().seconds(), resp.revoked_at().seconds());
}

TEST_F(SessionsTest, RevokeOwnSessionById) {
  const v1::VerifyEidResponse login = MustRegister(kSintTruiden);
  const std::string sid = login.tokens().session_id();
  v1::RevokeSessionRequest req;
  req.set_session_id(sid);
  v1::RevokeSessionResponse resp;

  // Not someone else's: another citizen, staff without admin rights, the API client.
  std::vector<std::unique_ptr<grpc::ClientContext>> others;
  others.push_back(AsCitizen(kSintTruiden, "00000000-0000-4000-8000-000000000001"));
  others.push_back(As(kSintTruiden, cv1::ROLE_FRONT_OFFICE));
  others.push_back(AsApiClient(kSintTruiden));
  for (const auto& ctx : others) {
    grpc::Status s = stub_->RevokeSession(ctx.get(), req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(Reason(s), "SESSION_NOT_FOUND");
  }
  EXPECT_EQ(RedisGet(RevokedKey(sid)), "");

  grpc::Status s =
      stub_->RevokeSession(AsCitizen(kSintTruiden, login.citizen().id()).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_TRUE(resp.has_revoked_at());
  EXPECT_EQ(RedisGet(RevokedKey(sid)), "1");
  v1::RefreshSessionResponse refreshed;
  EXPECT_EQ(Refresh(login.tokens().refresh_token(), &refreshed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SessionsTest, TenantAdminRevokesAnySessionOfTheTenant) {
  const v1::VerifyEidResponse login = MustRegister(kSintTruiden);
  v1::RevokeSessionRequest req;
  req.set_session_id(login.tokens().session_id());
  v1::RevokeSessionResponse resp;
  grpc::Status s = stub_->RevokeSession(As(kSintTruiden, cv1::ROLE_TENANT_ADMIN).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(RedisGet(RevokedKey(login.tokens().session_id())), "1");

  req.set_session_id("not-a-session-id");
  s = stub_->RevokeSession(As(kSintTruiden, cv1::ROLE_TENANT_ADMIN).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace meldpunt::identity::service_test

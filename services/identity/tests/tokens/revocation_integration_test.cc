// Ending sessions: by refresh token (logout), by id (owner or tenant admin), and the Redis key
// the gateway checks — also when Redis is down.
#include "absl/strings/match.h"
#include "libs/status/status.h"
#include "services/identity/src/tokens/random_values.h"
#include "services/identity/tests/tokens/tokens_fixture.h"

namespace meldpunt::identity::tokens::testing {
namespace {

namespace cv1 = common::v1;

std::string Reason(const absl::Status& s) { return status::Reason(s); }

class RevocationTest : public TokensTest {
 protected:
  std::string RevokedAt(const std::string& session_id) {
    return Text("SELECT to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' ' ||"
                  " revoke_reason FROM sessions WHERE id = '" + session_id + "'");
  }
};

TEST_F(RevocationTest, LogoutWithTheRefreshTokenEndsTheSessionAndTellsTheGateway) {
  v1::SessionTokens tokens = MustOpen(Citizen(), T0());
  const absl::Time at = T0() + absl::Minutes(5);
  auto revoked = sessions_->RevokeByRefreshToken(kSintTruiden, tokens.refresh_token(), at);
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  EXPECT_EQ(*revoked, at);
  EXPECT_EQ(RevokedAt(tokens.session_id()), "2025-03-01 10:05:00 logout");

  const std::string key = RevokedSessionKey(tokens.session_id());
  EXPECT_EQ(key, "meldpunt:revoked-session:" + tokens.session_id());
  EXPECT_EQ(RedisGet(key), "1");
  const std::int64_t ttl = RedisTtlMillis(key);
  EXPECT_GT(ttl, 0);
  EXPECT_LE(ttl, absl::ToInt64Milliseconds(absl::Minutes(10) + absl::Seconds(60)));

  auto refreshed = sessions_->Refresh(kSintTruiden, tokens.refresh_token(), at + absl::Seconds(1));
  EXPECT_EQ(Reason(refreshed.status()), "SESSION_REVOKED");

  // A second logout answers when the session ended the first time.
  auto again = sessions_->RevokeByRefreshToken(kSintTruiden, tokens.refresh_token(),
                                               at + absl::Minutes(1));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, at);
  EXPECT_EQ(RevokedAt(tokens.session_id()), "2025-03-01 10:05:00 logout");
}

TEST_F(RevocationTest, LogoutWithAnUnknownOrForeignTokenIsRefused) {
  v1::SessionTokens tokens = MustOpen(Citizen(kSintTruiden), T0());
  auto foreign = sessions_->RevokeByRefreshToken(kHasselt, tokens.refresh_token(), T0());
  EXPECT_EQ(Reason(foreign.status()), "REFRESH_TOKEN_INVALID");
  auto unknown = sessions_->RevokeByRefreshToken(kSintTruiden, *NewRefreshToken(), T0());
  EXPECT_EQ(Reason(unknown.status()), "REFRESH_TOKEN_INVALID");
  EXPECT_EQ(Text("SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL"), "0");
}

TEST_F(RevocationTest, ACitizenEndsTheirOwnSessionById) {
  SessionSubject me = Citizen(kSintTruiden, "c-me");
  v1::SessionTokens tokens = MustOpen(me, T0());
  auto revoked = sessions_->RevokeById(PrincipalOf(me), tokens.session_id(), T0() + absl::Minutes(1));
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  EXPECT_EQ(RevokedAt(tokens.session_id()), "2025-03-01 10:01:00 revoked_by_owner");
  EXPECT_EQ(RedisGet(RevokedSessionKey(tokens.session_id())), "1");
  EXPECT_GT(RedisTtlMillis(RevokedSessionKey(tokens.session_id())), 0);
}

TEST_F(RevocationTest, NobodyElseButATenantAdminOfTheTenantMayEndASessionById) {
  v1::SessionTokens tokens = MustOpen(Citizen(kSintTruiden, "c-victim"), T0());
  const std::vector<SessionSubject> not_allowed = {
      Citizen(kSintTruiden, "c-other"),
      Citizen(kHasselt, "c-victim"),  // same id in another tenant
      Staff(kSintTruiden, "c-victim", {cv1::ROLE_COORDINATOR}),  // same id, another kind
      Staff(kSintTruiden, "s-coordinator", {cv1::ROLE_COORDINATOR, cv1::ROLE_ANALYST}),
      Staff(kHasselt, "s-admin", {cv1::ROLE_TENANT_ADMIN}),
  };
  for (const auto& caller : not_allowed) {
    auto revoked = sessions_->RevokeById(PrincipalOf(caller), tokens.session_id(), T0());
    EXPECT_EQ(revoked.status().code(), absl::StatusCode::kNotFound) << caller.subject;
    EXPECT_EQ(Reason(revoked.status()), "SESSION_NOT_FOUND") << caller.subject;
  }
  EXPECT_EQ(Text("SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL"), "0");
  EXPECT_EQ(RedisTtlMillis(RevokedSessionKey(tokens.session_id())), -2);

  // A malformed or unknown id reads the same as someone else's session.
  SessionSubject admin = Staff(kSintTruiden, "s-admin", {cv1::ROLE_TENANT_ADMIN});
  EXPECT_EQ(Reason(sessions_->RevokeById(PrincipalOf(admin), "not-a-uuid", T0()).status()),
            "SESSION_NOT_FOUND");
  EXPECT_EQ(Reason(sessions_->RevokeById(PrincipalOf(admin), "00000000-0000-4000-8000-000000000000",
                                         T0())
                       .status()),
            "SESSION_NOT_FOUND");

  auto by_admin = sessions_->RevokeById(PrincipalOf(admin), tokens.session_id(), T0() + absl::Minutes(2));
  ASSERT_TRUE(by_admin.ok()) << by_admin.status();
  EXPECT_EQ(RevokedAt(tokens.session_id()), "2025-03-01 10:02:00 revoked_by_admin");
  EXPECT_EQ(RedisGet(RevokedSessionKey(tokens.session_id())), "1");
}

TEST_F(RevocationTest, WithRedisDownTheRevocationStillHoldsAndIsLogged) {
  v1::SessionTokens tokens = MustOpen(Citizen(), T0());
  ASSERT_TRUE(redis_server_->Stop().ok());
  auto revoked = sessions_->RevokeByRefreshToken(kSintTruiden, tokens.refresh_token(), T0() + absl::Minutes(1));
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  EXPECT_EQ(RevokedAt(tokens.session_id()), "2025-03-01 10:01:00 logout");
  auto refreshed = sessions_->Refresh(kSintTruiden, tokens.refresh_token(), T0() + absl::Minutes(2));
  EXPECT_EQ(Reason(refreshed.status()), "SESSION_REVOKED");
  bool logged = false;
  for (const auto& line : log_.Lines()) {
    logged = logged || (absl::StrContains(line, tokens.session_id()) &&
                        absl::StrContains(line, "REDIS_UNAVAILABLE"));
  }
  EXPECT_TRUE(logged);

  // Once Redis is back, logging out again announces it for what is left of the TTL.
  ASSERT_TRUE(redis_server_->Start().ok());
  auto again = sessions_->RevokeByRefreshToken(kSintTruiden, tokens.refresh_token(), T0() + absl::Minutes(6));
  ASSERT_TRUE(again.ok()) << again.status();
  const std::int64_t ttl = RedisTtlMillis(RevokedSessionKey(tokens.session_id()));
  EXPECT_GT(ttl, 0);
  EXPECT_LE(ttl, absl::ToInt64Milliseconds(absl::Minutes(11) - absl::Minutes(5)));
}

}  // namespace
}  // namespace meldpunt::identity::tokens::testing

// Opening and refreshing sessions against PostgreSQL: tokens, rotation, replay, races, tenants,
// expiry.
#include <thread>

#include <pqxx/pqxx>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "libs/status/status.h"
#include "services/identity/src/tokens/random_values.h"
#include "services/identity/tests/tokens/tokens_fixture.h"

namespace meldpunt::identity::tokens::testing {
namespace {

namespace cv1 = common::v1;

std::string Reason(const absl::Status& s) { return status::Reason(s); }

TEST_F(TokensTest, OpenGivesAnAccessTokenThatVerifiesWithThePublishedKey) {
  const absl::Time now = T0() + absl::Minutes(1);
  v1::SessionTokens tokens = MustOpen(Citizen(kSintTruiden, "citizen-7"), now);
  ASSERT_FALSE(tokens.session_id().empty());

  auto checked = Verify(tokens.access_token(), now);
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ(checked->header["alg"], "EdDSA");
  EXPECT_EQ(checked->header["kid"], (*keys_->ActiveSigner())->key_id());
  EXPECT_EQ(checked->claims["iss"], "meldpunt-identity");
  EXPECT_EQ(checked->claims["aud"], "meldpunt-gateway");
  EXPECT_EQ(checked->claims["tenant"], kSintTruiden);
  EXPECT_EQ(checked->claims["sub"], "citizen-7");
  EXPECT_EQ(checked->claims["roles"], nlohmann::json::array({"citizen"}));
  EXPECT_EQ(checked->claims["sid"], tokens.session_id());
  EXPECT_EQ(checked->claims["exp"], absl::ToUnixSeconds(now + absl::Minutes(10)));
  EXPECT_EQ(tokens.access_token_expires_at().seconds(), absl::ToUnixSeconds(now + absl::Minutes(10)));

  EXPECT_TRUE(absl::StartsWith(tokens.refresh_token(), "mrt_"));
  EXPECT_EQ(tokens.refresh_token_expires_at().seconds(),
            absl::ToUnixSeconds(now + absl::Hours(24 * 30)));
}

TEST_F(TokensTest, RefreshTokenIsStoredOnlyAsItsHash) {
  v1::SessionTokens tokens = MustOpen(Citizen(), T0());
  const std::string hex = absl::BytesToHexString(HashRefreshToken(tokens.refresh_token()));
  EXPECT_EQ(Text("SELECT count(*) FROM refresh_tokens WHERE token_hash = decode('" + hex +
                   "', 'hex') AND session_id = '" + tokens.session_id() + "'"),
            "1");
  EXPECT_EQ(Text("SELECT count(*) FROM refresh_tokens WHERE position('mrt_'::bytea in token_hash) > 0"),
            "0");
  EXPECT_EQ(Text("SELECT kind || ' ' || array_to_string(roles, ',') || ' ' || subject FROM sessions"),
            "citizen citizen c-1");
}

TEST_F(TokensTest, StaffSessionsCarryTheirRolesAndEndAfterTheStaffLifetime) {
  const absl::Time now = T0();
  v1::SessionTokens tokens =
      MustOpen(Staff(kHasselt, "staff-1", {cv1::ROLE_COORDINATOR, cv1::ROLE_TENANT_ADMIN}), now);
  auto checked = Verify(tokens.access_token(), now);
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ(checked->claims["roles"], nlohmann::json::array({"coordinator", "tenant_admin"}));
  EXPECT_EQ(checked->claims["tenant"], kHasselt);
  EXPECT_EQ(tokens.refresh_token_expires_at().seconds(), absl::ToUnixSeconds(now + absl::Hours(12)));

  auto late = sessions_->Refresh(kHasselt, tokens.refresh_token(), now + absl::Hours(12));
  EXPECT_EQ(Reason(late.status()), "REFRESH_TOKEN_INVALID");
}

TEST_F(TokensTest, OpenRefusesASubjectThatCannotHoldASession) {
  SessionSubject wrong = Citizen();
  wrong.roles = {cv1::ROLE_TENANT_ADMIN};
  auto tokens = sessions_->Open(wrong, T0());
  EXPECT_EQ(tokens.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Text("SELECT count(*) FROM sessions"), "0");
}

TEST_F(TokensTest, RefreshRotatesTheTokensWithinTheSameSession) {
  const absl::Time opened = T0();
  v1::SessionTokens first = MustOpen(Citizen(), opened);
  const absl::Time later = opened + absl::Minutes(9);
  auto second = sessions_->Refresh(kSintTruiden, first.refresh_token(), later);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->session_id(), first.session_id());
  EXPECT_NE(second->refresh_token(), first.refresh_token());
  EXPECT_NE(second->access_token(), first.access_token());
  // Refreshing never extends the session.
  EXPECT_EQ(second->refresh_token_expires_at().seconds(), first.refresh_token_expires_at().seconds());
  EXPECT_EQ(second->access_token_expires_at().seconds(),
            absl::ToUnixSeconds(later + absl::Minutes(10)));
  auto checked = Verify(second->access_token(), later);
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ(checked->claims["sid"], first.session_id());
  EXPECT_EQ(checked->claims["sub"], "c-1");
  EXPECT_EQ(checked->claims["roles"], nlohmann::json::array({"citizen"}));

  // And again with the newest token.
  auto third = sessions_->Refresh(kSintTruiden, second->refresh_token(), later + absl::Minutes(9));
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(Text("SELECT count(*) FROM refresh_tokens WHERE used_at IS NOT NULL"), "2");
}

TEST_F(TokensTest, ReplayOfARotatedTokenRevokesTheWholeSession) {
  v1::SessionTokens first = MustOpen(Citizen(), T0());
  auto second = sessions_->Refresh(kSintTruiden, first.refresh_token(), T0() + absl::Minutes(1));
  ASSERT_TRUE(second.ok()) << second.status();

  const absl::Time replay_at = T0() + absl::Minutes(2);
  auto replay = sessions_->Refresh(kSintTruiden, first.refresh_token(), replay_at);
  EXPECT_EQ(replay.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(replay.status()), "REFRESH_TOKEN_REUSED");
  EXPECT_EQ(Text("SELECT revoke_reason FROM sessions WHERE id = '" + first.session_id() + "'"),
            "refresh_token_reused");
  EXPECT_EQ(Text("SELECT revoked_at = timestamptz '2025-03-01 10:02:00+00' FROM sessions"), "t");

  // The newest token of the family is dead too, and the gateway has been told.
  auto newest = sessions_->Refresh(kSintTruiden, second->refresh_token(), T0() + absl::Minutes(3));
  EXPECT_EQ(Reason(newest.status()), "SESSION_REVOKED");
  EXPECT_EQ(RedisGet(RevokedSessionKey(first.session_id())), "1");
  const std::int64_t ttl = RedisTtlMillis(RevokedSessionKey(first.session_id()));
  EXPECT_GT(ttl, 0);
  EXPECT_LE(ttl, absl::ToInt64Milliseconds(RevocationTtl(settings_)));
}

TEST_F(TokensTest, TwoConcurrentRefreshesWithOneTokenHaveExactlyOneWinner) {
  v1::SessionTokens tokens = MustOpen(Citizen(), T0());
  const std::string hex = absl::BytesToHexString(HashRefreshToken(tokens.refresh_token()));
  // Hold the token row so both refreshes are in flight at once, then let them go together.
  pqxx::connection blocker_conn(db_->dsn());
  pqxx::work blocker(blocker_conn);
  blocker.exec("SELECT 1 FROM refresh_tokens WHERE token_hash = decode('" + hex + "', 'hex') FOR UPDATE");

  absl::StatusOr<v1::SessionTokens> results[2];
  std::thread racers[2];
  for (int i = 0; i < 2; ++i) {
    racers[i] = std::thread([&, i] {
      results[i] = sessions_->Refresh(kSintTruiden, tokens.refresh_token(), T0() + absl::Minutes(1));
    });
  }
  // Both wait on the row lock (bounded poll, so a bug cannot hang the test).
  bool both_waiting = false;
  for (int attempt = 0; attempt < 3000 && !both_waiting; ++attempt) {
    both_waiting = Text("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db_->name() +
                          "' AND wait_event_type = 'Lock'") == "2";
    if (!both_waiting) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(both_waiting);
  blocker.commit();
  for (auto& t : racers) t.join();

  int won = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      ++won;
    } else {
      EXPECT_EQ(Reason(r.status()), "REFRESH_TOKEN_REUSED") << r.status();
    }
  }
  EXPECT_EQ(won, 1);
  EXPECT_EQ(Text("SELECT count(*) FROM refresh_tokens"), "2");
}

TEST_F(TokensTest, ARefreshTokenDoesNotWorkInAnotherTenant) {
  v1::SessionTokens tokens = MustOpen(Citizen(kSintTruiden), T0());
  auto elsewhere = sessions_->Refresh(kHasselt, tokens.refresh_token(), T0() + absl::Minutes(1));
  EXPECT_EQ(elsewhere.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(elsewhere.status()), "REFRESH_TOKEN_INVALID");
  // Nothing was spent or revoked by the attempt.
  auto home = sessions_->Refresh(kSintTruiden, tokens.refresh_token(), T0() + absl::Minutes(2));
  EXPECT_TRUE(home.ok()) << home.status();
}

TEST_F(TokensTest, AnExpiredRefreshTokenIsRefused) {
  v1::SessionTokens tokens = MustOpen(Citizen(), T0());
  const absl::Time end = T0() + absl::Hours(24 * 30);
  auto just_before = sessions_->Refresh(kSintTruiden, tokens.refresh_token(), end - absl::Seconds(1));
  ASSERT_TRUE(just_before.ok()) << just_before.status();
  auto at_end = sessions_->Refresh(kSintTruiden, just_before->refresh_token(), end);
  EXPECT_EQ(Reason(at_end.status()), "REFRESH_TOKEN_INVALID");
}

TEST_F(TokensTest, UnknownAndMalformedRefreshTokensAreRefused) {
  MustOpen(Citizen(), T0());
  for (const std::string& token : {*NewRefreshToken(), std::string("mrt_short"), std::string()}) {
    auto refreshed = sessions_->Refresh(kSintTruiden, token, T0());
    EXPECT_EQ(Reason(refreshed.status()), "REFRESH_TOKEN_INVALID") << token;
  }
}

TEST_F(TokensTest, RowLevelSecurityHidesSessionsOutsideTheScopedTenant) {
  MustOpen(Citizen(kSintTruiden), T0());
  MustOpen(Citizen(kHasselt), T0());
  EXPECT_EQ(Text("SELECT count(*) FROM sessions"), "2");  // superuser sees all
  pqxx::connection app(app_dsn_);
  pqxx::work tx(app);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM refresh_tokens")[0].as<int>(), 0);  // no scope: nothing
  tx.exec_params("SELECT set_config('meldpunt.tenant_id', $1, true)", std::string(kHasselt));
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM sessions")[0].as<int>(), 1);
}

TEST_F(TokensTest, SessionsLongOverArePrunedAsNewOnesOpen) {
  v1::SessionTokens old = MustOpen(Staff(kHasselt, "s-1", {cv1::ROLE_ANALYST}), T0());
  MustOpen(Citizen(kSintTruiden), T0());
  // Two days after the staff session ended, a new session in its tenant clears it away.
  MustOpen(Citizen(kHasselt), T0() + absl::Hours(12 + 48));
  EXPECT_EQ(Text("SELECT count(*) FROM sessions WHERE id = '" + old.session_id() + "'"), "0");
  EXPECT_EQ(Text("SELECT count(*) FROM refresh_tokens WHERE session_id = '" + old.session_id() + "'"),
            "0");
  EXPECT_EQ(Text("SELECT count(*) FROM sessions"), "2");
}

}  // namespace
}  // namespace meldpunt::identity::tokens::testing

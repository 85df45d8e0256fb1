// LoginStaff's limit per tenant × user name (staff/login_attempt_limiter.h), through the real
// service on the test's own Redis with the default policy (10 attempts at once, one more every
// 30 s): one API client trying one name is stopped after the burst, whatever the password and
// whether the name exists, while other names and the same name in another tenant still log in.
#include <gtest/gtest.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "services/identity/tests/api/service_fixture.h"

namespace meldpunt::identity::service_test {
namespace {

constexpr int kBurst = 10;  // LoginAttemptPolicy's default

using LoginLimitTest = IdentityServiceTest;

std::chrono::milliseconds RetryDelay(const grpc::Status& s) {
  auto d = status::Details(status::FromGrpc(s)).retry_delay;
  EXPECT_TRUE(d.has_value()) << s.error_message();
  return d.value_or(std::chrono::milliseconds(0));
}

TEST_F(LoginLimitTest, OneNameIsStoppedAfterTheBurstWhileOtherNamesAndTenantsGetThrough) {
  MustCreateStaff(kSintTruiden, "jan.peeters", {cv1::ROLE_COORDINATOR});
  MustCreateStaff(kSintTruiden, "an.claes", {cv1::ROLE_COORDINATOR});
  MustCreateStaff(kHasselt, "jan.peeters", {cv1::ROLE_COORDINATOR});
  v1::LoginStaffResponse resp;

  // The burst: every attempt is answered on its merits (the lock-out comes at the fifth).
  for (int i = 1; i <= kBurst; ++i) {
    grpc::Status s = LoginStaff(kSintTruiden, kSintTruiden, "jan.peeters", "fout", &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << i;
    EXPECT_EQ(Reason(s), i < 5 ? "INVALID_CREDENTIALS" : "ACCOUNT_LOCKED") << i;
  }
  // Then the name is limited, in any case of its letters and even with the right password.
  for (const char* name : {"jan.peeters", "JAN.Peeters"}) {
    for (const char* password : {"fout", kStaffPassword}) {
      grpc::Status s = LoginStaff(kSintTruiden, kSintTruiden, name, password, &resp);
      EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << name;
      EXPECT_EQ(Reason(s), "LOGIN_RATE_LIMITED") << name;
      const auto retry = RetryDelay(s);
      EXPECT_GT(retry.count(), 0);
      EXPECT_LE(retry, std::chrono::seconds(30));  // one attempt comes back within the refill
    }
  }

  // Another name of the same tenant, from the same client: its own bucket.
  ASSERT_TRUE(LoginStaff(kSintTruiden, kSintTruiden, "an.claes", kStaffPassword, &resp).ok());
  EXPECT_EQ(resp.staff().username(), "an.claes");
  // The same name in another municipality: another account, another bucket.
  ASSERT_TRUE(LoginStaff(kHasselt, kHasselt, "jan.peeters", kStaffPassword, &resp).ok());
  EXPECT_EQ(resp.staff().tenant_id(), kHasselt);
}

TEST_F(LoginLimitTest, UnknownNamesAreLimitedLikeRealOnes) {
  // No account "piet.janssens": the answers are those of a wrong password, then of the limit, so
  // neither tells whether the name exists.
  v1::LoginStaffResponse resp;
  for (int i = 1; i <= kBurst; ++i) {
    EXPECT_EQ(Reason(LoginStaff(kSintTruiden, kSintTruiden, "piet.janssens", "fout", &resp)),
              "INVALID_CREDENTIALS")
        << i;
  }
  grpc::Status s = LoginStaff(kSintTruiden, kSintTruiden, "piet.janssens", "fout", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Reason(s), "LOGIN_RATE_LIMITED");
}

TEST_F(LoginLimitTest, RedisHoldsTheBucketsButNoUserName) {
  MustCreateStaff(kSintTruiden, "jan.peeters", {cv1::ROLE_COORDINATOR});
  v1::LoginStaffResponse resp;
  ASSERT_TRUE(LoginStaff(kSintTruiden, kSintTruiden, "Jan.Peeters", kStaffPassword, &resp).ok());
  LoginStaff(kSintTruiden, kSintTruiden, "piet.janssens", "fout", &resp);

  auto keys = redis_->Command({"KEYS", "*"});
  ASSERT_TRUE(keys.ok()) << keys.status();
  int buckets = 0;
  for (const auto& key : keys->elements) {
    EXPECT_FALSE(absl::StrContains(absl::AsciiStrToLower(key.str), "jan")) << key.str;
    EXPECT_FALSE(absl::StrContains(absl::AsciiStrToLower(key.str), "piet")) << key.str;
    if (absl::StartsWith(key.str, "meldpunt:identity:rl:login:71053:")) ++buckets;
  }
  EXPECT_EQ(buckets, 2);  // one per name tried
  EXPECT_EQ(keys->elements.size(), 2u) << "nothing else in this Redis holds names either";
}

TEST_F(LoginLimitTest, RedisUnreachableRefusesLoginsClosed) {
  MustCreateStaff(kSintTruiden, "jan.peeters", {cv1::ROLE_COORDINATOR});
  ASSERT_TRUE(redis_server_->Stop().ok());
  v1::LoginStaffResponse resp;
  grpc::Status s = LoginStaff(kSintTruiden, kSintTruiden, "jan.peeters", kStaffPassword, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Reason(s), "RATE_LIMITER_UNAVAILABLE");
  EXPECT_GT(RetryDelay(s).count(), 0);
  // Nothing was counted against the account while the limit could not be checked.
  EXPECT_EQ(Scalar("SELECT failed_attempts FROM staff_accounts"), 0);
}

}  // namespace
}  // namespace meldpunt::identity::service_test

// The per-name login limit's key, policy and answers, over a fake limiter (the buckets
// themselves are tested against Redis in libs/rate_limit and through the service in
// tests/api/login_limit_integration_test.cc).
#include "services/identity/src/staff/login_attempt_limiter.h"

#include <gtest/gtest.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "libs/status/status.h"
#include "libs/testing/fake_rate_limiter.h"
#include "services/identity/src/staff/reasons.h"

namespace meldpunt::identity::staff {
namespace {

constexpr char kTenant[] = "71053";
constexpr char kOtherTenant[] = "71022";

class LoginAttemptLimiterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    protector_ = std::move(crypto::DataProtector::FromSecret(std::string(32, 'k'))).value();
    Reset(LoginAttemptPolicy{});
  }

  void Reset(LoginAttemptPolicy policy) {
    auto created = LoginAttemptLimiter::Create(&limiter_, protector_.get(), policy);
    ASSERT_TRUE(created.ok()) << created.status();
    attempts_ = std::move(*created);
  }

  meldpunt::testing::FakeRateLimiter limiter_;
  std::unique_ptr<crypto::DataProtector> protector_;
  std::unique_ptr<LoginAttemptLimiter> attempts_;
};

TEST_F(LoginAttemptLimiterTest, OneBucketPerTenantAndCaseFoldedNameThatHoldsNoName) {
  const std::string key = attempts_->BucketKey(kTenant, "Jan.Peeters");
  EXPECT_TRUE(absl::StartsWith(key, "meldpunt:identity:rl:login:71053:")) << key;
  EXPECT_EQ(key.size(), std::string("meldpunt:identity:rl:login:71053:").size() + 32);
  EXPECT_FALSE(absl::StrContains(absl::AsciiStrToLower(key), "jan")) << key;
  EXPECT_FALSE(absl::StrContains(absl::AsciiStrToLower(key), "peeters")) << key;
  // User names compare without case, so their buckets do too.
  EXPECT_EQ(attempts_->BucketKey(kTenant, "JAN.PEETERS"), key);
  EXPECT_EQ(attempts_->BucketKey(kTenant, "jan.peeters"), key);
  // Another name, or the same name in another municipality, is another bucket.
  EXPECT_NE(attempts_->BucketKey(kTenant, "an.claes"), key);
  EXPECT_NE(attempts_->BucketKey(kOtherTenant, "jan.peeters"), key);
  // Keyed by the master secret: who reads Redis cannot hash candidate names to find them.
  auto other_secret = std::move(crypto::DataProtector::FromSecret(std::string(32, 'o'))).value();
  auto other = std::move(LoginAttemptLimiter::Create(&limiter_, other_secret.get())).value();
  EXPECT_NE(other->BucketKey(kTenant, "jan.peeters"), key);
}

TEST_F(LoginAttemptLimiterTest, AdmitChargesTheNamesBucketWithTheDefaultPolicyFailingClosed) {
  ASSERT_TRUE(attempts_->Admit(kTenant, "Jan.Peeters").ok());
  EXPECT_EQ(limiter_.calls, 1);
  ASSERT_EQ(limiter_.buckets.size(), 1u);
  EXPECT_EQ(limiter_.buckets[0].key, attempts_->BucketKey(kTenant, "jan.peeters"));
  EXPECT_DOUBLE_EQ(limiter_.buckets[0].limit.burst, 10);
  EXPECT_DOUBLE_EQ(limiter_.buckets[0].limit.per_second, 1.0 / 30);
  EXPECT_FALSE(limiter_.last_fail_open);
}

TEST_F(LoginAttemptLimiterTest, PolicyIsConfigurable) {
  Reset(LoginAttemptPolicy{3, absl::Minutes(2), true});
  ASSERT_TRUE(attempts_->Admit(kTenant, "jan.peeters").ok());
  EXPECT_DOUBLE_EQ(limiter_.buckets[0].limit.burst, 3);
  EXPECT_DOUBLE_EQ(limiter_.buckets[0].limit.per_second, 1.0 / 120);
  EXPECT_TRUE(limiter_.last_fail_open);

  EXPECT_FALSE(LoginAttemptLimiter::Create(&limiter_, protector_.get(),
                                           LoginAttemptPolicy{0, absl::Seconds(30), false})
                   .ok());
  EXPECT_FALSE(LoginAttemptLimiter::Create(&limiter_, protector_.get(),
                                           LoginAttemptPolicy{10, absl::ZeroDuration(), false})
                   .ok());
}

TEST_F(LoginAttemptLimiterTest, AnEmptyBucketIsLoginRateLimitedWithTheLimitersRetryDelay) {
  limiter_.answer = status::Error(absl::StatusCode::kResourceExhausted, rate_limit::kRateLimited,
                                  "rate limit reached; retry in 12345 ms");
  status::SetRetryDelay(limiter_.answer, std::chrono::milliseconds(12345));
  absl::Status s = attempts_->Admit(kTenant, "jan.peeters");
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(status::Reason(s), kLoginRateLimited);
  EXPECT_FALSE(absl::StrContains(s.message(), "jan")) << s;
  auto retry = status::Details(s).retry_delay;
  ASSERT_TRUE(retry.has_value());
  EXPECT_EQ(*retry, std::chrono::milliseconds(12345));
}

TEST_F(LoginAttemptLimiterTest, RedisUnreachablePassesThroughAsUnavailable) {
  limiter_.answer = status::Unavailable(rate_limit::kRateLimiterUnavailable, "down");
  status::SetRetryDelay(limiter_.answer, std::chrono::seconds(1));
  absl::Status s = attempts_->Admit(kTenant, "jan.peeters");
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status::Reason(s), rate_limit::kRateLimiterUnavailable);
  EXPECT_TRUE(status::Details(s).retry_delay.has_value());
}

}  // namespace
}  // namespace meldpunt::identity::staff

// Token buckets in a real Redis of the test's own, which the test stops and starts again.
#include "libs/rate_limit/redis_rate_limiter.h"

#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "libs/redis/hiredis_client.h"
#include "libs/status/status.h"
#include "libs/testing/test_redis.h"

namespace meldpunt::rate_limit {
namespace {

using meldpunt::testing::TestRedis;

class RedisRateLimiterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = TestRedis::Create();
    ASSERT_TRUE(r.ok()) << r.status();
    redis_server_ = std::move(*r);
    client_ = redis_server_->NewClient();
    limiter_ = std::make_unique<RedisRateLimiter>(client_.get());
  }

  // Calls until one is refused or max calls passed; the number that passed.
  int Drain(const std::vector<Bucket>& buckets, int max, absl::Status* refusal) {
    for (int i = 0; i < max; ++i) {
      absl::Status s = limiter_->Acquire(buckets, true);
      if (!s.ok()) {
        *refusal = s;
        return i;
      }
    }
    return max;
  }

  // Polls (bounded) until a call passes.
  bool PassesWithin(const std::vector<Bucket>& buckets, absl::Duration bound, bool fail_open = true) {
    const absl::Time until = absl::Now() + bound;
    while (absl::Now() < until) {
      if (limiter_->Acquire(buckets, fail_open).ok()) return true;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return false;
  }

  std::unique_ptr<TestRedis> redis_server_;
  std::unique_ptr<redis::HiredisClient> client_;
  std::unique_ptr<RedisRateLimiter> limiter_;
};

TEST_F(RedisRateLimiterTest, TheBucketEmptiesAndSaysWhenToRetry) {
  // A slow refill (1 per 100 s) so no token comes back while the test runs.
  const std::vector<Bucket> b = {{"rl:test:a", {0.01, 5}}};
  absl::Status refusal;
  EXPECT_EQ(Drain(b, 20, &refusal), 5);
  EXPECT_EQ(refusal.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(status::Reason(refusal), "RATE_LIMITED");
  auto retry = status::Details(refusal).retry_delay;
  ASSERT_TRUE(retry.has_value());
  EXPECT_GT(retry->count(), 90 * 1000);
  EXPECT_LE(retry->count(), 100 * 1000);
  // Other keys are other buckets.
  EXPECT_TRUE(limiter_->Acquire({{"rl:test:b", {0.01, 5}}}, true).ok());
}

TEST_F(RedisRateLimiterTest, TheBucketRefills) {
  const std::vector<Bucket> b = {{"rl:test:refill", {20, 2}}};  // a token every 50 ms
  absl::Status refusal;
  EXPECT_EQ(Drain(b, 10, &refusal), 2);
  ASSERT_TRUE(status::Details(refusal).retry_delay.has_value());
  EXPECT_LE(status::Details(refusal).retry_delay->count(), 50);
  EXPECT_TRUE(PassesWithin(b, absl::Seconds(5)));
}

TEST_F(RedisRateLimiterTest, AllBucketsOfACallOrNone) {
  const Bucket client{"rl:test:client", {0.01, 10}};
  const Bucket user{"rl:test:user", {0.01, 2}};
  absl::Status refusal;
  EXPECT_EQ(Drain({client, user}, 10, &refusal), 2);
  EXPECT_EQ(status::Reason(refusal), "RATE_LIMITED");
  // The refused calls took nothing from the client's bucket: 8 of its 10 remain.
  EXPECT_EQ(Drain({client}, 20, &refusal), 8);
}

TEST_F(RedisRateLimiterTest, ReloadsTheScriptAfterAFlush) {
  const std::vector<Bucket> b = {{"rl:test:flush", {0.01, 3}}};
  auto cached = [&] {
    auto r = client_->Command({"SCRIPT", "EXISTS", limiter_->script_sha1()});
    return r.ok() && r->is_array() && r->elements.size() == 1 && r->elements[0].integer == 1;
  };
  ASSERT_TRUE(limiter_->Acquire(b, false).ok());
  EXPECT_TRUE(cached());
  ASSERT_TRUE(client_->Command({"SCRIPT", "FLUSH"}).ok());
  EXPECT_FALSE(cached());
  // EVALSHA now answers NOSCRIPT; the limiter falls back to EVAL (which caches the script again)
  // and the bucket keeps its count.
  ASSERT_TRUE(limiter_->Acquire(b, false).ok());
  EXPECT_TRUE(cached());
  absl::Status refusal;
  EXPECT_EQ(Drain(b, 10, &refusal), 1);
}

TEST_F(RedisRateLimiterTest, RedisDownFailsOpenOrClosedAsConfigured) {
  const std::vector<Bucket> b = {{"rl:test:down", {0.01, 1}}};
  ASSERT_TRUE(limiter_->Acquire(b, true).ok());
  ASSERT_FALSE(limiter_->Acquire(b, true).ok());  // empty while Redis is up

  ASSERT_TRUE(redis_server_->Stop().ok());
  // Open: passes without a limit (counted). Closed: refused, with a retry hint.
  EXPECT_TRUE(limiter_->Acquire(b, true).ok());
  EXPECT_GE(limiter_->failed_open(), 1u);
  absl::Status closed = limiter_->Acquire(b, false);
  EXPECT_EQ(closed.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status::Reason(closed), "RATE_LIMITER_UNAVAILABLE");
  EXPECT_TRUE(status::Details(closed).retry_delay.has_value());

  // Back up (empty: this Redis keeps no data across restarts): limits apply again.
  ASSERT_TRUE(redis_server_->Start().ok());
  EXPECT_TRUE(PassesWithin(b, absl::Seconds(5), /*fail_open=*/false));
  absl::Status refusal;
  EXPECT_EQ(Drain(b, 5, &refusal), 0);
  EXPECT_EQ(status::Reason(refusal), "RATE_LIMITED");
}

}  // namespace
}  // namespace meldpunt::rate_limit

#include "libs/events/backoff.h"

#include "gtest/gtest.h"

namespace meldpunt::events {
namespace {

using std::chrono::milliseconds;

TEST(BackoffTest, DoublesUpToTheCap) {
  BackoffPolicy policy{milliseconds(100), milliseconds(1000), 2.0, 0.0};
  EXPECT_EQ(BackoffDelay(policy, 1), milliseconds(100));
  EXPECT_EQ(BackoffDelay(policy, 2), milliseconds(200));
  EXPECT_EQ(BackoffDelay(policy, 3), milliseconds(400));
  EXPECT_EQ(BackoffDelay(policy, 4), milliseconds(800));
  EXPECT_EQ(BackoffDelay(policy, 5), milliseconds(1000));
  EXPECT_EQ(BackoffDelay(policy, 1000000), milliseconds(1000));  // no overflow
}

TEST(BackoffTest, AttemptsBelowOneCountAsTheFirst) {
  BackoffPolicy policy{milliseconds(50), milliseconds(1000), 3.0, 0.0};
  EXPECT_EQ(BackoffDelay(policy, 0), milliseconds(50));
  EXPECT_EQ(BackoffDelay(policy, -5), milliseconds(50));
  EXPECT_EQ(BackoffDelay(policy, 2), milliseconds(150));
}

TEST(BackoffTest, JitterOnlyShortens) {
  BackoffPolicy policy{milliseconds(1000), milliseconds(1000), 2.0, 0.5};
  EXPECT_EQ(BackoffDelay(policy, 1, 0.0), milliseconds(1000));
  EXPECT_EQ(BackoffDelay(policy, 1, 0.5), milliseconds(750));
  EXPECT_EQ(BackoffDelay(policy, 1, 0.999), milliseconds(500));
  EXPECT_EQ(BackoffDelay(policy, 1, 7.0), milliseconds(500));  // clamped
}

TEST(BackoffTest, NonsensePoliciesStaySane) {
  BackoffPolicy shrinking{milliseconds(100), milliseconds(1000), 0.5, 0.0};
  EXPECT_EQ(BackoffDelay(shrinking, 5), milliseconds(100));  // multiplier below 1 → constant
  BackoffPolicy negative{milliseconds(-5), milliseconds(-5), 2.0, -1.0};
  EXPECT_EQ(BackoffDelay(negative, 3), milliseconds(0));
}

TEST(BackoffTest, StatefulFormCountsAndResets) {
  Backoff backoff({milliseconds(10), milliseconds(40), 2.0, 0.0});
  EXPECT_EQ(backoff.Next(), milliseconds(10));
  EXPECT_EQ(backoff.Next(), milliseconds(20));
  EXPECT_EQ(backoff.Next(), milliseconds(40));
  EXPECT_EQ(backoff.Next(), milliseconds(40));
  EXPECT_EQ(backoff.failures(), 4);
  backoff.Reset();
  EXPECT_EQ(backoff.Next(), milliseconds(10));
}

TEST(BackoffTest, JitteredDelaysStayInRange) {
  Backoff backoff({milliseconds(1000), milliseconds(1000), 2.0, 0.2});
  for (int i = 0; i < 100; ++i) {
    milliseconds d = backoff.Next();
    EXPECT_GE(d, milliseconds(800));
    EXPECT_LE(d, milliseconds(1000));
  }
}

}  // namespace
}  // namespace meldpunt::events

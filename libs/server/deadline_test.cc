#include "libs/server/deadline.h"

#include <gtest/gtest.h>

namespace meldpunt::server {
namespace {

using std::chrono::milliseconds;

TEST(DeadlineTest, NoClientDeadlineGetsTheDefault) {
  DeadlinePolicy policy{milliseconds(2000), milliseconds(5000)};
  TimePoint now = std::chrono::system_clock::now();
  EXPECT_EQ(EffectiveDeadline(TimePoint::max(), now, policy), now + milliseconds(2000));
}

TEST(DeadlineTest, ClientDeadlineIsKeptWhenShorter) {
  DeadlinePolicy policy{milliseconds(2000), milliseconds(5000)};
  TimePoint now = std::chrono::system_clock::now();
  EXPECT_EQ(EffectiveDeadline(now + milliseconds(300), now, policy), now + milliseconds(300));
}

TEST(DeadlineTest, LongClientDeadlineIsCapped) {
  DeadlinePolicy policy{milliseconds(2000), milliseconds(5000)};
  TimePoint now = std::chrono::system_clock::now();
  EXPECT_EQ(EffectiveDeadline(now + std::chrono::hours(1), now, policy), now + milliseconds(5000));
  EXPECT_EQ(EffectiveDeadline(now + std::chrono::hours(24 * 400), now, policy),
            now + milliseconds(2000));
}

}  // namespace
}  // namespace meldpunt::server

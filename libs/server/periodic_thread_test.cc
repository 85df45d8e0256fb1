#include "libs/server/periodic_thread.h"

#include <atomic>
#include <future>

#include <gtest/gtest.h>

namespace meldpunt::server {
namespace {

TEST(PeriodicThreadTest, RunsRoundsUntilStoppedAndStopEndsALongWait) {
  PeriodicThread thread;
  std::atomic<int> rounds{0};
  std::promise<void> second;
  thread.Start([&] {
    if (++rounds == 2) second.set_value();
    // A short wait after the first round, then one far longer than the test.
    return rounds == 1 ? std::chrono::nanoseconds(std::chrono::milliseconds(1))
                       : std::chrono::nanoseconds(std::chrono::hours(1));
  });
  second.get_future().wait();
  thread.Stop();  // would wait out the hour (and the test time out) if Stop did not interrupt
  EXPECT_EQ(rounds.load(), 2);
  thread.Stop();  // idempotent
}

TEST(PeriodicThreadTest, CanStartAgainAfterStop) {
  PeriodicThread thread;
  std::atomic<int> rounds{0};
  for (int i = 0; i < 2; ++i) {
    std::promise<void> ran;
    bool signalled = false;
    thread.Start([&] {
      ++rounds;
      if (!signalled) {
        signalled = true;
        ran.set_value();
      }
      return std::chrono::nanoseconds(std::chrono::hours(1));
    });
    ran.get_future().wait();
    thread.Stop();
  }
  EXPECT_EQ(rounds.load(), 2);
}

}  // namespace
}  // namespace meldpunt::server

#include "libs/server/worker_pool.h"

#include <atomic>
#include <future>

#include <gtest/gtest.h>

namespace meldpunt::server {
namespace {

TEST(WorkerPoolTest, RunsSubmittedWork) {
  WorkerPool pool(2, 16);
  std::atomic<int> done{0};
  std::vector<std::promise<void>> finished(10);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(pool.TrySubmit([&, i] {
      ++done;
      finished[i].set_value();
    }));
  }
  for (auto& f : finished) f.get_future().wait();
  EXPECT_EQ(done.load(), 10);
}

TEST(WorkerPoolTest, RefusesWhenQueueIsFull) {
  WorkerPool pool(1, 2);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    gate.wait();
  }));
  started.get_future().wait();  // the only worker is now busy
  EXPECT_TRUE(pool.TrySubmit([gate] { gate.wait(); }));
  EXPECT_TRUE(pool.TrySubmit([gate] { gate.wait(); }));
  EXPECT_FALSE(pool.TrySubmit([] {}));  // queue holds 2: the third is refused, not queued
  EXPECT_EQ(pool.queued(), 2u);
  EXPECT_EQ(pool.busy(), 1u);
  release.set_value();
  pool.Stop();
  EXPECT_EQ(pool.queued(), 0u);
}

TEST(WorkerPoolTest, StopRunsQueuedWorkThenRefusesMore) {
  std::atomic<int> done{0};
  WorkerPool pool(1, 100);
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.TrySubmit([&] { ++done; }));
  pool.Stop();
  EXPECT_EQ(done.load(), 50);
  EXPECT_FALSE(pool.TrySubmit([] {}));
  pool.Stop();  // idempotent
}

}  // namespace
}  // namespace meldpunt::server

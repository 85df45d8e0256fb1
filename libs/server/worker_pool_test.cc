#include "libs/server/worker_pool.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
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

// A clock the test moves by hand: queue time without sleeping or timing thresholds.
class FakeClock {
 public:
  std::chrono::steady_clock::time_point Now() const {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(ms_.load()));
  }
  void Advance(std::chrono::milliseconds by) { ms_ += by.count(); }
  std::function<std::chrono::steady_clock::time_point()> Fn() {
    return [this] { return Now(); };
  }

 private:
  std::atomic<std::int64_t> ms_{1000000};
};

TEST(WorkerPoolTest, ShedsWorkThatWaitedTooLongAndRefusesWhileTheQueueStands) {
  FakeClock clock;
  WorkerPool pool(WorkerPoolOptions{1, 10, std::chrono::milliseconds(100), clock.Fn()});
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    gate.wait();
  }));
  started.get_future().wait();  // the only worker is now busy

  std::atomic<bool> ran{false};
  std::promise<void> shed;
  ASSERT_TRUE(pool.TrySubmit([&] { ran = true; }, [&] { shed.set_value(); }));
  clock.Advance(std::chrono::milliseconds(100));
  // Exactly at the bound is not over it: still admitted.
  std::atomic<bool> second_ran{false};
  std::promise<void> second_shed;
  ASSERT_TRUE(pool.TrySubmit([&] { second_ran = true; }, [&] { second_shed.set_value(); }));
  clock.Advance(std::chrono::milliseconds(1));
  // The oldest queued task has now waited longer than the bound: newcomers are refused at once,
  // although the queue has room.
  EXPECT_FALSE(pool.TrySubmit([] {}, [] {}));
  EXPECT_EQ(pool.queued(), 2u);

  clock.Advance(std::chrono::milliseconds(100));
  release.set_value();
  shed.get_future().wait();         // waited 201 ms: shed, not run
  second_shed.get_future().wait();  // waited 101 ms: shed too
  EXPECT_FALSE(ran.load());
  EXPECT_FALSE(second_ran.load());

  // The queue drained: work is admitted and run again.
  std::promise<void> done;
  ASSERT_TRUE(pool.TrySubmit([&] { done.set_value(); }, [] { FAIL() << "shed a fresh task"; }));
  done.get_future().wait();
  pool.Stop();
  EXPECT_EQ(pool.shed(), 2u);
}

TEST(WorkerPoolTest, EstimatedWaitBoundsAdmission) {
  FakeClock clock;
  WorkerPool pool(WorkerPoolOptions{2, 10, std::chrono::milliseconds(100), clock.Fn()});
  // Teach the pool that a task holds a worker for 40 ms.
  std::promise<void> measured;
  ASSERT_TRUE(pool.TrySubmit([&] {
    clock.Advance(std::chrono::milliseconds(40));
    measured.set_value();
  }));
  measured.get_future().wait();
  // Both threads held. The thread that ran the 40 ms task recorded it before it took one of
  // these, so once both have started the average is known.
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> first, second;
  ASSERT_TRUE(pool.TrySubmit([&] {
    first.set_value();
    gate.wait();
  }));
  ASSERT_TRUE(pool.TrySubmit([&] {
    second.set_value();
    gate.wait();
  }));
  first.get_future().wait();
  second.get_future().wait();
  EXPECT_EQ(pool.average_service(), std::chrono::milliseconds(40));
  // Five queued tasks ahead are 5 × 40 ms / 2 threads = 100 ms: the sixth may still wait that
  // long, the seventh (6 ahead: 120 ms) is refused at once, though the queue has room and no
  // queued task has waited at all.
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(pool.TrySubmit([] {}, [] {})) << i;
  EXPECT_FALSE(pool.TrySubmit([] {}, [] {}));
  EXPECT_EQ(pool.queued(), 6u);
  release.set_value();
  pool.Stop();
  EXPECT_EQ(pool.shed(), 0u);
}

TEST(WorkerPoolTest, RunsWorkWithoutShedCallbackHoweverLongItWaited) {
  FakeClock clock;
  WorkerPool pool(WorkerPoolOptions{1, 10, std::chrono::milliseconds(100), clock.Fn()});
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    gate.wait();
  }));
  started.get_future().wait();
  std::promise<void> ran;
  ASSERT_TRUE(pool.TrySubmit([&] { ran.set_value(); }));
  clock.Advance(std::chrono::seconds(10));
  release.set_value();
  ran.get_future().wait();
  pool.Stop();
  EXPECT_EQ(pool.shed(), 0u);
}

TEST(WorkerPoolTest, NoTimeBoundByDefault) {
  FakeClock clock;
  WorkerPool pool(WorkerPoolOptions{1, 10, std::chrono::milliseconds(0), clock.Fn()});
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    gate.wait();
  }));
  started.get_future().wait();
  std::promise<void> ran;
  ASSERT_TRUE(pool.TrySubmit([&] { ran.set_value(); }, [] { FAIL() << "shed without a bound"; }));
  clock.Advance(std::chrono::hours(1));
  EXPECT_TRUE(pool.TrySubmit([] {}, [] {}));
  release.set_value();
  ran.get_future().wait();
  pool.Stop();
  EXPECT_EQ(pool.shed(), 0u);
}

}  // namespace
}  // namespace meldpunt::server

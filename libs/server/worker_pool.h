#pragma once
// A fixed set of threads with a bounded queue for blocking work (PostgreSQL, Redis). gRPC
// reactors hand work here and return at once; when the queue is full the caller is told so
// immediately, and the RPC is answered RESOURCE_EXHAUSTED rather than queued without bound.
//
// The queue can also be bounded in time (max_queue_wait). A length bound alone lets overload
// turn into waiting: 256 calls queued in front of 8 database connections is most of a second at
// the rate BENCHMARKS.md measured, more whenever the database slows down, and callers time out
// instead of being told to back off (BENCHMARKS.md, run 4). With
// the time bound a new task is refused at once when it would wait longer: when the tasks ahead
// of it, at the average time a task has held a worker lately, would take the threads longer
// than the bound, or when the oldest queued task has already waited longer (the queue is not
// draining, e.g. while the database stalls and no task finishes to update the average). A task
// that waited longer all the same is shed when a worker takes it: its shed callback answers
// "busy" instead of doing the work, late.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace meldpunt::server {

struct WorkerPoolOptions {
  std::size_t threads = 8;
  std::size_t queue_capacity = 256;
  std::chrono::milliseconds max_queue_wait{0};  // 0: no time bound
  // Where queue time is read from; tests pass a fake clock. Empty: std::chrono::steady_clock.
  std::function<std::chrono::steady_clock::time_point()> now;
};

class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t queue_capacity);
  explicit WorkerPool(WorkerPoolOptions options);
  ~WorkerPool();  // Stop()

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the queue already holds queue_capacity tasks, the task would wait longer than
  // max_queue_wait (see above), or the pool is stopping. The task runs however long it waited.
  bool TrySubmit(std::function<void()> task);

  // The same, but a task that waited longer than max_queue_wait by the time a worker takes it is
  // not run: shed runs instead (on the worker), to answer the caller quickly.
  bool TrySubmit(std::function<void()> task, std::function<void()> shed);

  // Runs what is queued (or sheds it, as above), then joins the threads. Idempotent.
  void Stop();

  std::size_t queued() const;
  std::size_t busy() const;
  std::uint64_t shed() const;  // tasks shed so far
  // The exponentially weighted average time a task has held a worker (by the pool's clock).
  std::chrono::nanoseconds average_service() const;
  std::size_t threads() const { return workers_.size(); }
  std::size_t capacity() const { return capacity_; }
  std::chrono::milliseconds max_queue_wait() const { return max_queue_wait_; }

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  struct Task {
    std::function<void()> run;
    std::function<void()> shed;  // may be empty: run regardless
    TimePoint enqueued;
  };

  TimePoint Now() const;
  bool WaitedTooLong(const Task& task, TimePoint now) const;
  bool WouldWaitTooLong(TimePoint now) const;  // with mu_ held
  void Run();

  const std::size_t capacity_;
  const std::size_t thread_count_;
  const std::chrono::milliseconds max_queue_wait_;
  const std::function<TimePoint()> now_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;
  std::size_t busy_ = 0;
  std::uint64_t shed_ = 0;
  double service_ns_ = 0;  // 0 until a task has run
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace meldpunt::server

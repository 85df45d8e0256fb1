#include "libs/server/worker_pool.h"

#include <utility>

namespace meldpunt::server {

WorkerPool::WorkerPool(std::size_t threads, std::size_t queue_capacity)
    : WorkerPool(WorkerPoolOptions{threads, queue_capacity, std::chrono::milliseconds(0), {}}) {}

namespace {

// Weight of the newest task in the average service time: recent enough to follow a change of
// load within a few dozen tasks, smooth enough that one slow call does not close the door.
constexpr double kServiceWeight = 1.0 / 8;

}  // namespace

WorkerPool::WorkerPool(WorkerPoolOptions options)
    : capacity_(options.queue_capacity),
      thread_count_(options.threads == 0 ? 1 : options.threads),
      max_queue_wait_(options.max_queue_wait),
      now_(std::move(options.now)) {
  workers_.reserve(thread_count_);
  for (std::size_t i = 0; i < thread_count_; ++i) workers_.emplace_back([this] { Run(); });
}

WorkerPool::~WorkerPool() { Stop(); }

WorkerPool::TimePoint WorkerPool::Now() const {
  return now_ ? now_() : std::chrono::steady_clock::now();
}

bool WorkerPool::WaitedTooLong(const Task& task, TimePoint now) const {
  return max_queue_wait_.count() > 0 && now - task.enqueued > max_queue_wait_;
}

bool WorkerPool::WouldWaitTooLong(TimePoint now) const {
  if (max_queue_wait_.count() <= 0 || queue_.empty()) return false;
  if (WaitedTooLong(queue_.front(), now)) return true;
  // The tasks ahead, drained by every thread at once.
  const double ahead_ns = static_cast<double>(queue_.size()) * service_ns_ /
                          static_cast<double>(thread_count_);
  const auto bound = std::chrono::duration_cast<std::chrono::nanoseconds>(max_queue_wait_);
  return ahead_ns > static_cast<double>(bound.count());
}

bool WorkerPool::TrySubmit(std::function<void()> task) {
  return TrySubmit(std::move(task), nullptr);
}

bool WorkerPool::TrySubmit(std::function<void()> task, std::function<void()> shed) {
  const TimePoint now = Now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || queue_.size() >= capacity_) return false;
    if (WouldWaitTooLong(now)) return false;
    queue_.push_back(Task{std::move(task), std::move(shed), now});
  }
  cv_.notify_one();
  return true;
}

void WorkerPool::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
  workers_.clear();
}

std::size_t WorkerPool::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

std::size_t WorkerPool::busy() const {
  std::lock_guard<std::mutex> lock(mu_);
  return busy_;
}

std::uint64_t WorkerPool::shed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return shed_;
}

std::chrono::nanoseconds WorkerPool::average_service() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::chrono::nanoseconds(static_cast<std::int64_t>(service_ns_));
}

void WorkerPool::Run() {
  for (;;) {
    Task task;
    bool shedding = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      // Queued work is still run when stopping: each task finishes an RPC that was accepted.
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
      shedding = task.shed && WaitedTooLong(task, Now());
      if (shedding) ++shed_;
    }
    if (shedding) {
      task.shed();
      std::lock_guard<std::mutex> lock(mu_);
      --busy_;
      continue;
    }
    const TimePoint started = Now();
    task.run();
    const double took_ns = static_cast<double>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Now() - started).count());
    std::lock_guard<std::mutex> lock(mu_);
    --busy_;
    service_ns_ =
        service_ns_ == 0 ? took_ns : service_ns_ + kServiceWeight * (took_ns - service_ns_);
  }
}

}  // namespace meldpunt::server

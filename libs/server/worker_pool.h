#pragma once
// A fixed set of threads with a bounded queue for blocking work (PostgreSQL, Redis). gRPC
// reactors hand work here and return at once; when the queue is full the caller is told so
// immediately, and the RPC is answered RESOURCE_EXHAUSTED rather than queued without bound.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace meldpunt::server {

class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t queue_capacity);
  ~WorkerPool();  // Stop()

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the queue already holds queue_capacity tasks or the pool is stopping.
  bool TrySubmit(std::function<void()> task);

  // Runs what is queued, then joins the threads. Idempotent.
  void Stop();

  std::size_t queued() const;
  std::size_t busy() const;
  std::size_t threads() const { return workers_.size(); }
  std::size_t capacity() const { return capacity_; }

 private:
  void Run();

  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::size_t busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace meldpunt::server

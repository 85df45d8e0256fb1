#pragma once
// Background work that runs in rounds on its own thread until stopped: key refreshes, health
// checks, reloads. Each round says how long to wait before the next; Stop() ends the wait at
// once and joins, so a service stops its background work without waiting out an interval.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace meldpunt::server {

class PeriodicThread {
 public:
  // round runs first at Start(), then again after the delay it returned.
  using Round = std::function<std::chrono::nanoseconds()>;

  PeriodicThread() = default;
  ~PeriodicThread() { Stop(); }
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

  // Starts the thread (once; again after Stop()).
  void Start(Round round);
  // Interrupts the wait, lets a running round finish, joins. Idempotent.
  void Stop();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace meldpunt::server

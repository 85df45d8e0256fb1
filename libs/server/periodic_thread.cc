#include "libs/server/periodic_thread.h"

namespace meldpunt::server {

void PeriodicThread::Start(Round round) {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, round = std::move(round)] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      lock.unlock();
      const std::chrono::nanoseconds delay = round();
      lock.lock();
      cv_.wait_for(lock, delay, [this] { return stopping_; });
    }
  });
}

void PeriodicThread::Stop() {
  std::thread joining;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    joining = std::move(thread_);
  }
  cv_.notify_all();
  if (joining.joinable()) joining.join();
}

}  // namespace meldpunt::server

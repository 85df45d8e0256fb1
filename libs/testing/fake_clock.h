#pragma once
// A Clock that tests set and move by hand, shared by every test that fixes time.

#include <mutex>

#include "absl/time/time.h"
#include "libs/time/clock.h"

namespace meldpunt::testing {

class FakeClock final : public time::Clock {
 public:
  explicit FakeClock(absl::Time start = absl::FromUnixSeconds(1700000000)) : now_(start) {}

  absl::Time Now() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return now_;
  }
  void Set(absl::Time t) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ = t;
  }
  void Advance(absl::Duration d) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ += d;
  }

 private:
  mutable std::mutex mu_;
  absl::Time now_;
};

}  // namespace meldpunt::testing

#pragma once
// A RateLimiter that answers what the test says and remembers what it was asked, shared by the
// unit tests of everything that takes a limiter (the gateway's admission, identity's login).
// Header-only, like fake_clock.h: unit tests need no Redis. Acquire may be called from several
// threads (parallel logins); read the fields once those have finished.

#include <functional>
#include <mutex>
#include <vector>

#include "absl/status/status.h"
#include "libs/rate_limit/rate_limiter.h"

namespace meldpunt::testing {

class FakeRateLimiter final : public rate_limit::RateLimiter {
 public:
  absl::Status Acquire(const std::vector<rate_limit::Bucket>& b, bool fail_open) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++calls;
    buckets = b;
    last_fail_open = fail_open;
    if (on_acquire) on_acquire();
    return answer;
  }

  int calls = 0;
  std::vector<rate_limit::Bucket> buckets;  // of the last call
  bool last_fail_open = false;
  absl::Status answer;                     // what every call answers (OK by default)
  std::function<void()> on_acquire;        // lets a test see when the limiter runs

 private:
  std::mutex mu_;
};

}  // namespace meldpunt::testing

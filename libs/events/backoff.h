#pragma once
// Capped exponential back-off, used by the relay while Redis is unreachable and by the consumer
// between attempts at a failing event.

#include <chrono>

#include "absl/random/random.h"

namespace meldpunt::events {

struct BackoffPolicy {
  std::chrono::milliseconds initial{100};
  std::chrono::milliseconds max{10000};
  double multiplier = 2.0;
  // Each delay is shortened by a random fraction up to this much, so replicas that failed
  // together do not retry in lockstep.
  double jitter = 0.2;
};

// The delay before retry number attempt (1-based): initial·multiplier^(attempt−1), capped at
// max, then shortened by jitter·jitter_unit (jitter_unit in [0, 1)). Pure, for tests.
std::chrono::milliseconds BackoffDelay(const BackoffPolicy& policy, int attempt,
                                       double jitter_unit = 0.0);

// The stateful form: Next() after each failure, Reset() after a success. Not thread-safe.
class Backoff {
 public:
  explicit Backoff(BackoffPolicy policy) : policy_(policy) {}
  std::chrono::milliseconds Next();
  void Reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  BackoffPolicy policy_;
  int failures_ = 0;
  absl::BitGen random_;
};

}  // namespace meldpunt::events

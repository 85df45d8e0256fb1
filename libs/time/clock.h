#pragma once
// Time as a dependency, so tests can fix it (libs/testing/fake_clock.h).

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace meldpunt::time {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// A process-wide SystemClock.
inline const Clock& DefaultClock() {
  static const SystemClock clock;
  return clock;
}

}  // namespace meldpunt::time
